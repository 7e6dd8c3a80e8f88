-- History benchmark population (issue #9, PostgreSQL), on top of perf/seed.sql: :uses payments
-- of one leg each by the seed's residents, spread over the last 30 days: 20 % at the demo shop
-- S0001 (login wakaba-honten), 10 % at S0002, the rest over the seed's bench shops (all of the
-- demo business B0001, login wakaba-owner). Written as the ledger writes a payment (journal
-- entry, payment, transfer, the lot it took, balances before and after), so the invariant check
-- holds afterwards.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE hist_ctx AS
SELECT (SELECT id FROM value_service WHERE code = 'WAKABA_COIN') AS money,
       (SELECT id FROM shop WHERE code = 'S0001') AS s1,
       (SELECT id FROM shop WHERE code = 'S0002') AS s2,
       (SELECT id FROM terminal WHERE code = 'T0001') AS t1,
       (SELECT id FROM terminal WHERE code = 'T0003') AS t3,
       (SELECT COUNT(*) FROM resident WHERE id > 1000000000) AS residents,
       (SELECT COUNT(*) FROM shop WHERE id > 1000000000) AS shops;

-- Every shop's receivable account in the money service.
INSERT INTO account (id, service_id, kind, shop_id, owner_id, created_at)
SELECT 3000000000 + ROW_NUMBER() OVER (ORDER BY s.id), c.money, 'SHOP_RECEIVABLE', s.id, s.id,
       LOCALTIMESTAMP
FROM shop s, hist_ctx c
WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.shop_id = s.id AND a.service_id = c.money
                  AND a.kind = 'SHOP_RECEIVABLE');

CREATE TEMP TABLE hist_use AS
SELECT i::bigint AS i,
       1000000000 + 1 + (i % c.residents) AS resident,
       CASE WHEN i % 10 < 2 THEN c.s1 WHEN i % 10 = 2 THEN c.s2
            ELSE 1000000000 + 1 + (i % c.shops) END AS shop,
       CASE WHEN i % 10 < 2 THEN c.t1 WHEN i % 10 = 2 THEN c.t3
            ELSE 1000000000 + 1 + (i % c.shops) END AS terminal,
       1 + (i::bigint * 7919) % 100 AS amount,
       LOCALTIMESTAMP - INTERVAL '30 days' + (INTERVAL '30 days' * i / :uses) AS at
FROM generate_series(1, :uses) i, hist_ctx c;

INSERT INTO journal_entry (id, operation, actor, created_at)
SELECT 2000000000 + i, 'USE', 'bench', at FROM hist_use;

INSERT INTO transfer (id, tran_id, entry_id, service_id, operation, debit_account_id,
                      credit_account_id, amount_yen, resident_id, shop_id, terminal_id,
                      wallet_before_yen, wallet_after_yen, status, closed, created_at)
SELECT 2000000000 + u.i, 'bh-' || u.i, 2000000000 + u.i, c.money, 'USE', u.resident,
       (SELECT a.id FROM account a WHERE a.shop_id = u.shop AND a.service_id = c.money
          AND a.kind = 'SHOP_RECEIVABLE'),
       u.amount, u.resident, u.shop, u.terminal,
       100000 - SUM(u.amount) OVER w + u.amount, 100000 - SUM(u.amount) OVER w, 1, FALSE, u.at
FROM hist_use u, hist_ctx c
WINDOW w AS (PARTITION BY u.resident ORDER BY u.i ROWS UNBOUNDED PRECEDING);

INSERT INTO lot_allocation (transfer_id, lot_id, amount_yen)
SELECT 2000000000 + i, resident, amount FROM hist_use;

INSERT INTO payment (id, payment_ref, terminal_id, shop_id, resident_id, amount_yen, entry_id,
                     status, idempotency_key, request_hash, created_at)
SELECT 2000000000 + i, 'bp-' || i, terminal, shop, resident, amount, 2000000000 + i,
       'COMPLETED', 'bench-' || i, 'bench', at
FROM hist_use;

UPDATE wallet w SET balance_yen = 100000 - s.used
FROM (SELECT resident, SUM(amount) AS used FROM hist_use GROUP BY resident) s
WHERE w.account_id = s.resident;
UPDATE value_lot l SET remaining_yen = 100000 - s.used
FROM (SELECT resident, SUM(amount) AS used FROM hist_use GROUP BY resident) s
WHERE l.id = s.resident;
COMMIT;
-- Index-only scans need the visibility map, as autovacuum keeps it on a running server.
VACUUM ANALYZE;
