-- Attempt counters of the card pages (R-84 migration, R-85 balance inquiry; #10 identity review):
-- per member code and per client address, in the database, so that every server of a cluster
-- counts together and a restart forgets nothing. A key is kept whether or not a card has it.
CREATE TABLE attempt_counter (
  kind          VARCHAR(40)   NOT NULL,
  counter_key   VARCHAR(200)  NOT NULL,
  events        INTEGER       NOT NULL,
  window_start  TIMESTAMP     NOT NULL,
  last_at       TIMESTAMP     NOT NULL,
  CONSTRAINT pk_attempt_counter PRIMARY KEY (kind, counter_key)
);
-- Old counters are purged by last use.
CREATE INDEX ix_attempt_counter_last ON attempt_counter (last_at);
