-- V1: foundation schema. Portable SQL for H2 2.x (MODE=LEGACY) and PostgreSQL 15.
-- Times are platform-local (Asia/Tokyo) TIMESTAMPs; money is BIGINT yen (ledger comes in V2+).
-- Ids come from sequences (never IDENTITY: EclipseLink's H2 platform trips on it, see stack.md).
-- EclipseLink pre-allocates 50 ids per sequence call and expects the first value to be >= 50.

-- Value services (サービス), R-02: money / point / gift certificate, each its own balance.
-- service_type follows the Mitaka CSV: 1 = money, 2 = point, 3 = gift certificate.
CREATE SEQUENCE value_service_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE value_service (
  id            BIGINT       NOT NULL PRIMARY KEY,
  code          VARCHAR(32)  NOT NULL,
  service_type  SMALLINT     NOT NULL,
  name_ja       VARCHAR(100) NOT NULL,
  name_en       VARCHAR(100) NOT NULL,
  unit_ja       VARCHAR(20)  NOT NULL,
  unit_en       VARCHAR(20)  NOT NULL,
  card_usable   BOOLEAN      NOT NULL,
  created_at    TIMESTAMP    NOT NULL,
  CONSTRAINT uq_value_service_code UNIQUE (code),
  CONSTRAINT ck_value_service_type CHECK (service_type IN (1, 2, 3))
);

-- Businesses (事業者) own shops (店舗); a shop has terminals (端末), each with its own QR code.
CREATE SEQUENCE business_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE business (
  id                BIGINT       NOT NULL PRIMARY KEY,
  code              VARCHAR(16)  NOT NULL,
  name              VARCHAR(200) NOT NULL,
  representative    VARCHAR(100) NOT NULL,
  email             VARCHAR(254) NOT NULL,
  phone             VARCHAR(20)  NOT NULL,
  address           VARCHAR(300) NOT NULL,
  created_at        TIMESTAMP    NOT NULL,
  CONSTRAINT uq_business_code UNIQUE (code)
);

CREATE SEQUENCE shop_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE shop (
  id             BIGINT       NOT NULL PRIMARY KEY,
  business_id    BIGINT       NOT NULL,
  code           VARCHAR(16)  NOT NULL,
  name           VARCHAR(200) NOT NULL,
  address        VARCHAR(300) NOT NULL,
  phone          VARCHAR(20)  NOT NULL,
  card_accepted  BOOLEAN      NOT NULL,   -- R-01: card members may pay only where this is true
  published      BOOLEAN      NOT NULL,   -- R-64: listed in the public "使えるお店" directory
  created_at     TIMESTAMP    NOT NULL,
  CONSTRAINT uq_shop_code UNIQUE (code),
  CONSTRAINT fk_shop_business FOREIGN KEY (business_id) REFERENCES business (id)
);
CREATE INDEX ix_shop_business ON shop (business_id);

-- R-03: which services a shop accepts (e.g. points are not accepted everywhere).
CREATE TABLE shop_accepted_service (
  shop_id     BIGINT NOT NULL,
  service_id  BIGINT NOT NULL,
  CONSTRAINT pk_shop_accepted_service PRIMARY KEY (shop_id, service_id),
  CONSTRAINT fk_sas_shop FOREIGN KEY (shop_id) REFERENCES shop (id),
  CONSTRAINT fk_sas_service FOREIGN KEY (service_id) REFERENCES value_service (id)
);

CREATE SEQUENCE terminal_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE terminal (
  id          BIGINT       NOT NULL PRIMARY KEY,
  shop_id     BIGINT       NOT NULL,
  code        VARCHAR(16)  NOT NULL,
  name        VARCHAR(100) NOT NULL,
  qr_token    VARCHAR(64)  NOT NULL,     -- printed in the terminal's store QR (R-30)
  active      BOOLEAN      NOT NULL,
  created_at  TIMESTAMP    NOT NULL,
  CONSTRAINT uq_terminal_code UNIQUE (code),
  CONSTRAINT uq_terminal_qr UNIQUE (qr_token),
  CONSTRAINT fk_terminal_shop FOREIGN KEY (shop_id) REFERENCES shop (id)
);
CREATE INDEX ix_terminal_shop ON terminal (shop_id);

-- Residents (利用者). R-01: app member or card member, never both.
CREATE SEQUENCE resident_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE resident (
  id                BIGINT       NOT NULL PRIMARY KEY,
  membership        VARCHAR(8)   NOT NULL,
  name              VARCHAR(100) NOT NULL,
  name_kana         VARCHAR(100) NOT NULL,
  birth_date        DATE         NOT NULL,   -- R-82: 70+ bonus
  address           VARCHAR(300) NOT NULL,   -- R-81: resident of the city
  email             VARCHAR(254),
  phone             VARCHAR(20),
  card_member_code  CHAR(8),                 -- R-01: 8-digit member code printed on the card
  card_enabled      BOOLEAN,                 -- R-84: a migrated card is disabled
  created_at        TIMESTAMP    NOT NULL,
  CONSTRAINT uq_resident_card UNIQUE (card_member_code),
  CONSTRAINT ck_resident_membership CHECK (membership IN ('APP', 'CARD')),
  CONSTRAINT ck_resident_card CHECK (
    (membership = 'CARD' AND card_member_code IS NOT NULL AND card_enabled IS NOT NULL)
    OR (membership = 'APP' AND card_member_code IS NULL))
);

-- Logins. Each account belongs to exactly one portal (resident / merchant / admin); the same
-- login name may exist in two portals as two unrelated accounts. Passwords are Pbkdf2 hashes.
CREATE SEQUENCE user_account_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE user_account (
  id                      BIGINT       NOT NULL PRIMARY KEY,
  portal                  VARCHAR(16)  NOT NULL,
  login_name              VARCHAR(254) NOT NULL,
  display_name            VARCHAR(200) NOT NULL,
  email                   VARCHAR(254),
  password_hash           VARCHAR(512) NOT NULL,
  password_changed_at     TIMESTAMP    NOT NULL,   -- R-62: warn after 90 days
  must_change_password    BOOLEAN      NOT NULL,   -- R-62: forced on first merchant login
  enabled                 BOOLEAN      NOT NULL,
  failed_login_count      INTEGER      NOT NULL,
  failed_window_start     TIMESTAMP,
  locked_until            TIMESTAMP,
  last_login_at           TIMESTAMP,
  previous_login_at       TIMESTAMP,               -- shown after login, to spot misuse
  resident_id             BIGINT,                  -- R-93: what this login may see
  business_id             BIGINT,
  shop_id                 BIGINT,
  created_at              TIMESTAMP    NOT NULL,
  version                 BIGINT       NOT NULL,
  CONSTRAINT uq_user_account_login UNIQUE (portal, login_name),
  CONSTRAINT ck_user_account_portal CHECK (portal IN ('RESIDENT', 'MERCHANT', 'ADMIN')),
  CONSTRAINT fk_user_account_resident FOREIGN KEY (resident_id) REFERENCES resident (id),
  CONSTRAINT fk_user_account_business FOREIGN KEY (business_id) REFERENCES business (id),
  CONSTRAINT fk_user_account_shop FOREIGN KEY (shop_id) REFERENCES shop (id)
);

CREATE TABLE user_role (
  user_id  BIGINT      NOT NULL,
  role     VARCHAR(32) NOT NULL,
  CONSTRAINT pk_user_role PRIMARY KEY (user_id, role),
  CONSTRAINT fk_user_role_user FOREIGN KEY (user_id) REFERENCES user_account (id),
  CONSTRAINT ck_user_role CHECK (role IN ('RESIDENT', 'SHOP_STAFF', 'BUSINESS_OWNER',
                                          'CITY_ADMIN', 'CITY_CLERK', 'CITY_AUDITOR'))
);

-- R-94: every administrative action on money or personal data is recorded here (append-only).
CREATE SEQUENCE audit_event_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE audit_event (
  id           BIGINT        NOT NULL PRIMARY KEY,
  occurred_at  TIMESTAMP     NOT NULL,
  portal       VARCHAR(16),
  actor        VARCHAR(254)  NOT NULL,
  action       VARCHAR(64)   NOT NULL,
  detail       VARCHAR(1000)
);
CREATE INDEX ix_audit_event_time ON audit_event (occurred_at);
