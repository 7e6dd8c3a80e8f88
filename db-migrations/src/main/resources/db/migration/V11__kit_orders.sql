-- #9 item 9, R-63: a merchant orders more of its kit (flags, QR stands, stickers) for one of its
-- shops; the city reads the orders to send them. The quantities are bounded here as in the ledger
-- (KitOrders), and an order asks for something.
CREATE SEQUENCE kit_order_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE kit_order (
  id          BIGINT        NOT NULL PRIMARY KEY,
  shop_id     BIGINT        NOT NULL,
  flags       INTEGER       NOT NULL,
  qr_stands   INTEGER       NOT NULL,
  stickers    INTEGER       NOT NULL,
  note        VARCHAR(500),
  ordered_by  VARCHAR(254)  NOT NULL,  -- the merchant login that ordered
  ordered_at  TIMESTAMP     NOT NULL,
  CONSTRAINT fk_kit_order_shop FOREIGN KEY (shop_id) REFERENCES shop (id),
  CONSTRAINT ck_kit_order_flags CHECK (flags BETWEEN 0 AND 5),
  CONSTRAINT ck_kit_order_qr_stands CHECK (qr_stands BETWEEN 0 AND 10),
  CONSTRAINT ck_kit_order_stickers CHECK (stickers BETWEEN 0 AND 50),
  CONSTRAINT ck_kit_order_something CHECK (flags + qr_stands + stickers > 0)
);
CREATE INDEX ix_kit_order_shop_time ON kit_order (shop_id, ordered_at);
CREATE INDEX ix_kit_order_time ON kit_order (ordered_at);
