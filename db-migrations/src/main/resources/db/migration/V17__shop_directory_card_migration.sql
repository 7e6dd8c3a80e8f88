-- V17 (#10 items 7, 8): the public shop directory and card members. Portable SQL for H2 2.x
-- (MODE=LEGACY) and PostgreSQL 15.

-- R-64: only shops the city has published are listed. V1's shop.published stays the flag; a new
-- shop now starts unlisted (the Shop entity) and the city publishes it (ShopDirectory.publish).
-- When it was last published, for the audit and the "new shops" order; existing listed shops
-- count from their creation.
ALTER TABLE shop ADD COLUMN published_at TIMESTAMP;
UPDATE shop SET published_at = created_at WHERE published = TRUE;
CREATE INDEX ix_shop_published_name ON shop (published, name);

-- R-84: the card's security code (printed on the card under a scratch strip), hashed with PBKDF2
-- like a password; the window sets it when it issues the card (#11). NULL: the card cannot be
-- moved into an app account until the window gives it one.
ALTER TABLE resident ADD COLUMN card_security_hash VARCHAR(512);

-- R-84: a card moves into an app account once. The primary key on the card is what makes a
-- repeated request move nothing twice: it is inserted in the same transaction as the money.
CREATE TABLE card_migration (
  card_resident_id  BIGINT      NOT NULL PRIMARY KEY,
  app_resident_id   BIGINT      NOT NULL,
  entry_id          BIGINT      NOT NULL,
  moved_yen         BIGINT      NOT NULL,
  migrated_at       TIMESTAMP   NOT NULL,
  CONSTRAINT fk_card_migration_card FOREIGN KEY (card_resident_id) REFERENCES resident (id),
  CONSTRAINT fk_card_migration_app FOREIGN KEY (app_resident_id) REFERENCES resident (id),
  CONSTRAINT fk_card_migration_entry FOREIGN KEY (entry_id) REFERENCES journal_entry (id),
  CONSTRAINT ck_card_migration_distinct CHECK (card_resident_id <> app_resident_id),
  CONSTRAINT ck_card_migration_amount CHECK (moved_yen >= 0)
);
CREATE INDEX ix_card_migration_app ON card_migration (app_resident_id);

-- R-84: value on its way from the card's wallet to the app member's, inside one MIGRATE entry:
-- card wallet -> CARD_MIGRATION -> app wallet, so each resident's history has its own row with
-- its own balance before and after (R-71), and the account nets to zero in every entry.
ALTER TABLE account DROP CONSTRAINT ck_account_kind;
ALTER TABLE account ADD CONSTRAINT ck_account_kind CHECK (kind IN ('WALLET', 'SHOP_RECEIVABLE',
    'ISSUED_FLOAT', 'PREMIUM_FUNDING', 'GRANT_FUNDING', 'EXPIRED', 'FORFEITED',
    'SETTLEMENT_PAYABLE', 'CARD_MIGRATION'));
