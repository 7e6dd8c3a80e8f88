-- V9: terminals that merchants add in the merchant portal (#9 item 2, seed 001 レジ一覧) are
-- numbered T1001, T1002, ... from this sequence, above the demo data's T0001..T0004. The code is
-- printed under the terminal's QR code and names it in the history and the CSV (R-70, R-71); the
-- QR code itself carries the terminal's random qr_token, never its code (R-30).
CREATE SEQUENCE terminal_code_seq START WITH 1001 INCREMENT BY 1;
