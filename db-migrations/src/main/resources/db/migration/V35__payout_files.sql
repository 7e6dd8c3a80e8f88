-- V35: the payout files made for the city's bank (#12 item 4, R-54). Portable SQL for H2 2.x
-- (MODE=LEGACY) and PostgreSQL 15.
--
-- A transfer is asked of the bank once: each due settlement line goes into exactly one file
-- (the primary key of payout_file_line). A later file of the same payout date holds only what
-- became due since (a late close, a newly registered account); a file already made is downloaded
-- again byte for byte as it was stored, so a lost download never becomes a second request. Only a
-- transfer in a file can have the bank's result (R-55). No installation made files before V35 (the
-- download that built one on every request existed only on development machines): nothing to
-- carry over.
CREATE SEQUENCE payout_file_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE payout_file (
  id           BIGINT       NOT NULL PRIMARY KEY,
  payout_date  DATE         NOT NULL,
  sequence_no  INT          NOT NULL,  -- 1, 2, ... per payout date
  transfer_date DATE        NOT NULL,  -- 振込指定日 in the header: the payout date, or the next bank
                                       -- business day for a file made on or after it
  content      BYTEA        NOT NULL,  -- the file as made (BYTEA: VARBINARY in H2, see V12)
  sha256       CHAR(64)     NOT NULL,
  transfers    INT          NOT NULL,
  total_yen    BIGINT       NOT NULL,
  created_at   TIMESTAMP    NOT NULL,
  created_by   VARCHAR(254) NOT NULL,
  CONSTRAINT uq_payout_file_date_seq UNIQUE (payout_date, sequence_no),
  CONSTRAINT ck_payout_file_figures CHECK (transfers > 0 AND total_yen > 0 AND sequence_no > 0)
);

-- The transfers as written into the file: the account they went to, even if the business
-- changes it later.
CREATE TABLE payout_file_line (
  line_id         BIGINT      NOT NULL PRIMARY KEY,
  file_id         BIGINT      NOT NULL,
  record_no       INT         NOT NULL,  -- its data record's place in the file, from 1
  shop_id         BIGINT      NOT NULL,
  bank_code       VARCHAR(4)  NOT NULL,
  branch_code     VARCHAR(3)  NOT NULL,
  account_type    SMALLINT    NOT NULL,
  account_number  VARCHAR(7)  NOT NULL,
  holder_kana     VARCHAR(30) NOT NULL,
  amount_yen      BIGINT      NOT NULL,
  CONSTRAINT fk_payout_file_line_file FOREIGN KEY (file_id) REFERENCES payout_file (id),
  CONSTRAINT fk_payout_file_line_line FOREIGN KEY (line_id) REFERENCES settlement_line (id),
  CONSTRAINT fk_payout_file_line_shop FOREIGN KEY (shop_id) REFERENCES shop (id),
  CONSTRAINT uq_payout_file_line_record UNIQUE (file_id, record_no),
  CONSTRAINT ck_payout_file_line_amount CHECK (amount_yen > 0)
);
