-- #9 item 1 "keep me signed in" for tills: one row per device that ticked the box. The cookie holds
-- selector:validator; only the SHA-256 of the validator (256 random bits) is stored, so a copy of
-- this table signs nobody in. Rows go on logout (that device), on a password change (every device
-- of the account) and when they expire.
CREATE TABLE remember_me_token (
  selector        VARCHAR(32)  NOT NULL PRIMARY KEY,
  validator_hash  VARCHAR(64)  NOT NULL,
  user_id         BIGINT       NOT NULL,
  created_at      TIMESTAMP    NOT NULL,
  expires_at      TIMESTAMP    NOT NULL,
  last_used_at    TIMESTAMP,
  CONSTRAINT fk_remember_me_token_user FOREIGN KEY (user_id) REFERENCES user_account (id)
);
CREATE INDEX ix_remember_me_token_user ON remember_me_token (user_id);
