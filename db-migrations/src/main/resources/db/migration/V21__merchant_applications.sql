-- #11 item 1, merchant onboarding (R-60..R-64): the public application form's applications and the
-- city's review of them. An application is kept after its decision (approved, rejected) as the
-- record of what the merchant declared (R-60) and who decided (R-94; the audit log has the events).
CREATE SEQUENCE merchant_application_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE merchant_application (
  id                    BIGINT        NOT NULL PRIMARY KEY,
  status                VARCHAR(24)   NOT NULL,
  language              VARCHAR(2)    NOT NULL,   -- the applicant's, for the mails
  business_name         VARCHAR(200)  NOT NULL,
  representative        VARCHAR(100)  NOT NULL,
  business_address      VARCHAR(300)  NOT NULL,
  business_phone        VARCHAR(20)   NOT NULL,
  shop_name             VARCHAR(200)  NOT NULL,
  shop_name_en          VARCHAR(200),
  shop_category         VARCHAR(40)   NOT NULL,
  shop_address          VARCHAR(300)  NOT NULL,
  shop_phone            VARCHAR(20)   NOT NULL,
  email                 VARCHAR(254)  NOT NULL,
  bank_code             VARCHAR(4)    NOT NULL,
  bank_name             VARCHAR(100)  NOT NULL,
  branch_code           VARCHAR(3)    NOT NULL,
  branch_name           VARCHAR(100)  NOT NULL,
  account_type          INTEGER       NOT NULL,
  account_number        VARCHAR(7)    NOT NULL,
  holder_kana           VARCHAR(60)   NOT NULL,
  -- R-60: every declaration the applicant ticked, with the version of their wording.
  declarations          VARCHAR(200)  NOT NULL,
  declarations_version  VARCHAR(20)   NOT NULL,
  submitted_at          TIMESTAMP     NOT NULL,
  client_address        VARCHAR(64),
  -- A correction request: its note, and the SHA-256 of the link's token (the token only in the mail).
  correction_note       VARCHAR(1000),
  correction_token_hash VARCHAR(64),
  correction_expires_at TIMESTAMP,
  decided_by            VARCHAR(254),
  decided_at            TIMESTAMP,
  decision_reason       VARCHAR(1000),
  business_id           BIGINT,
  shop_id               BIGINT,
  version               BIGINT        NOT NULL,
  CONSTRAINT ck_merchant_application_status
    CHECK (status IN ('SUBMITTED', 'CORRECTION_REQUESTED', 'APPROVED', 'REJECTED')),
  CONSTRAINT uq_merchant_application_token UNIQUE (correction_token_hash),
  CONSTRAINT fk_merchant_application_business FOREIGN KEY (business_id) REFERENCES business (id),
  CONSTRAINT fk_merchant_application_shop FOREIGN KEY (shop_id) REFERENCES shop (id)
);
CREATE INDEX ix_merchant_application_status ON merchant_application (status, submitted_at);
