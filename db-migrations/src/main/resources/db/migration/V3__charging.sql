-- V3: the charging rules V2 left open (issue #3). Portable SQL for H2 2.x and PostgreSQL 15.

-- R-21, R-91: a service may require My Number Card verification before it can be charged
-- (さいコイン); the resident's verification is recorded when it succeeds.
ALTER TABLE value_service ADD COLUMN charge_needs_verified_identity BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE resident ADD COLUMN identity_verified_at TIMESTAMP;

-- R-11: for card members the charged part's validity counts from the card's purchase date.
ALTER TABLE resident ADD COLUMN card_purchased_on DATE;

-- R-22: a campaign's bonus may go to another service (さいたま: 3 % as たまポン points by the
-- next day), granted by the daily job. NULL = the charged service itself, at charge time.
ALTER TABLE premium_campaign ADD COLUMN bonus_service_id BIGINT;
ALTER TABLE premium_campaign ADD CONSTRAINT fk_campaign_bonus_service
  FOREIGN KEY (bonus_service_id) REFERENCES value_service (id);

-- Charges, one row per provider reference: a repeated notification from the bank, card network
-- or ATM (or a retry after a lost answer) credits the wallet once.
CREATE SEQUENCE charge_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE charge (
  id            BIGINT       NOT NULL PRIMARY KEY,
  channel       VARCHAR(16)  NOT NULL,
  external_ref  VARCHAR(100) NOT NULL,
  resident_id   BIGINT       NOT NULL,
  service_id    BIGINT       NOT NULL,
  amount_yen    BIGINT       NOT NULL,
  entry_id      BIGINT       NOT NULL,
  created_at    TIMESTAMP    NOT NULL,
  CONSTRAINT uq_charge_external UNIQUE (channel, external_ref),
  CONSTRAINT fk_charge_resident FOREIGN KEY (resident_id) REFERENCES resident (id),
  CONSTRAINT fk_charge_service FOREIGN KEY (service_id) REFERENCES value_service (id),
  CONSTRAINT fk_charge_entry FOREIGN KEY (entry_id) REFERENCES journal_entry (id),
  CONSTRAINT ck_charge_amount CHECK (amount_yen > 0)
);
CREATE INDEX ix_charge_resident ON charge (resident_id, created_at);

-- R-22: bonuses earned by a charge and due later in another service.
CREATE SEQUENCE pending_bonus_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE pending_bonus (
  id                BIGINT      NOT NULL PRIMARY KEY,
  charge_id         BIGINT      NOT NULL,
  campaign_id       BIGINT      NOT NULL,
  resident_id       BIGINT      NOT NULL,
  service_id        BIGINT      NOT NULL,     -- the service the bonus is paid in
  amount_yen        BIGINT      NOT NULL,
  due_on            DATE        NOT NULL,
  expires_on        DATE        NOT NULL,
  granted_entry_id  BIGINT,                   -- set in the transaction that grants it
  last_refusal      VARCHAR(40),              -- why the last attempt was refused (kept pending)
  CONSTRAINT uq_pending_bonus UNIQUE (charge_id, campaign_id),
  CONSTRAINT fk_bonus_charge FOREIGN KEY (charge_id) REFERENCES charge (id),
  CONSTRAINT fk_bonus_campaign FOREIGN KEY (campaign_id) REFERENCES premium_campaign (id),
  CONSTRAINT fk_bonus_resident FOREIGN KEY (resident_id) REFERENCES resident (id),
  CONSTRAINT fk_bonus_service FOREIGN KEY (service_id) REFERENCES value_service (id),
  CONSTRAINT fk_bonus_entry FOREIGN KEY (granted_entry_id) REFERENCES journal_entry (id),
  CONSTRAINT ck_bonus_amount CHECK (amount_yen > 0)
);
CREATE INDEX ix_pending_bonus_due ON pending_bonus (due_on);
