-- Resident sign-up and identity (#10 items 1 and 9; R-90, R-91, R-13).

-- A resident's contact details are confirmed, not just typed: the e-mail by a link (R-90), the
-- phone by an SMS code; a confirmed phone gets a code at each login (two-factor). The address is
-- in the city or not (R-81 eligibility is decided on it). The terms accepted at sign-up, the
-- preferred language for mails and SMS, and a request to close the account (the city processes
-- it; the balance is then forfeited, R-13).
ALTER TABLE resident ADD COLUMN email_verified_at TIMESTAMP;
ALTER TABLE resident ADD COLUMN phone_confirmed_at TIMESTAMP;
ALTER TABLE resident ADD COLUMN lives_in_city BOOLEAN;
ALTER TABLE resident ADD COLUMN preferred_language VARCHAR(8);
ALTER TABLE resident ADD COLUMN terms_version VARCHAR(16);
ALTER TABLE resident ADD COLUMN terms_accepted_at TIMESTAMP;
ALTER TABLE resident ADD COLUMN closing_requested_at TIMESTAMP;

-- One-time codes sent by SMS: one live code per purpose and subject (a new one replaces the old),
-- stored as a salted SHA-256, single-use, with an expiry, a count of wrong tries and a count of
-- sends in the current hour (re-sending is throttled).
CREATE TABLE one_time_code (
  purpose            VARCHAR(32)  NOT NULL,
  subject            VARCHAR(100) NOT NULL,
  phone              VARCHAR(20)  NOT NULL,
  code_salt          VARCHAR(32)  NOT NULL,
  code_hash          VARCHAR(64)  NOT NULL,
  issued_at          TIMESTAMP    NOT NULL,
  expires_at         TIMESTAMP    NOT NULL,
  failed_tries       INTEGER      NOT NULL,
  used_at            TIMESTAMP,
  sends_in_window    INTEGER      NOT NULL,
  window_started_at  TIMESTAMP    NOT NULL,
  CONSTRAINT pk_one_time_code PRIMARY KEY (purpose, subject)
);

-- What the SMS simulator "sent" (the default SMS gateway adapter), shown on its page.
CREATE SEQUENCE simulated_sms_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE simulated_sms (
  id       BIGINT       NOT NULL PRIMARY KEY,
  phone    VARCHAR(20)  NOT NULL,
  body     VARCHAR(500) NOT NULL,
  sent_at  TIMESTAMP    NOT NULL
);
CREATE INDEX ix_simulated_sms_sent ON simulated_sms (sent_at);

-- Mail to send: written in the transaction that decides to send it, drained by a timer over SMTP;
-- a mail the SMTP server did not accept is tried again later (nothing acknowledged is lost).
CREATE SEQUENCE mail_outbox_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE mail_outbox (
  id               BIGINT         NOT NULL PRIMARY KEY,
  recipient        VARCHAR(254)   NOT NULL,
  subject          VARCHAR(300)   NOT NULL,
  body             VARCHAR(10000) NOT NULL,
  created_at       TIMESTAMP      NOT NULL,
  sent_at          TIMESTAMP,
  attempts         INTEGER        NOT NULL,
  next_attempt_at  TIMESTAMP      NOT NULL,
  last_error       VARCHAR(500)
);
CREATE INDEX ix_mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);

-- Links sent by e-mail: a sign-up (e-mail, password hash, terms, until the link is opened) or a
-- change of a resident's e-mail address. Only the SHA-256 of the link's token is stored.
CREATE SEQUENCE email_link_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE email_link (
  id                  BIGINT       NOT NULL PRIMARY KEY,
  purpose             VARCHAR(16)  NOT NULL,
  token_hash          CHAR(64)     NOT NULL,
  email               VARCHAR(254) NOT NULL,
  password_hash       VARCHAR(512),
  preferred_language  VARCHAR(8),
  terms_version       VARCHAR(16),
  resident_id         BIGINT,
  created_at          TIMESTAMP    NOT NULL,
  expires_at          TIMESTAMP    NOT NULL,
  used_at             TIMESTAMP,
  CONSTRAINT uq_email_link_token UNIQUE (token_hash),
  CONSTRAINT ck_email_link_purpose CHECK (purpose IN ('SIGN_UP', 'EMAIL_CHANGE')),
  CONSTRAINT fk_email_link_resident FOREIGN KEY (resident_id) REFERENCES resident (id)
);

-- Identity proofing attempts (R-91): with the My Number Card, through its port. The outcome is
-- recorded, never the card's data beyond what was compared (R-92 spirit). Wrong PINs count towards
-- the card's lock (three in a row, as the real card's user certificate).
CREATE SEQUENCE identity_check_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE identity_check (
  id           BIGINT      NOT NULL PRIMARY KEY,
  resident_id  BIGINT      NOT NULL,
  method       VARCHAR(16) NOT NULL,
  outcome      VARCHAR(24) NOT NULL,
  created_at   TIMESTAMP   NOT NULL,
  CONSTRAINT fk_identity_check_resident FOREIGN KEY (resident_id) REFERENCES resident (id)
);
CREATE INDEX ix_identity_check_resident ON identity_check (resident_id, created_at);
