-- V23 (#11 items 3, 5): the city window (窓口) and the audit log's reader. Portable SQL for H2 2.x
-- (MODE=LEGACY) and PostgreSQL 15.

-- R-01, R-92: member codes of cards the window issues: a 7-digit serial (CardCode adds the check
-- digit). Serials from 3,000,000 leave the demo's and the tests' ranges alone.
CREATE SEQUENCE card_serial_seq START WITH 3000000 INCREMENT BY 1;

-- R-92: a card issued at the window after an identity document check. Only the kind of document
-- and the clerk who checked it are kept: never the document's image or number.
CREATE TABLE card_issue (
  card_resident_id      BIGINT       NOT NULL PRIMARY KEY,
  id_document           VARCHAR(32)  NOT NULL,
  checked_by            VARCHAR(254) NOT NULL,
  issued_at             TIMESTAMP    NOT NULL,
  replaces_resident_id  BIGINT,
  CONSTRAINT fk_card_issue_card FOREIGN KEY (card_resident_id) REFERENCES resident (id),
  CONSTRAINT fk_card_issue_replaces FOREIGN KEY (replaces_resident_id) REFERENCES resident (id)
);

-- A card reported lost (紛失): disabled, its balance frozen on it until the window moves it to a
-- replacement card in one journal entry (replaced_by, entry). The primary key on the lost card is
-- what makes a repeated move move nothing twice.
CREATE TABLE card_loss (
  card_resident_id         BIGINT       NOT NULL PRIMARY KEY,
  reported_at              TIMESTAMP    NOT NULL,
  reported_by              VARCHAR(254) NOT NULL,
  replaced_by_resident_id  BIGINT,
  moved_entry_id           BIGINT,
  moved_yen                BIGINT,
  replaced_at              TIMESTAMP,
  CONSTRAINT fk_card_loss_card FOREIGN KEY (card_resident_id) REFERENCES resident (id),
  CONSTRAINT fk_card_loss_replacement FOREIGN KEY (replaced_by_resident_id) REFERENCES resident (id),
  CONSTRAINT fk_card_loss_entry FOREIGN KEY (moved_entry_id) REFERENCES journal_entry (id),
  CONSTRAINT ck_card_loss_distinct CHECK (card_resident_id <> replaced_by_resident_id)
);
CREATE UNIQUE INDEX ux_card_loss_replacement ON card_loss (replaced_by_resident_id);

-- R-94: the auditor filters the log by staff and action within a period.
CREATE INDEX ix_audit_event_actor_time ON audit_event (actor, occurred_at);
CREATE INDEX ix_audit_event_action_time ON audit_event (action, occurred_at);
