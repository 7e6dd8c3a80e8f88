-- V31: the bank's results of payout transfers (#12 item 5, R-55, R-56). Portable SQL for H2 2.x
-- (MODE=LEGACY) and PostgreSQL 15.

-- A PAID line's PAYOUT entry moves its amount from the settlement payable to the shop's paid-out
-- account (money transferred to shops).
ALTER TABLE account DROP CONSTRAINT ck_account_kind;
ALTER TABLE account ADD CONSTRAINT ck_account_kind CHECK (kind IN ('WALLET', 'SHOP_RECEIVABLE',
    'ISSUED_FLOAT', 'PREMIUM_FUNDING', 'GRANT_FUNDING', 'EXPIRED', 'FORFEITED',
    'SETTLEMENT_PAYABLE', 'CARD_MIGRATION', 'SHOP_PAID_OUT'));
-- The paid-out account is the shop's own, like its receivable.
ALTER TABLE account DROP CONSTRAINT ck_account_owner;
ALTER TABLE account ADD CONSTRAINT ck_account_owner CHECK (
    (kind = 'WALLET' AND resident_id IS NOT NULL AND shop_id IS NULL)
    OR (kind IN ('SHOP_RECEIVABLE', 'SHOP_PAID_OUT') AND shop_id IS NOT NULL AND resident_id IS NULL)
    OR (kind NOT IN ('WALLET', 'SHOP_RECEIVABLE', 'SHOP_PAID_OUT') AND resident_id IS NULL
        AND shop_id IS NULL));

-- Who recorded which result when; why a transfer failed (shown to the merchant); the PAID line's
-- payout entry; and (R-55) the later line a FAILED line's amount was carried into, exactly once.
ALTER TABLE settlement_line ADD COLUMN result_at TIMESTAMP;
ALTER TABLE settlement_line ADD COLUMN result_by VARCHAR(254);
ALTER TABLE settlement_line ADD COLUMN failure_reason VARCHAR(200);
ALTER TABLE settlement_line ADD COLUMN payout_entry_id BIGINT;
ALTER TABLE settlement_line ADD COLUMN carried_to_line_id BIGINT;
ALTER TABLE settlement_line ADD CONSTRAINT fk_settlement_line_payout_entry
  FOREIGN KEY (payout_entry_id) REFERENCES journal_entry (id);
ALTER TABLE settlement_line ADD CONSTRAINT fk_settlement_line_carried_to
  FOREIGN KEY (carried_to_line_id) REFERENCES settlement_line (id);
ALTER TABLE settlement_line ADD CONSTRAINT ck_settlement_line_result CHECK (
  (payout_state <> 'PAID' OR payout_entry_id IS NOT NULL)
  AND (payout_state NOT IN ('FAILED', 'CARRIED_OVER') OR failure_reason IS NOT NULL)
  AND ((payout_state = 'CARRIED_OVER') = (carried_to_line_id IS NOT NULL)));
-- Finding a shop's failed lines at its next close.
CREATE INDEX ix_settlement_line_shop_payout ON settlement_line (shop_id, payout_state);
