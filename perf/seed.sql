-- Benchmark population (PostgreSQL): :residents app members with a long-lived pay token
-- 'B<i>' and a charged wallet of 100,000 yen, and :shops card-accepting shops of the demo
-- business with one terminal each ('BT<i>', API secret hash :'secret_sha'). Rows are written the
-- way the ledger writes them (charge transfer + lot), so the invariant check holds afterwards.
-- Ids come from a range the sequences never reach during a run.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE bench_ctx AS
SELECT (SELECT id FROM value_service WHERE code = 'WAKABA_COIN') AS money,
       (SELECT id FROM business WHERE code = 'B0001') AS business,
       (SELECT id FROM account WHERE kind = 'ISSUED_FLOAT'
          AND service_id = (SELECT id FROM value_service WHERE code = 'WAKABA_COIN')
          ORDER BY id LIMIT 1) AS float_account;

INSERT INTO resident (id, membership, name, name_kana, birth_date, address, created_at,
                      pay_token, pay_token_expires_at)
SELECT 1000000000 + i, 'APP', 'ベンチ ' || i, 'ベンチ', DATE '1990-01-01', '若葉川市', LOCALTIMESTAMP,
       'B' || i, TIMESTAMP '2099-01-01 00:00:00'
FROM generate_series(1, :residents) i;

INSERT INTO account (id, service_id, kind, resident_id, owner_id, created_at)
SELECT 1000000000 + i, c.money, 'WALLET', 1000000000 + i, 1000000000 + i, LOCALTIMESTAMP
FROM generate_series(1, :residents) i, bench_ctx c;

INSERT INTO wallet (account_id, balance_yen)
SELECT 1000000000 + i, 100000 FROM generate_series(1, :residents) i;

INSERT INTO journal_entry (id, operation, actor, created_at)
VALUES (1000000000, 'CHARGE', 'bench', LOCALTIMESTAMP);

INSERT INTO transfer (id, tran_id, entry_id, service_id, operation, debit_account_id,
                      credit_account_id, amount_yen, resident_id, wallet_before_yen,
                      wallet_after_yen, status, closed, note, created_at)
SELECT 1000000000 + i, 'bench-' || i, 1000000000, c.money, 'CHARGE', c.float_account,
       1000000000 + i, 100000, 1000000000 + i, 0, 100000, 1, FALSE, 'bench seed', LOCALTIMESTAMP
FROM generate_series(1, :residents) i, bench_ctx c;

INSERT INTO value_lot (id, account_id, origin_transfer_id, kind, amount_yen, remaining_yen, expires_on)
SELECT 1000000000 + i, 1000000000 + i, 1000000000 + i, 'CHARGED', 100000, 100000, DATE '2099-01-01'
FROM generate_series(1, :residents) i;

INSERT INTO shop (id, business_id, code, name, address, phone, card_accepted, published, created_at)
SELECT 1000000000 + s, c.business, 'BS' || s, 'ベンチ店 ' || s, '若葉川市', '0270', TRUE, FALSE,
       LOCALTIMESTAMP
FROM generate_series(1, :shops) s, bench_ctx c;

INSERT INTO shop_accepted_service (shop_id, service_id)
SELECT 1000000000 + s, c.money FROM generate_series(1, :shops) s, bench_ctx c;

INSERT INTO terminal (id, shop_id, code, name, qr_token, active, created_at, api_secret_sha256)
SELECT 1000000000 + s, 1000000000 + s, 'BT' || s, 'レジ', 'bench-qr-' || s, TRUE, LOCALTIMESTAMP,
       :'secret_sha'
FROM generate_series(1, :shops) s;
COMMIT;
ANALYZE;
