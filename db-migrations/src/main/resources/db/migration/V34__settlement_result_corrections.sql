-- V34: corrections of a wrongly recorded payout result (#12, R-55, R-56, R-94). Portable SQL for
-- H2 2.x (MODE=LEGACY) and PostgreSQL 15.

-- When the 振込完了通知 went out for the line (R-56): a PAID result reversed by mistake and recorded
-- again does not send it a second time.
ALTER TABLE settlement_line ADD COLUMN paid_notified_at TIMESTAMP;
UPDATE settlement_line SET paid_notified_at = result_at WHERE payout_state = 'PAID';
