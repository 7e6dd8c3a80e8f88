-- V16 (#10 item 5, R-31): the QR code an app member shows in the resident portal is single-use:
-- the payment that uses it ends it, in the payment's own transaction. Tokens issued before (the
-- demo data's day-long token for trying the register, the ledger tests' tokens) stay reusable until
-- they expire, as they were issued. Portable SQL for H2 2.x (MODE=LEGACY) and PostgreSQL 15.
ALTER TABLE resident ADD COLUMN pay_token_single_use BOOLEAN DEFAULT FALSE NOT NULL;
