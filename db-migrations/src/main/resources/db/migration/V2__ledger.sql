-- V2: the ledger. Double-entry in the TigerBeetle style: every movement is a transfer from one
-- account to another (so each transfer, and each journal entry, sums to zero per service);
-- transfers are never updated except for the closed flag (R-53) and the status of an original
-- that a cancellation references (R-44). Portable SQL for H2 2.x (MODE=LEGACY) and PostgreSQL 15.

-- Service configuration (R-02, R-10..R-14, R-20..R-21).
ALTER TABLE value_service ADD COLUMN holding_limit_yen BIGINT;          -- R-14; NULL = none
ALTER TABLE value_service ADD COLUMN max_payment_yen BIGINT NOT NULL DEFAULT 1000000;
ALTER TABLE value_service ADD COLUMN charged_valid_years INTEGER;       -- R-10: charged part
ALTER TABLE value_service ADD COLUMN chargeable BOOLEAN NOT NULL DEFAULT FALSE;

-- Per-channel charge bounds (R-20 bank 10,000 per charge; R-21 1,000..49,000; window in 1,000s).
CREATE TABLE charge_rule (
  service_id  BIGINT      NOT NULL,
  channel     VARCHAR(16) NOT NULL,
  min_yen     BIGINT      NOT NULL,
  max_yen     BIGINT      NOT NULL,
  unit_yen    BIGINT      NOT NULL,
  CONSTRAINT pk_charge_rule PRIMARY KEY (service_id, channel),
  CONSTRAINT fk_charge_rule_service FOREIGN KEY (service_id) REFERENCES value_service (id),
  CONSTRAINT ck_charge_rule_channel CHECK (channel IN ('BANK', 'CREDIT_CARD', 'ATM', 'WINDOW')),
  CONSTRAINT ck_charge_rule_bounds CHECK (min_yen > 0 AND max_yen >= min_yen AND unit_yen > 0)
);

-- Premium campaigns (R-10, R-11, R-22): bonus at charge time, with the premium part's expiry.
CREATE SEQUENCE premium_campaign_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE premium_campaign (
  id                   BIGINT       NOT NULL PRIMARY KEY,
  service_id           BIGINT       NOT NULL,
  name                 VARCHAR(200) NOT NULL,
  rate_basis_points    INTEGER      NOT NULL,     -- 100 = 1 %
  starts_on            DATE         NOT NULL,
  ends_on              DATE         NOT NULL,     -- inclusive
  premium_expiry       VARCHAR(16)  NOT NULL,     -- FISCAL_YEAR_END | FIXED_DATE
  premium_expires_on   DATE,
  CONSTRAINT fk_campaign_service FOREIGN KEY (service_id) REFERENCES value_service (id),
  CONSTRAINT ck_campaign_rate CHECK (rate_basis_points > 0 AND rate_basis_points <= 10000),
  CONSTRAINT ck_campaign_expiry CHECK (
    (premium_expiry = 'FISCAL_YEAR_END' AND premium_expires_on IS NULL)
    OR (premium_expiry = 'FIXED_DATE' AND premium_expires_on IS NOT NULL))
);

-- Accounts, one ledger per service. Only wallets keep a balance row (it guards overdraft with a
-- conditional update); shop and city accounts are append-only: their balance is the sum of their
-- transfers, so a busy shop never serializes payments on one row.
CREATE SEQUENCE account_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE account (
  id           BIGINT      NOT NULL PRIMARY KEY,
  service_id   BIGINT      NOT NULL,
  kind         VARCHAR(24) NOT NULL,
  resident_id  BIGINT,
  shop_id      BIGINT,
  created_at   TIMESTAMP   NOT NULL,
  CONSTRAINT fk_account_service FOREIGN KEY (service_id) REFERENCES value_service (id),
  CONSTRAINT fk_account_resident FOREIGN KEY (resident_id) REFERENCES resident (id),
  CONSTRAINT fk_account_shop FOREIGN KEY (shop_id) REFERENCES shop (id),
  CONSTRAINT ck_account_kind CHECK (kind IN ('WALLET', 'SHOP_RECEIVABLE', 'ISSUED_FLOAT',
      'PREMIUM_FUNDING', 'GRANT_FUNDING', 'EXPIRED', 'FORFEITED', 'SETTLEMENT_PAYABLE')),
  CONSTRAINT ck_account_owner CHECK (
    (kind = 'WALLET' AND resident_id IS NOT NULL AND shop_id IS NULL)
    OR (kind = 'SHOP_RECEIVABLE' AND shop_id IS NOT NULL AND resident_id IS NULL)
    OR (kind NOT IN ('WALLET', 'SHOP_RECEIVABLE') AND resident_id IS NULL AND shop_id IS NULL))
);
CREATE UNIQUE INDEX ux_account_wallet ON account (resident_id, service_id, kind);
CREATE UNIQUE INDEX ux_account_shop ON account (shop_id, service_id, kind);
CREATE INDEX ix_account_kind ON account (service_id, kind);

CREATE TABLE wallet (
  account_id   BIGINT NOT NULL PRIMARY KEY,
  balance_yen  BIGINT NOT NULL,
  CONSTRAINT fk_wallet_account FOREIGN KEY (account_id) REFERENCES account (id),
  CONSTRAINT ck_wallet_not_negative CHECK (balance_yen >= 0)    -- R-34
);

-- One journal entry per operation (a combined payment is one entry with a transfer per service).
CREATE SEQUENCE journal_entry_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE journal_entry (
  id               BIGINT       NOT NULL PRIMARY KEY,
  operation        VARCHAR(16)  NOT NULL,
  actor            VARCHAR(254) NOT NULL,
  target_entry_id  BIGINT,                       -- R-44: the entry a cancellation reverses
  created_at       TIMESTAMP    NOT NULL,
  CONSTRAINT fk_entry_target FOREIGN KEY (target_entry_id) REFERENCES journal_entry (id)
);

-- Transfers (one R-71 CSV row each): from debit account to credit account, positive amount.
CREATE SEQUENCE transfer_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE transfer (
  id                 BIGINT       NOT NULL PRIMARY KEY,
  tran_id            VARCHAR(40)  NOT NULL,
  entry_id           BIGINT       NOT NULL,
  service_id         BIGINT       NOT NULL,
  operation          VARCHAR(16)  NOT NULL,
  debit_account_id   BIGINT       NOT NULL,
  credit_account_id  BIGINT       NOT NULL,
  amount_yen         BIGINT       NOT NULL,
  resident_id        BIGINT,
  shop_id            BIGINT,
  terminal_id        BIGINT,
  wallet_before_yen  BIGINT,                    -- the resident's balance before / after (R-71)
  wallet_after_yen   BIGINT,
  target_transfer_id BIGINT,                    -- R-44 targetTranId
  status             SMALLINT     NOT NULL,     -- 1 = active, 2 = cancelled (R-71 status)
  closed             BOOLEAN      NOT NULL,     -- R-53 settlement close flag
  note               VARCHAR(200),
  created_at         TIMESTAMP    NOT NULL,
  CONSTRAINT uq_transfer_tran UNIQUE (tran_id),
  CONSTRAINT fk_transfer_entry FOREIGN KEY (entry_id) REFERENCES journal_entry (id),
  CONSTRAINT fk_transfer_service FOREIGN KEY (service_id) REFERENCES value_service (id),
  CONSTRAINT fk_transfer_debit FOREIGN KEY (debit_account_id) REFERENCES account (id),
  CONSTRAINT fk_transfer_credit FOREIGN KEY (credit_account_id) REFERENCES account (id),
  CONSTRAINT fk_transfer_target FOREIGN KEY (target_transfer_id) REFERENCES transfer (id),
  CONSTRAINT ck_transfer_amount CHECK (amount_yen > 0),
  CONSTRAINT ck_transfer_accounts CHECK (debit_account_id <> credit_account_id),
  CONSTRAINT ck_transfer_status CHECK (status IN (1, 2))
);
CREATE INDEX ix_transfer_entry ON transfer (entry_id);
CREATE INDEX ix_transfer_time ON transfer (created_at);
CREATE INDEX ix_transfer_shop_time ON transfer (shop_id, created_at);
CREATE INDEX ix_transfer_resident_time ON transfer (resident_id, created_at);
CREATE INDEX ix_transfer_terminal_time ON transfer (terminal_id, created_at);
CREATE INDEX ix_transfer_service_time ON transfer (service_id, created_at);
CREATE INDEX ix_transfer_debit ON transfer (debit_account_id);
CREATE INDEX ix_transfer_credit ON transfer (credit_account_id);
CREATE INDEX ix_transfer_target ON transfer (target_transfer_id);

-- Value lots (R-10..R-13): every credit to a wallet is a lot with its own expiry.
CREATE SEQUENCE value_lot_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE value_lot (
  id                  BIGINT      NOT NULL PRIMARY KEY,
  account_id          BIGINT      NOT NULL,
  origin_transfer_id  BIGINT      NOT NULL,
  kind                VARCHAR(16) NOT NULL,
  amount_yen          BIGINT      NOT NULL,
  remaining_yen       BIGINT      NOT NULL,
  expires_on          DATE        NOT NULL,      -- last valid day
  CONSTRAINT fk_lot_account FOREIGN KEY (account_id) REFERENCES account (id),
  CONSTRAINT fk_lot_origin FOREIGN KEY (origin_transfer_id) REFERENCES transfer (id),
  CONSTRAINT ck_lot_kind CHECK (kind IN ('CHARGED', 'PREMIUM', 'GRANT', 'PURCHASE')),
  CONSTRAINT ck_lot_remaining CHECK (remaining_yen >= 0 AND remaining_yen <= amount_yen)
);
CREATE INDEX ix_lot_account_expiry ON value_lot (account_id, expires_on);
CREATE INDEX ix_lot_expiry ON value_lot (expires_on);

-- R-43: which lots a debit took, so a cancellation gives back exactly those.
CREATE TABLE lot_allocation (
  transfer_id  BIGINT NOT NULL,
  lot_id       BIGINT NOT NULL,
  amount_yen   BIGINT NOT NULL,
  CONSTRAINT pk_lot_allocation PRIMARY KEY (transfer_id, lot_id),
  CONSTRAINT fk_allocation_transfer FOREIGN KEY (transfer_id) REFERENCES transfer (id),
  CONSTRAINT fk_allocation_lot FOREIGN KEY (lot_id) REFERENCES value_lot (id),
  CONSTRAINT ck_allocation_amount CHECK (amount_yen > 0)
);

-- Payments (R-30..R-35): one payment, one or more legs (transfers of its journal entry).
CREATE SEQUENCE payment_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE payment (
  id               BIGINT      NOT NULL PRIMARY KEY,
  payment_ref      VARCHAR(40) NOT NULL,           -- public id
  terminal_id      BIGINT      NOT NULL,
  shop_id          BIGINT      NOT NULL,
  resident_id      BIGINT      NOT NULL,
  amount_yen       BIGINT      NOT NULL,
  entry_id         BIGINT      NOT NULL,
  cancel_entry_id  BIGINT,
  status           VARCHAR(16) NOT NULL,
  idempotency_key  VARCHAR(100) NOT NULL,
  request_hash     VARCHAR(64) NOT NULL,
  created_at       TIMESTAMP   NOT NULL,
  cancelled_at     TIMESTAMP,
  CONSTRAINT uq_payment_ref UNIQUE (payment_ref),
  -- R-35: the idempotency key is stored with the money movement, in the same transaction.
  CONSTRAINT uq_payment_idempotency UNIQUE (terminal_id, idempotency_key),
  CONSTRAINT fk_payment_terminal FOREIGN KEY (terminal_id) REFERENCES terminal (id),
  CONSTRAINT fk_payment_shop FOREIGN KEY (shop_id) REFERENCES shop (id),
  CONSTRAINT fk_payment_resident FOREIGN KEY (resident_id) REFERENCES resident (id),
  CONSTRAINT fk_payment_entry FOREIGN KEY (entry_id) REFERENCES journal_entry (id),
  CONSTRAINT fk_payment_cancel_entry FOREIGN KEY (cancel_entry_id) REFERENCES journal_entry (id),
  CONSTRAINT ck_payment_status CHECK (status IN ('COMPLETED', 'CANCELLED')),
  CONSTRAINT ck_payment_amount CHECK (amount_yen > 0)
);
CREATE INDEX ix_payment_shop_time ON payment (shop_id, created_at);
CREATE INDEX ix_payment_terminal_time ON payment (terminal_id, created_at);

-- App members pay by a short-lived token shown as their QR code (R-31).
ALTER TABLE resident ADD COLUMN pay_token VARCHAR(64);
ALTER TABLE resident ADD COLUMN pay_token_expires_at TIMESTAMP;
CREATE UNIQUE INDEX ux_resident_pay_token ON resident (pay_token);

-- POS terminals authenticate with their own API credential (SHA-256 of a 256-bit secret).
ALTER TABLE terminal ADD COLUMN api_secret_sha256 VARCHAR(64);

-- R-57: announced maintenance windows; payments and charges are refused inside one.
CREATE SEQUENCE maintenance_window_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE maintenance_window (
  id          BIGINT        NOT NULL PRIMARY KEY,
  starts_at   TIMESTAMP     NOT NULL,
  ends_at     TIMESTAMP     NOT NULL,
  note        VARCHAR(500)  NOT NULL,
  CONSTRAINT ck_maintenance_period CHECK (ends_at > starts_at)
);
CREATE INDEX ix_maintenance_end ON maintenance_window (ends_at);
