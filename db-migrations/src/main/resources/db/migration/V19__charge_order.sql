-- V19 (#10 money review, R-20..R-23, R-35): a resident's online charge is our order, recorded
-- before the bank or card network is asked, so nothing the provider approves is lost when the
-- server (or the provider simulator's memory) restarts. Every later step moves the row under its
-- lock; the credit and the move to CREDITED commit with the ledger's journal entry. The order id is
-- random and unguessable, and it is the charge's idempotency key (charge.external_ref), so a new
-- order never meets an old provider reference. Portable SQL for H2 2.x (MODE=LEGACY) and
-- PostgreSQL 15.
CREATE TABLE charge_order (
  id                VARCHAR(32)  NOT NULL PRIMARY KEY,
  resident_id       BIGINT       NOT NULL,
  service_id        BIGINT       NOT NULL,
  channel           VARCHAR(16)  NOT NULL,
  amount_yen        BIGINT       NOT NULL,
  provider_session  VARCHAR(64),
  status            VARCHAR(12)  NOT NULL,
  provider_ref      VARCHAR(100),
  entry_id          BIGINT,
  created_at        TIMESTAMP    NOT NULL,
  updated_at        TIMESTAMP    NOT NULL,
  CONSTRAINT uq_charge_order_session UNIQUE (channel, provider_session),
  CONSTRAINT fk_charge_order_resident FOREIGN KEY (resident_id) REFERENCES resident (id),
  CONSTRAINT fk_charge_order_service FOREIGN KEY (service_id) REFERENCES value_service (id),
  CONSTRAINT fk_charge_order_entry FOREIGN KEY (entry_id) REFERENCES journal_entry (id),
  CONSTRAINT ck_charge_order_amount CHECK (amount_yen > 0),
  CONSTRAINT ck_charge_order_status CHECK (status IN ('OPEN', 'APPROVED', 'CREDITED', 'DECLINED',
    'FAILED', 'CANCELLED', 'REVERSED', 'EXPIRED')),
  CONSTRAINT ck_charge_order_credited CHECK ((status = 'CREDITED') = (entry_id IS NOT NULL))
);
-- The resident's own list (newest first) and the reconciliation's scan of unfinished orders.
CREATE INDEX ix_charge_order_resident ON charge_order (resident_id, created_at);
CREATE INDEX ix_charge_order_status ON charge_order (status, updated_at);
