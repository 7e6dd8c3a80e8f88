-- V25: the ledger check's results, for the city's dashboard (issue #11 item 8): when it ran, who
-- started it (or the nightly job), and what it found. Portable SQL (H2 2.x, PostgreSQL 15).
CREATE SEQUENCE ledger_check_run_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE ledger_check_run (
  id          BIGINT        NOT NULL PRIMARY KEY,
  checked_at  TIMESTAMP     NOT NULL,
  actor       VARCHAR(254)  NOT NULL,
  ok          BOOLEAN       NOT NULL,
  transfers   BIGINT        NOT NULL,
  wallets     BIGINT        NOT NULL,
  millis      BIGINT        NOT NULL,
  violations  VARCHAR(4000)
);
CREATE INDEX ix_ledger_check_run_time ON ledger_check_run (checked_at);
