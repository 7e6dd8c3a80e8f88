-- V32: the nightly expiry (R-13) and bonus (R-22) jobs as Jakarta Batch jobs (#12 item 7).
-- Portable SQL for H2 2.x (MODE=LEGACY) and PostgreSQL 15.

-- One run of one nightly job on one business day (Asia/Tokyo). The unique key is the claim: the
-- node whose insert succeeds runs the job; every other node (or a second start by the
-- administrator) finds the row and leaves the run to it. A RUNNING run whose heartbeat is older
-- than a few minutes (its node died) is taken over: node and execution change, the figures go on.
-- The figures are updated in the same transaction as each item's work, so they equal the work
-- done: items_done of items_total tried, items_moved wallets swept or bonuses paid, amount_yen
-- moved, left_pending bonuses left pending (holding limit, lost card), failures rolled back and
-- retried by the next run.
CREATE SEQUENCE nightly_run_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE nightly_run (
  id                BIGINT       NOT NULL PRIMARY KEY,
  job_name          VARCHAR(32)  NOT NULL,
  business_day      DATE         NOT NULL,
  state             VARCHAR(16)  NOT NULL,
  node              VARCHAR(128) NOT NULL,      -- the node running it (the last to take it over)
  job_execution_id  BIGINT,                     -- that node's batch execution
  started_by        VARCHAR(254) NOT NULL,
  started_at        TIMESTAMP    NOT NULL,
  heartbeat_at      TIMESTAMP    NOT NULL,      -- last progress: a run silent for long has died
  ended_at          TIMESTAMP,
  items_total       INTEGER      DEFAULT 0 NOT NULL,
  items_done        INTEGER      DEFAULT 0 NOT NULL,
  items_moved       INTEGER      DEFAULT 0 NOT NULL,
  amount_yen        BIGINT       DEFAULT 0 NOT NULL,
  left_pending      INTEGER      DEFAULT 0 NOT NULL,
  failures          INTEGER      DEFAULT 0 NOT NULL,
  takeovers         INTEGER      DEFAULT 0 NOT NULL,
  CONSTRAINT uq_nightly_run_day UNIQUE (job_name, business_day),
  CONSTRAINT ck_nightly_run_job CHECK (job_name IN ('nightly-expiry', 'nightly-bonus')),
  CONSTRAINT ck_nightly_run_state CHECK (state IN ('RUNNING', 'COMPLETED', 'FAILED')),
  CONSTRAINT ck_nightly_run_figures CHECK (items_total >= 0 AND items_done >= 0
      AND items_moved >= 0 AND amount_yen >= 0 AND left_pending >= 0 AND failures >= 0
      AND takeovers >= 0)
);
-- The admin page lists the latest days first.
CREATE INDEX ix_nightly_run_day ON nightly_run (business_day);
