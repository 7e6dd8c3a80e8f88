-- #10 item 2, R-57: the city's notices to residents or merchants, and what a maintenance window
-- says to the people it stops (the banner of every portal and the refusal of payments and charges).

CREATE SEQUENCE notice_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE notice (
  id          BIGINT         NOT NULL PRIMARY KEY,
  audience    VARCHAR(16)    NOT NULL,
  title_ja    VARCHAR(200)   NOT NULL,
  title_en    VARCHAR(200)   NOT NULL,
  body_ja     VARCHAR(2000)  NOT NULL,
  body_en     VARCHAR(2000)  NOT NULL,
  shown_from  TIMESTAMP      NOT NULL,
  shown_until TIMESTAMP      NOT NULL,
  created_by  VARCHAR(100)   NOT NULL,
  created_at  TIMESTAMP      NOT NULL,
  CONSTRAINT ck_notice_audience CHECK (audience IN ('RESIDENT', 'MERCHANT')),
  CONSTRAINT ck_notice_period CHECK (shown_until > shown_from)
);
CREATE INDEX ix_notice_shown ON notice (audience, shown_until);

-- A window is announced with its message in both languages; the note stays for the city's own use.
ALTER TABLE maintenance_window ADD COLUMN message_ja VARCHAR(500);
ALTER TABLE maintenance_window ADD COLUMN message_en VARCHAR(500);
ALTER TABLE maintenance_window ADD COLUMN announced_at TIMESTAMP;
ALTER TABLE maintenance_window ADD COLUMN created_by VARCHAR(100);
UPDATE maintenance_window SET message_ja = note, message_en = note, announced_at = starts_at,
  created_by = 'migration';
ALTER TABLE maintenance_window ALTER COLUMN message_ja SET NOT NULL;
ALTER TABLE maintenance_window ALTER COLUMN message_en SET NOT NULL;
ALTER TABLE maintenance_window ALTER COLUMN announced_at SET NOT NULL;
ALTER TABLE maintenance_window ALTER COLUMN created_by SET NOT NULL;
ALTER TABLE maintenance_window ALTER COLUMN note DROP NOT NULL;
-- R-57 "announced in advance": a window starts after its announcement.
ALTER TABLE maintenance_window ADD CONSTRAINT ck_maintenance_announced CHECK (starts_at > announced_at);
