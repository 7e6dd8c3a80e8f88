-- Settlement close benchmark population (issue #12, R-53, PostgreSQL), on top of perf/seed.sql:
-- :payments payments of one leg each by the seed's residents at the seed's :shops bench shops
-- (round robin), spread evenly over the closed period :'first' .. :'first' + 15 days (exclusive),
-- and about 1 % of them (pseudo-randomly) cancelled 10 minutes later (R-41/R-43: the
-- cancellation gives back the lot the payment took). The seed's charges are moved to the day before the period, so
-- every payment comes after the charge that paid for it. Written as the ledger writes payments
-- and cancellations (journal entries, payment, transfers, lot allocations, balances), so the
-- invariant check holds afterwards. Ids come from ranges the sequences never reach.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE settle_ctx AS
SELECT (SELECT id FROM value_service WHERE code = 'WAKABA_COIN') AS money,
       (SELECT COUNT(*) FROM resident WHERE id > 1000000000) AS residents,
       :shops::bigint AS shops,
       :'first'::timestamp AS t0;

UPDATE journal_entry SET created_at = (SELECT t0 - INTERVAL '1 day' FROM settle_ctx)
WHERE id = 1000000000;
UPDATE transfer SET created_at = (SELECT t0 - INTERVAL '1 day' FROM settle_ctx)
WHERE id > 1000000000 AND id <= 1000000000 + (SELECT residents FROM settle_ctx);

-- Every bench shop's receivable account in the money service (as the first payment creates it).
INSERT INTO account (id, service_id, kind, shop_id, owner_id, created_at)
SELECT 3000000000 + ROW_NUMBER() OVER (ORDER BY s.id), c.money, 'SHOP_RECEIVABLE', s.id, s.id,
       LOCALTIMESTAMP
FROM shop s, settle_ctx c
WHERE s.id > 1000000000 AND NOT EXISTS (SELECT 1 FROM account a WHERE a.shop_id = s.id
      AND a.service_id = c.money AND a.kind = 'SHOP_RECEIVABLE');

CREATE TEMP TABLE settle_shop AS
SELECT a.shop_id AS shop, a.id AS receivable FROM account a, settle_ctx c
WHERE a.shop_id > 1000000000 AND a.service_id = c.money AND a.kind = 'SHOP_RECEIVABLE';

CREATE TEMP TABLE settle_use AS
SELECT i::bigint AS i,
       1000000000 + 1 + (i % c.residents) AS resident,
       s.shop, s.receivable,
       1 + (i::bigint * 7919 % 1000003) % 1000 AS amount,
       c.t0 + (INTERVAL '15 days' * (i - 1) / :payments) AS at,
       (i::bigint * 2654435761 % 1000003) % 100 = 0 AS cancelled
FROM generate_series(1, :payments) i CROSS JOIN settle_ctx c
JOIN settle_shop s ON s.shop = 1000000000 + 1 + (i % c.shops);

INSERT INTO journal_entry (id, operation, actor, created_at)
SELECT 2000000000 + i, 'USE', 'bench', at FROM settle_use;

INSERT INTO transfer (id, tran_id, entry_id, service_id, operation, debit_account_id,
                      credit_account_id, amount_yen, resident_id, shop_id, terminal_id,
                      wallet_before_yen, wallet_after_yen, status, closed, updated_at, created_at)
SELECT 2000000000 + u.i, 'bs-' || u.i, 2000000000 + u.i, c.money, 'USE', u.resident,
       u.receivable, u.amount, u.resident, u.shop, u.shop,
       100000 - SUM(u.amount) OVER w + u.amount, 100000 - SUM(u.amount) OVER w,
       CASE WHEN u.cancelled THEN 2 ELSE 1 END, FALSE,
       CASE WHEN u.cancelled THEN u.at + INTERVAL '10 minutes' END, u.at
FROM settle_use u, settle_ctx c
WINDOW w AS (PARTITION BY u.resident ORDER BY u.i ROWS UNBOUNDED PRECEDING);

INSERT INTO lot_allocation (transfer_id, lot_id, amount_yen)
SELECT 2000000000 + i, resident, amount FROM settle_use;

-- The cancellations (R-43): their own journal entry, the reversal from the shop's receivable to
-- the wallet, the same lot given back.
INSERT INTO journal_entry (id, operation, actor, target_entry_id, created_at)
SELECT 4000000000 + i, 'USE_CANCEL', 'bench', 2000000000 + i, at + INTERVAL '10 minutes'
FROM settle_use WHERE cancelled;

INSERT INTO transfer (id, tran_id, entry_id, service_id, operation, debit_account_id,
                      credit_account_id, amount_yen, resident_id, shop_id, terminal_id,
                      wallet_before_yen, wallet_after_yen, target_transfer_id, status, closed,
                      created_at)
SELECT 4000000000 + u.i, 'bsc-' || u.i, 4000000000 + u.i, c.money, 'USE_CANCEL', u.receivable,
       u.resident, u.amount, u.resident, u.shop, u.shop, t.wallet_after_yen,
       t.wallet_after_yen + u.amount, 2000000000 + u.i, 2, FALSE, u.at + INTERVAL '10 minutes'
FROM settle_use u JOIN transfer t ON t.id = 2000000000 + u.i, settle_ctx c
WHERE u.cancelled;

INSERT INTO lot_allocation (transfer_id, lot_id, amount_yen)
SELECT 4000000000 + i, resident, amount FROM settle_use WHERE cancelled;

INSERT INTO payment (id, payment_ref, terminal_id, shop_id, resident_id, amount_yen, entry_id,
                     cancel_entry_id, status, idempotency_key, request_hash, created_at,
                     cancelled_at)
SELECT 2000000000 + i, 'bsp-' || i, shop, shop, resident, amount, 2000000000 + i,
       CASE WHEN cancelled THEN 4000000000 + i END,
       CASE WHEN cancelled THEN 'CANCELLED' ELSE 'COMPLETED' END, 'bench-s-' || i, 'bench', at,
       CASE WHEN cancelled THEN at + INTERVAL '10 minutes' END
FROM settle_use;

UPDATE wallet w SET balance_yen = 100000 - s.used
FROM (SELECT resident, SUM(amount) AS used FROM settle_use WHERE NOT cancelled
      GROUP BY resident) s
WHERE w.account_id = s.resident;
UPDATE value_lot l SET remaining_yen = 100000 - s.used
FROM (SELECT resident, SUM(amount) AS used FROM settle_use WHERE NOT cancelled
      GROUP BY resident) s
WHERE l.id = s.resident;
COMMIT;
-- As autovacuum leaves a table that has been written long ago: visibility map and statistics.
VACUUM ANALYZE;
