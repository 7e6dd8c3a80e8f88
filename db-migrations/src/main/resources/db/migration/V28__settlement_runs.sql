-- V28: settlement closing (#12, R-50..R-53). Portable SQL for H2 2.x (MODE=LEGACY) and PostgreSQL 15.

-- Which schedule a service is closed on (R-50 semi-monthly, R-51 weekly, R-52 monthly).
ALTER TABLE value_service ADD COLUMN settlement_schedule VARCHAR(16) DEFAULT 'SEMI_MONTHLY' NOT NULL;
ALTER TABLE value_service ADD CONSTRAINT ck_value_service_schedule
  CHECK (settlement_schedule IN ('SEMI_MONTHLY', 'WEEKLY', 'MONTHLY'));

-- One close of one service's period (R-53). The unique key makes a second start of the same close
-- find the first run instead of making another: the run and its lines are the job's checkpoint.
CREATE SEQUENCE settlement_run_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE settlement_run (
  id                BIGINT       NOT NULL PRIMARY KEY,
  service_id        BIGINT       NOT NULL,
  period_start      DATE         NOT NULL,
  period_end        DATE         NOT NULL,      -- inclusive
  close_date        DATE         NOT NULL,
  payout_date       DATE,                       -- NULL = not decided (a published calendar's 未定)
  state             VARCHAR(16)  NOT NULL,      -- RUNNING until every line is closed, then CLOSED
  started_at        TIMESTAMP    NOT NULL,
  heartbeat_at      TIMESTAMP    NOT NULL,      -- last progress: a run silent for long has died
  finished_at       TIMESTAMP,
  started_by        VARCHAR(254) NOT NULL,
  job_execution_id  BIGINT,
  CONSTRAINT uq_settlement_run_period UNIQUE (service_id, period_start, period_end),
  CONSTRAINT fk_settlement_run_service FOREIGN KEY (service_id) REFERENCES value_service (id),
  CONSTRAINT ck_settlement_run_period CHECK (period_end >= period_start AND close_date >= period_end),
  CONSTRAINT ck_settlement_run_state CHECK (state IN ('RUNNING', 'CLOSED'))
);

-- What one shop is due from one run: uses and use-cancels of the period's payments, the net due
-- and (R-55) what an earlier failed transfer carries over. state PENDING until the line's journal
-- entry is posted (in the same transaction as the change to CLOSED: exactly once).
CREATE SEQUENCE settlement_line_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE settlement_line (
  id                 BIGINT       NOT NULL PRIMARY KEY,
  run_id             BIGINT       NOT NULL,
  shop_id            BIGINT       NOT NULL,
  use_count          INTEGER      DEFAULT 0 NOT NULL,
  use_yen            BIGINT       DEFAULT 0 NOT NULL,
  use_cancel_count   INTEGER      DEFAULT 0 NOT NULL,
  use_cancel_yen     BIGINT       DEFAULT 0 NOT NULL,
  net_due_yen        BIGINT       DEFAULT 0 NOT NULL,
  carried_over_yen   BIGINT       DEFAULT 0 NOT NULL,
  state              VARCHAR(16)  NOT NULL,
  payout_state       VARCHAR(16)  NOT NULL,
  entry_id           BIGINT,
  closed_at          TIMESTAMP,
  CONSTRAINT uq_settlement_line_shop UNIQUE (run_id, shop_id),
  CONSTRAINT fk_settlement_line_run FOREIGN KEY (run_id) REFERENCES settlement_run (id),
  CONSTRAINT fk_settlement_line_shop FOREIGN KEY (shop_id) REFERENCES shop (id),
  CONSTRAINT fk_settlement_line_entry FOREIGN KEY (entry_id) REFERENCES journal_entry (id),
  CONSTRAINT ck_settlement_line_state CHECK (state IN ('PENDING', 'CLOSED')),
  CONSTRAINT ck_settlement_line_payout CHECK (payout_state IN
      ('PENDING', 'NONE', 'DUE', 'PAID', 'FAILED', 'CARRIED_OVER')),
  CONSTRAINT ck_settlement_line_figures CHECK (use_count >= 0 AND use_yen >= 0
      AND use_cancel_count >= 0 AND use_cancel_yen >= 0 AND carried_over_yen >= 0
      AND net_due_yen = use_yen - use_cancel_yen + carried_over_yen)
);
