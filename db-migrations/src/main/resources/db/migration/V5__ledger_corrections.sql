-- V5: ledger corrections (issue #7). Portable SQL for H2 2.x (MODE=LEGACY) and PostgreSQL 15.

-- One account per (service, kind, owner), also for the city's accounts, whose owner columns are
-- NULL (and NULLs never collide in a unique index): owner_id is the resident for a wallet, the
-- shop for a shop account and 0 for the city. Concurrent first uses could create two city
-- accounts of one kind; their transfers move to the oldest one before the index is built.
UPDATE transfer SET debit_account_id = (SELECT MIN(b.id) FROM account a JOIN account b
    ON b.service_id = a.service_id AND b.kind = a.kind
    AND b.resident_id IS NULL AND b.shop_id IS NULL WHERE a.id = transfer.debit_account_id)
  WHERE debit_account_id IN (SELECT a.id FROM account a WHERE a.resident_id IS NULL
    AND a.shop_id IS NULL AND EXISTS (SELECT 1 FROM account b WHERE b.service_id = a.service_id
    AND b.kind = a.kind AND b.resident_id IS NULL AND b.shop_id IS NULL AND b.id < a.id));
UPDATE transfer SET credit_account_id = (SELECT MIN(b.id) FROM account a JOIN account b
    ON b.service_id = a.service_id AND b.kind = a.kind
    AND b.resident_id IS NULL AND b.shop_id IS NULL WHERE a.id = transfer.credit_account_id)
  WHERE credit_account_id IN (SELECT a.id FROM account a WHERE a.resident_id IS NULL
    AND a.shop_id IS NULL AND EXISTS (SELECT 1 FROM account b WHERE b.service_id = a.service_id
    AND b.kind = a.kind AND b.resident_id IS NULL AND b.shop_id IS NULL AND b.id < a.id));
DELETE FROM account WHERE resident_id IS NULL AND shop_id IS NULL AND EXISTS (SELECT 1
  FROM account b WHERE b.service_id = account.service_id AND b.kind = account.kind
  AND b.resident_id IS NULL AND b.shop_id IS NULL AND b.id < account.id);

ALTER TABLE account ADD COLUMN owner_id BIGINT;
UPDATE account SET owner_id = COALESCE(resident_id, shop_id, 0);
ALTER TABLE account ALTER COLUMN owner_id SET NOT NULL;
CREATE UNIQUE INDEX ux_account_owner ON account (service_id, kind, owner_id);

-- R-11: only a campaign that says so (ISECA's 令和5年度 30 % campaign) counts a card's charged
-- part from the card's purchase; every other charge counts from the charge date (R-23).
ALTER TABLE premium_campaign ADD COLUMN charged_from_card_purchase BOOLEAN DEFAULT FALSE NOT NULL;

-- R-71 updatedAt: when the row last changed (an original is marked cancelled, R-44);
-- NULL = never changed since createdAt.
ALTER TABLE transfer ADD COLUMN updated_at TIMESTAMP;
CREATE INDEX ix_transfer_target_once ON transfer (target_transfer_id);
UPDATE transfer SET updated_at = (SELECT MIN(c.created_at) FROM transfer c
    WHERE c.target_transfer_id = transfer.id)
  WHERE status = 2;
DROP INDEX ix_transfer_target_once;

-- R-94: why a person did an audited action (a grant's occasion, a cancellation's reason).
ALTER TABLE audit_event ADD COLUMN reason VARCHAR(500);

-- The lot a credit created is looked up by its transfer (a grant's cancellation, the invariant
-- check that every wallet credit made its lot). Lots are written by charges and grants, not by
-- payments, so this index costs the payment path nothing.
CREATE INDEX ix_lot_origin ON value_lot (origin_transfer_id);

-- R-71 status (seed 004): a cancellation row shows キャンセル (not 1) from the start, like the
-- original it cancels; only active operations have status 1.
UPDATE transfer SET status = 2 WHERE operation IN ('USE_CANCEL', 'GRANT_CANCEL') AND status = 1;
