-- V6: card codes with a check digit, and terminals that guess card codes are suspended (issue #8,
-- finding 5). Portable SQL for H2 2.x (MODE=LEGACY) and PostgreSQL 15.

-- Refused payer lookups per terminal, counted in a fixed window that opens at the first refusal
-- after the previous window (TerminalGuard). last_refused_request keeps a retried request from
-- being counted twice. A suspended terminal's requests are refused until the city lifts it.
ALTER TABLE terminal ADD COLUMN refused_lookups INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE terminal ADD COLUMN refused_since TIMESTAMP;
ALTER TABLE terminal ADD COLUMN last_refused_request VARCHAR(200);
ALTER TABLE terminal ADD COLUMN suspended_at TIMESTAMP;
ALTER TABLE terminal ADD COLUMN suspension_reason VARCHAR(300);

-- R-01: a card code is a 7-digit serial and its Luhn check digit (CardCode). Codes issued before
-- do not pass the check: they are renumbered (no city runs Jimoto yet). A code keeps its serial,
-- the first seven digits, with the right check digit, unless another card already has that code
-- or an older resident wants the same one; those get new serials after the highest in use.
-- Luhn without functions or casts: a digit's value is its position in '0123456789' minus one,
-- its doubled digit sum its position in '0516273849' minus one.
-- A serial past 9999999 fails the CHECK, and with it the migration, rather than being cut short.
CREATE TABLE card_code_renumbering (
  resident_id  BIGINT      NOT NULL PRIMARY KEY,
  serial       VARCHAR(7),
  candidate    VARCHAR(8),
  rank_no      INTEGER,
  serial_no    BIGINT      CHECK (serial_no BETWEEN 0 AND 9999999),
  new_code     VARCHAR(8)
);

INSERT INTO card_code_renumbering (resident_id, serial)
SELECT id, CASE WHEN LENGTH(card_member_code) = 8
                 AND TRANSLATE(card_member_code, '0123456789', '##########') = '########'
                THEN SUBSTRING(card_member_code, 1, 7) END
FROM resident
WHERE card_member_code IS NOT NULL
  AND NOT (LENGTH(card_member_code) = 8
    AND TRANSLATE(card_member_code, '0123456789', '##########') = '########'
    AND MOD(POSITION(SUBSTRING(card_member_code, 1, 1) IN '0516273849') - 1
          + POSITION(SUBSTRING(card_member_code, 2, 1) IN '0123456789') - 1
          + POSITION(SUBSTRING(card_member_code, 3, 1) IN '0516273849') - 1
          + POSITION(SUBSTRING(card_member_code, 4, 1) IN '0123456789') - 1
          + POSITION(SUBSTRING(card_member_code, 5, 1) IN '0516273849') - 1
          + POSITION(SUBSTRING(card_member_code, 6, 1) IN '0123456789') - 1
          + POSITION(SUBSTRING(card_member_code, 7, 1) IN '0516273849') - 1
          + POSITION(SUBSTRING(card_member_code, 8, 1) IN '0123456789') - 1, 10) = 0);

-- The kept serial's code, where it is free and no older resident wants it.
UPDATE card_code_renumbering SET candidate = serial || SUBSTRING('0123456789', 1 + MOD(10 - MOD(
      POSITION(SUBSTRING(serial, 1, 1) IN '0516273849') - 1
    + POSITION(SUBSTRING(serial, 2, 1) IN '0123456789') - 1
    + POSITION(SUBSTRING(serial, 3, 1) IN '0516273849') - 1
    + POSITION(SUBSTRING(serial, 4, 1) IN '0123456789') - 1
    + POSITION(SUBSTRING(serial, 5, 1) IN '0516273849') - 1
    + POSITION(SUBSTRING(serial, 6, 1) IN '0123456789') - 1
    + POSITION(SUBSTRING(serial, 7, 1) IN '0516273849') - 1, 10), 10), 1)
  WHERE serial IS NOT NULL;
UPDATE card_code_renumbering SET new_code = candidate
  WHERE candidate IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM resident r WHERE r.card_member_code = card_code_renumbering.candidate)
    AND NOT EXISTS (SELECT 1 FROM card_code_renumbering o
                    WHERE o.candidate = card_code_renumbering.candidate
                      AND o.resident_id < card_code_renumbering.resident_id);

-- The others: new serials after the highest serial in use, in resident order.
UPDATE card_code_renumbering SET rank_no = (SELECT COUNT(*) FROM card_code_renumbering o
    WHERE o.new_code IS NULL AND o.resident_id <= card_code_renumbering.resident_id)
  WHERE new_code IS NULL;
UPDATE card_code_renumbering SET serial_no = rank_no + (SELECT COALESCE(MAX(
    (POSITION(SUBSTRING(card_member_code, 1, 1) IN '0123456789') - 1) * 1000000
  + (POSITION(SUBSTRING(card_member_code, 2, 1) IN '0123456789') - 1) * 100000
  + (POSITION(SUBSTRING(card_member_code, 3, 1) IN '0123456789') - 1) * 10000
  + (POSITION(SUBSTRING(card_member_code, 4, 1) IN '0123456789') - 1) * 1000
  + (POSITION(SUBSTRING(card_member_code, 5, 1) IN '0123456789') - 1) * 100
  + (POSITION(SUBSTRING(card_member_code, 6, 1) IN '0123456789') - 1) * 10
  + (POSITION(SUBSTRING(card_member_code, 7, 1) IN '0123456789') - 1)), 0)
    FROM resident WHERE LENGTH(card_member_code) = 8
      AND TRANSLATE(card_member_code, '0123456789', '##########') = '########')
  WHERE new_code IS NULL;
UPDATE card_code_renumbering SET serial = LPAD(CAST(serial_no AS VARCHAR(7)), 7, '0')
  WHERE new_code IS NULL;
UPDATE card_code_renumbering SET new_code = serial || SUBSTRING('0123456789', 1 + MOD(10 - MOD(
      POSITION(SUBSTRING(serial, 1, 1) IN '0516273849') - 1
    + POSITION(SUBSTRING(serial, 2, 1) IN '0123456789') - 1
    + POSITION(SUBSTRING(serial, 3, 1) IN '0516273849') - 1
    + POSITION(SUBSTRING(serial, 4, 1) IN '0123456789') - 1
    + POSITION(SUBSTRING(serial, 5, 1) IN '0516273849') - 1
    + POSITION(SUBSTRING(serial, 6, 1) IN '0123456789') - 1
    + POSITION(SUBSTRING(serial, 7, 1) IN '0516273849') - 1, 10), 10), 1)
  WHERE new_code IS NULL;

-- Cards in residents' hands carry the old numbers: the change is kept for the window staff, who
-- exchange or re-label the cards, and for the audit (R-94).
CREATE TABLE card_code_change (
  resident_id  BIGINT       NOT NULL,
  old_code     VARCHAR(64)  NOT NULL,
  new_code     VARCHAR(8)   NOT NULL,
  changed_at   TIMESTAMP    NOT NULL,
  reason       VARCHAR(200) NOT NULL,
  PRIMARY KEY (resident_id, changed_at)
);
INSERT INTO card_code_change (resident_id, old_code, new_code, changed_at, reason)
SELECT r.resident_id, res.card_member_code, r.new_code, CURRENT_TIMESTAMP,
       'V6: card codes carry a Luhn check digit (#8 finding 5)'
FROM card_code_renumbering r JOIN resident res ON res.id = r.resident_id;

UPDATE resident SET card_member_code = (SELECT r.new_code FROM card_code_renumbering r
    WHERE r.resident_id = resident.id)
  WHERE id IN (SELECT resident_id FROM card_code_renumbering);
DROP TABLE card_code_renumbering;
