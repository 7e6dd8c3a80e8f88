-- V12 (#9 item 8): the shop profile a merchant keeps up to date, its photos, and the business's
-- bank account for payouts (R-54). Portable SQL for H2 2.x (MODE=LEGACY) and PostgreSQL 15.

-- The profile: the Japanese name stays shop.name; card_accepted and shop_accepted_service stay
-- the city's to set (R-01, R-03, R-64), the merchant only sees them.
ALTER TABLE shop ADD COLUMN name_en VARCHAR(200);
ALTER TABLE shop ADD COLUMN category VARCHAR(32);
ALTER TABLE shop ADD COLUMN hours VARCHAR(300);

-- Photos are kept in the database, not the data directory: they are small (at most 512 KB each,
-- 5 a shop, re-encoded by the ledger), they commit with the audit record that names them, the
-- database backup holds them, and every server of a cluster sees them.
-- BYTEA is PostgreSQL's binary type and an alias of VARBINARY in H2.
CREATE SEQUENCE shop_photo_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE shop_photo (
  id            BIGINT       NOT NULL PRIMARY KEY,
  shop_id       BIGINT       NOT NULL,
  content_type  VARCHAR(16)  NOT NULL,
  width_px      INTEGER      NOT NULL,
  height_px     INTEGER      NOT NULL,
  size_bytes    INTEGER      NOT NULL,
  sha256        CHAR(64)     NOT NULL,
  content       BYTEA        NOT NULL,
  created_at    TIMESTAMP    NOT NULL,
  created_by    VARCHAR(254) NOT NULL,
  CONSTRAINT fk_shop_photo_shop FOREIGN KEY (shop_id) REFERENCES shop (id),
  CONSTRAINT ck_shop_photo_type CHECK (content_type IN ('image/jpeg', 'image/png')),
  CONSTRAINT ck_shop_photo_size CHECK (size_bytes > 0 AND size_bytes <= 524288)
);
CREATE INDEX ix_shop_photo_shop ON shop_photo (shop_id);

-- R-54: where a business's payouts go. Codes as in the Zengin bank and branch code list; the
-- names as they were when the account was set (a bank merger retires codes, the file still needs
-- the names); account type in Zengin's codes (1 普通, 2 当座, 4 貯蓄); the holder's name in Zengin's
-- half-width kana, at most 30 characters (the transfer record's field).
CREATE TABLE business_bank_account (
  business_id     BIGINT       NOT NULL PRIMARY KEY,
  bank_code       CHAR(4)      NOT NULL,
  bank_name       VARCHAR(100) NOT NULL,
  branch_code     CHAR(3)      NOT NULL,
  branch_name     VARCHAR(100) NOT NULL,
  account_type    SMALLINT     NOT NULL,
  account_number  CHAR(7)      NOT NULL,
  holder_kana     VARCHAR(30)  NOT NULL,
  updated_at      TIMESTAMP    NOT NULL,
  updated_by      VARCHAR(254) NOT NULL,
  CONSTRAINT fk_bank_account_business FOREIGN KEY (business_id) REFERENCES business (id),
  CONSTRAINT ck_bank_account_type CHECK (account_type IN (1, 2, 4))
);
