-- V4: fewer indexes on the hot insert path (issue #3 benchmark). Every payment inserts a transfer
-- and a payment row; each index is one more B-tree insertion in the same transaction, and on
-- the 2-core benchmark machine the five dropped here cost about 6 % of payment throughput.
-- Nothing reads through them:
--  * terminal and service filters (R-70, R-72) always come with a period, and merchants' lists
--    with their shop: ix_transfer_time and ix_transfer_shop_time serve them;
--  * wallet history is ix_transfer_resident_time; the ledger invariant checker aggregates by
--    account and by cancellation target in one pass instead of looking rows up one by one.
DROP INDEX ix_transfer_terminal_time;
DROP INDEX ix_transfer_service_time;
DROP INDEX ix_transfer_debit;
DROP INDEX ix_transfer_credit;
DROP INDEX ix_transfer_target;
DROP INDEX ix_payment_terminal_time;
