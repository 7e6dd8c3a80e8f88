-- #11 item 2: services and campaigns administered by the city, with rules that take effect at a
-- stated time. A change is a new version row with its effective-from time, never an update of the
-- rule in force, so past operations keep the rules they were made under and the history is audited.

-- Premium campaigns (R-10, R-11, R-22): the base row is the first version; it holds the budget
-- counter that every version shares.
ALTER TABLE premium_campaign ADD COLUMN channels VARCHAR(64);          -- e.g. 'BANK,ATM'; NULL = all
ALTER TABLE premium_campaign ADD COLUMN budget_cap_yen BIGINT;         -- NULL = no cap
ALTER TABLE premium_campaign ADD COLUMN budget_used_yen BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE premium_campaign ADD COLUMN effective_from TIMESTAMP;      -- NULL = always (older rows)
ALTER TABLE premium_campaign ADD COLUMN created_by VARCHAR(100);
ALTER TABLE premium_campaign ADD CONSTRAINT ck_campaign_budget
  CHECK (budget_used_yen >= 0 AND (budget_cap_yen IS NULL OR budget_cap_yen >= 0));

CREATE SEQUENCE premium_campaign_version_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE premium_campaign_version (
  id                          BIGINT       NOT NULL PRIMARY KEY,
  campaign_id                 BIGINT       NOT NULL,
  effective_from              TIMESTAMP    NOT NULL,
  name                        VARCHAR(200) NOT NULL,
  rate_basis_points           INTEGER      NOT NULL,
  starts_on                   DATE         NOT NULL,
  ends_on                     DATE         NOT NULL,
  premium_expiry              VARCHAR(16)  NOT NULL,
  premium_expires_on          DATE,
  channels                    VARCHAR(64),
  charged_from_card_purchase  BOOLEAN      NOT NULL,
  budget_cap_yen              BIGINT,
  created_by                  VARCHAR(100) NOT NULL,
  created_at                  TIMESTAMP    NOT NULL,
  CONSTRAINT fk_campaign_version FOREIGN KEY (campaign_id) REFERENCES premium_campaign (id),
  CONSTRAINT uq_campaign_version UNIQUE (campaign_id, effective_from),
  CONSTRAINT ck_campaign_version_rate CHECK (rate_basis_points > 0 AND rate_basis_points <= 10000),
  CONSTRAINT ck_campaign_version_cap CHECK (budget_cap_yen IS NULL OR budget_cap_yen >= 0),
  CONSTRAINT ck_campaign_version_expiry CHECK (
    (premium_expiry = 'FISCAL_YEAR_END' AND premium_expires_on IS NULL)
    OR (premium_expiry = 'FIXED_DATE' AND premium_expires_on IS NOT NULL))
);

-- A service's charge rules (R-10, R-14, R-21, R-91) from a stated time; the value_service row's
-- own columns are the rules before the first version.
CREATE SEQUENCE service_rule_version_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE service_rule_version (
  id                              BIGINT       NOT NULL PRIMARY KEY,
  service_id                      BIGINT       NOT NULL,
  effective_from                  TIMESTAMP    NOT NULL,
  holding_limit_yen               BIGINT,
  charged_valid_years             INTEGER,
  chargeable                      BOOLEAN      NOT NULL,
  charge_needs_verified_identity  BOOLEAN      NOT NULL,
  created_by                      VARCHAR(100) NOT NULL,
  created_at                      TIMESTAMP    NOT NULL,
  CONSTRAINT fk_service_rule_version FOREIGN KEY (service_id) REFERENCES value_service (id),
  CONSTRAINT uq_service_rule_version UNIQUE (service_id, effective_from),
  CONSTRAINT ck_service_rule_limit CHECK (holding_limit_yen IS NULL OR holding_limit_yen > 0),
  CONSTRAINT ck_service_rule_years CHECK (charged_valid_years IS NULL OR charged_valid_years > 0)
);

-- A channel's per-charge bounds (R-20, R-21) from a stated time; offered = FALSE withdraws it.
CREATE SEQUENCE charge_rule_version_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE charge_rule_version (
  id              BIGINT       NOT NULL PRIMARY KEY,
  service_id      BIGINT       NOT NULL,
  channel         VARCHAR(16)  NOT NULL,
  effective_from  TIMESTAMP    NOT NULL,
  offered         BOOLEAN      NOT NULL,
  min_yen         BIGINT       NOT NULL,
  max_yen         BIGINT       NOT NULL,
  unit_yen        BIGINT       NOT NULL,
  created_by      VARCHAR(100) NOT NULL,
  created_at      TIMESTAMP    NOT NULL,
  CONSTRAINT fk_charge_rule_version FOREIGN KEY (service_id) REFERENCES value_service (id),
  CONSTRAINT uq_charge_rule_version UNIQUE (service_id, channel, effective_from),
  CONSTRAINT ck_charge_rule_version_channel
    CHECK (channel IN ('BANK', 'CREDIT_CARD', 'ATM', 'WINDOW')),
  CONSTRAINT ck_charge_rule_version_bounds
    CHECK (min_yen > 0 AND max_yen >= min_yen AND unit_yen > 0)
);
