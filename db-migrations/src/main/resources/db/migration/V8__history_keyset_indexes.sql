-- V8: the transaction history pages fast on a million rows (issue #9, R-70). Portable SQL for
-- H2 2.x (MODE=LEGACY) and PostgreSQL 15. (V7 is left to another change of #9.)
--
-- The list is ordered newest first by (created_at, id) and paged by key ("older than the last row
-- of the page before") or, for a jump to a page number, by an offset over index entries only.
-- Both need the id in the index after the time: then a shop's page, and the rows skipped before
-- it, are read from the index alone, in order, without sorting or visiting the table.
-- The two indexes replace the ones on (shop_id, created_at) and (created_at), so a payment still
-- updates as many indexes as before (V4 counted each one on the payment path).
CREATE INDEX ix_transfer_shop_time_id ON transfer (shop_id, created_at, id);
DROP INDEX ix_transfer_shop_time;
CREATE INDEX ix_transfer_time_id ON transfer (created_at, id);
DROP INDEX ix_transfer_time;
