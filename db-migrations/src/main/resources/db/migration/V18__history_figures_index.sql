-- V18: the count and totals of a shop's history filter (issue #9, R-70) from the index alone.
-- Every history page shows the figures of everything its filter matches (a shop's month is some
-- 200,000 transfers in the benchmark); with the operation, amount and journal entry in the shop's
-- (shop, time, id) index they are summed by an index-only scan instead of visiting the table
-- (PostgreSQL 15, 1,000,000 transfers: 155-220 ms -> about 100 ms on a busy 2-core machine).
-- The index replaces V8's, so a payment still updates as many indexes as before (V4); the
-- (shop, time, id) prefix keeps serving the keyset pages.
CREATE INDEX ix_transfer_shop_time_figures ON transfer (shop_id, created_at, id, operation, amount_yen, entry_id);
DROP INDEX ix_transfer_shop_time_id;
