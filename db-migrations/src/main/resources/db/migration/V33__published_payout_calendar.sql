-- V33: a semi-monthly service paid by the calendar the city publishes (#12 item 1, R-50; ISECA's
-- 売上金振込スケジュール, seed 000/001). Portable SQL for H2 2.x (MODE=LEGACY) and PostgreSQL 15.

-- PUBLISHED: closed 1st–15th and 16th–month end like SEMI_MONTHLY, paid on the published date.
ALTER TABLE value_service DROP CONSTRAINT ck_value_service_schedule;
ALTER TABLE value_service ADD CONSTRAINT ck_value_service_schedule
  CHECK (settlement_schedule IN ('SEMI_MONTHLY', 'WEEKLY', 'MONTHLY', 'PUBLISHED'));

-- Counts the uploads of the service's calendar: a server keeps the rows it read with this number
-- and reads them again once it has grown (another server's upload). The upload's UPDATE of it also
-- locks the service, so two uploads of one service follow each other.
ALTER TABLE value_service ADD COLUMN payout_calendar_revision INTEGER DEFAULT 0 NOT NULL;

-- The service's published rows, replaced whole by each upload. payout_date NULL: 未定, the city has
-- not decided yet.
CREATE SEQUENCE payout_calendar_row_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE payout_calendar_row (
  id           BIGINT       NOT NULL PRIMARY KEY,
  service_id   BIGINT       NOT NULL,
  period_start DATE         NOT NULL,
  period_end   DATE         NOT NULL,      -- inclusive
  payout_date  DATE,
  uploaded_by  VARCHAR(254) NOT NULL,
  uploaded_at  TIMESTAMP    NOT NULL,
  CONSTRAINT uq_payout_calendar_row UNIQUE (service_id, period_start),
  CONSTRAINT fk_payout_calendar_row_service FOREIGN KEY (service_id) REFERENCES value_service (id),
  CONSTRAINT ck_payout_calendar_row_period CHECK (period_end >= period_start
      AND (payout_date IS NULL OR payout_date > period_end))
);
