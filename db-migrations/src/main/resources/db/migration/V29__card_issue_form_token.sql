-- V29 (#11 finding 8, R-01): a card issue's form token, its idempotency key. A double submit of
-- the window's issue form finds the card the first submit issued instead of issuing a second card
-- to the same person. Old rows have none (NULL; a unique index allows many NULLs on H2 and
-- PostgreSQL). Portable SQL for H2 2.x (MODE=LEGACY) and PostgreSQL 15.
ALTER TABLE card_issue ADD COLUMN form_token VARCHAR(64);
CREATE UNIQUE INDEX uq_card_issue_form_token ON card_issue (form_token);
