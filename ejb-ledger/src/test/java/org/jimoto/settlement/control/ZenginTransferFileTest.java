package org.jimoto.settlement.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jimoto.merchant.entity.BankAccount;
import org.jimoto.settlement.control.InvalidPayoutFile.Problem;
import org.jimoto.settlement.control.ZenginTransferFile.RecordSeparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * the Zengin 総合振込 file. Every record of a written file is read back by an independent reader,
 * {@link PublishedLayout}, written from the published record layout (全銀協 総合振込 format: field,
 * position, length, N/C) and sharing no code with the writer; its totals must equal the sum of the
 * payout lines.
 */
class ZenginTransferFileTest {

  static final Charset SJIS = Charset.forName("Shift_JIS");

  static final ZenginRequester CITY =
      new ZenginRequester(
          "1234567890", "ﾀ)ｼﾞﾑｶﾝｶ", "0009", "001", BankAccount.Type.ORDINARY, "7654321");

  static final LocalDate TRANSFER = LocalDate.of(2024, 5, 9);

  static List<PayoutLine> lines() {
    return List.of(
        new PayoutLine(
            1, "0005", "001", BankAccount.Type.ORDINARY, "0012345", "ｶ)ﾜｶﾊﾞｼﾖｳﾃﾝ", 123_456),
        new PayoutLine(
            42, "0001", "004", BankAccount.Type.CURRENT, "1000001", "ヤマダ　タロウ", 9_999_999_999L),
        new PayoutLine(7, "9900", "018", BankAccount.Type.ORDINARY, "1234567", "ﾊﾟﾝ(ｶ", 1));
  }

  /** The published layout, field by field: name, 1-based start, length, N (digits) or C. */
  static final class PublishedLayout {
    record Field(String name, int start, int length, char type) {}

    static final List<Field> HEADER =
        List.of(
            new Field("データ区分", 1, 1, 'N'),
            new Field("種別コード", 2, 2, 'N'),
            new Field("コード区分", 4, 1, 'N'),
            new Field("振込依頼人コード", 5, 10, 'N'),
            new Field("振込依頼人名", 15, 40, 'C'),
            new Field("取組日", 55, 4, 'N'),
            new Field("仕向銀行番号", 59, 4, 'N'),
            new Field("仕向銀行名", 63, 15, 'C'),
            new Field("仕向支店番号", 78, 3, 'N'),
            new Field("仕向支店名", 81, 15, 'C'),
            new Field("預金種目(依頼人)", 96, 1, 'N'),
            new Field("口座番号(依頼人)", 97, 7, 'N'),
            new Field("ダミー", 104, 17, 'C'));

    static final List<Field> DATA =
        List.of(
            new Field("データ区分", 1, 1, 'N'),
            new Field("被仕向銀行番号", 2, 4, 'N'),
            new Field("被仕向銀行名", 6, 15, 'C'),
            new Field("被仕向支店番号", 21, 3, 'N'),
            new Field("被仕向支店名", 24, 15, 'C'),
            new Field("手形交換所番号", 39, 4, 'N'),
            new Field("預金種目", 43, 1, 'N'),
            new Field("口座番号", 44, 7, 'N'),
            new Field("受取人名", 51, 30, 'C'),
            new Field("振込金額", 81, 10, 'N'),
            new Field("新規コード", 91, 1, 'N'),
            new Field("顧客コード1", 92, 10, 'N'),
            new Field("顧客コード2", 102, 10, 'N'),
            new Field("振込指定区分", 112, 1, 'N'),
            new Field("識別表示", 113, 1, 'C'),
            new Field("ダミー", 114, 7, 'C'));

    static final List<Field> TRAILER =
        List.of(
            new Field("データ区分", 1, 1, 'N'),
            new Field("合計件数", 2, 6, 'N'),
            new Field("合計金額", 8, 12, 'N'),
            new Field("ダミー", 20, 101, 'C'));

    static final List<Field> END =
        List.of(new Field("データ区分", 1, 1, 'N'), new Field("ダミー", 2, 119, 'C'));

    /** Zengin's characters: digits, A-Z, half-width katakana and marks, space, ( ) - . / , ｢ ｣. */
    static final Pattern C =
        Pattern.compile("[0-9A-Z\\uFF66\\uFF71-\\uFF9F ()\\-./,\\uFF62\\uFF63]*");

    static final Pattern N = Pattern.compile("[0-9]*");

    /** Splits a file into records of 120 bytes, checking what separates them. */
    static List<byte[]> records(byte[] file, byte[] separator) {
      List<byte[]> out = new ArrayList<>();
      int i = 0;
      while (i < file.length) {
        assertTrue(i + 120 <= file.length, "a short record at byte " + i);
        byte[] r = new byte[120];
        System.arraycopy(file, i, r, 0, 120);
        out.add(r);
        i += 120;
        for (byte b : separator) {
          assertEquals(b, file[i++], "separator after record " + out.size());
        }
      }
      return out;
    }

    /** A record's fields by name, each checked against its type; lengths add up to 120. */
    static Map<String, String> read(byte[] record, List<Field> layout) {
      assertEquals(120, record.length);
      assertEquals(120, layout.stream().mapToInt(Field::length).sum(), "layout covers 120 bytes");
      Map<String, String> fields = new LinkedHashMap<>();
      int expectedStart = 1;
      for (Field f : layout) {
        assertEquals(expectedStart, f.start(), f.name());
        expectedStart += f.length();
        String value = new String(record, f.start() - 1, f.length(), SJIS);
        assertEquals(f.length(), value.length(), f.name() + ": one byte per character");
        Pattern p = f.type() == 'N' ? N : C;
        assertTrue(
            p.matcher(value).matches(), f.name() + " is not " + f.type() + ": [" + value + "]");
        fields.put(f.name(), value);
      }
      return fields;
    }
  }

  @ParameterizedTest
  @EnumSource(RecordSeparator.class)
  void everyRecordFollowsThePublishedLayoutAndTotalsEqualTheLines_R54(RecordSeparator sep) {
    List<PayoutLine> lines = lines();
    byte[] file = ZenginTransferFile.write(CITY, TRANSFER, lines, sep);
    List<byte[]> records =
        PublishedLayout.records(
            file, sep == RecordSeparator.CRLF ? new byte[] {13, 10} : new byte[0]);
    assertEquals(lines.size() + 3, records.size());

    Map<String, String> h = PublishedLayout.read(records.get(0), PublishedLayout.HEADER);
    assertEquals("1", h.get("データ区分"));
    assertEquals("21", h.get("種別コード"));
    assertEquals("0", h.get("コード区分"));
    assertEquals("1234567890", h.get("振込依頼人コード"));
    assertEquals("ﾀ)ｼﾞﾑｶﾝｶ", h.get("振込依頼人名").stripTrailing());
    assertEquals("0509", h.get("取組日"));
    assertEquals("0009", h.get("仕向銀行番号"));
    assertEquals("ﾐﾂｲｽﾐﾄﾓ", h.get("仕向銀行名").stripTrailing());
    assertEquals("001", h.get("仕向支店番号"));
    assertEquals("1", h.get("預金種目(依頼人)"));
    assertEquals("7654321", h.get("口座番号(依頼人)"));
    assertEquals(" ".repeat(17), h.get("ダミー"));

    long sum = 0;
    for (int i = 0; i < lines.size(); i++) {
      PayoutLine l = lines.get(i);
      Map<String, String> d = PublishedLayout.read(records.get(i + 1), PublishedLayout.DATA);
      assertEquals("2", d.get("データ区分"));
      assertEquals(l.bankCode(), d.get("被仕向銀行番号"));
      assertEquals(l.branchCode(), d.get("被仕向支店番号"));
      assertEquals(String.valueOf(l.accountType().zenginCode()), d.get("預金種目"));
      assertEquals(l.accountNumber(), d.get("口座番号"));
      assertEquals(l.amountYen(), Long.parseLong(d.get("振込金額")));
      assertEquals(l.shopId(), Long.parseLong(d.get("顧客コード1")));
      assertEquals("0000", d.get("手形交換所番号"));
      assertEquals("0000000000", d.get("顧客コード2"));
      assertEquals("7", d.get("振込指定区分")); // テレ振込: the published values are 7 and 8
      assertEquals(" ", d.get("識別表示"));
      assertEquals(" ".repeat(7), d.get("ダミー"));
      sum += l.amountYen();
    }
    // the holder's name as typed becomes Zengin kana (ZenginKana)
    assertEquals(
        "ﾔﾏﾀﾞ ﾀﾛｳ",
        PublishedLayout.read(records.get(2), PublishedLayout.DATA).get("受取人名").stripTrailing());
    assertEquals(
        "ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ",
        PublishedLayout.read(records.get(1), PublishedLayout.DATA).get("被仕向銀行名").stripTrailing());

    Map<String, String> t =
        PublishedLayout.read(records.get(lines.size() + 1), PublishedLayout.TRAILER);
    assertEquals("8", t.get("データ区分"));
    assertEquals(lines.size(), Integer.parseInt(t.get("合計件数")));
    assertEquals(10_000_123_456L, sum);
    assertEquals(sum, Long.parseLong(t.get("合計金額")));

    Map<String, String> e =
        PublishedLayout.read(records.get(lines.size() + 2), PublishedLayout.END);
    assertEquals("9", e.get("データ区分"));
    assertEquals(" ".repeat(119), e.get("ダミー"));
  }

  @Test
  void aThousandShopsTotalTheirLines_R54() {
    List<PayoutLine> many = new ArrayList<>();
    long sum = 0;
    for (int i = 1; i <= 1000; i++) {
      long yen = 1000L * i + 7;
      many.add(new PayoutLine(i, "0005", "002", BankAccount.Type.ORDINARY, "0000001", "ﾃｽﾄ", yen));
      sum += yen;
    }
    byte[] file = ZenginTransferFile.write(CITY, TRANSFER, many, RecordSeparator.CRLF);
    List<byte[]> records = PublishedLayout.records(file, new byte[] {13, 10});
    long read = 0;
    for (byte[] r : records.subList(1, 1001)) {
      read += Long.parseLong(PublishedLayout.read(r, PublishedLayout.DATA).get("振込金額"));
    }
    Map<String, String> t = PublishedLayout.read(records.get(1001), PublishedLayout.TRAILER);
    assertEquals(sum, read);
    assertEquals(sum, Long.parseLong(t.get("合計金額")));
    assertEquals(1000, Integer.parseInt(t.get("合計件数")));
  }

  @Test
  void fromTheRegisteredBankAccount_R54() {
    BankAccount account = new BankAccount(5);
    account.set(
        "0005", "三菱ＵＦＪ", "001", "本店", BankAccount.Type.SAVINGS, "0000123", "ﾜｶﾊﾞ", "t", null);
    byte[] file =
        ZenginTransferFile.write(
            CITY, TRANSFER, List.of(PayoutLine.of(9, account, 500)), RecordSeparator.NONE);
    Map<String, String> d =
        PublishedLayout.read(
            PublishedLayout.records(file, new byte[0]).get(1), PublishedLayout.DATA);
    assertEquals("4", d.get("預金種目"));
    assertEquals("0000123", d.get("口座番号"));
    assertEquals("ﾜｶﾊﾞ", d.get("受取人名").stripTrailing());
  }

  /** Each bad input is refused with its own reason and the line it is on; no file comes out. */
  @ParameterizedTest(name = "{7}: {0} {1} {2} {3} {4} {5}")
  @CsvSource({
    "0005, 001, 0012345, ﾜｶﾊﾞ, 0, 1, 1, AMOUNT_NOT_POSITIVE",
    "0005, 001, 0012345, ﾜｶﾊﾞ, 10000000000, 1, 1, AMOUNT_TOO_LARGE",
    "0000, 001, 0012345, ﾜｶﾊﾞ, 100, 1, 1, UNKNOWN_BANK",
    "0005, 999, 0012345, ﾜｶﾊﾞ, 100, 1, 1, UNKNOWN_BRANCH",
    "0005, 001, 12345, ﾜｶﾊﾞ, 100, 1, 1, BAD_ACCOUNT_NUMBER",
    "0005, 001, 0012345, 若葉商店, 100, 1, 1, BAD_HOLDER_NAME",
    "0005, 001, 0012345, ﾜｶﾊﾞ・ｼﾖｳﾃﾝ, 100, 1, 1, BAD_HOLDER_NAME",
    "0005, 001, 0012345, ﾜｶﾊﾞ, 100, 0, 1, BAD_SHOP_ID",
  })
  void badLineIsRefusedWithItsReason_R54(
      String bank,
      String branch,
      String account,
      String holder,
      long yen,
      long shop,
      int position,
      Problem problem) {
    PayoutLine good = lines().get(0);
    PayoutLine bad =
        new PayoutLine(shop, bank, branch, BankAccount.Type.ORDINARY, account, holder, yen);
    InvalidPayoutFile e =
        assertThrows(
            InvalidPayoutFile.class,
            () ->
                ZenginTransferFile.write(CITY, TRANSFER, List.of(bad, good), RecordSeparator.CRLF));
    assertEquals(problem, e.problem(), e.getMessage());
    assertEquals(position, e.position());
  }

  @Test
  void totalBeyondTwelveDigitsIsRefused_R54() {
    List<PayoutLine> many = new ArrayList<>();
    for (int i = 1; i <= 101; i++) {
      many.add(
          new PayoutLine(
              i, "0005", "001", BankAccount.Type.ORDINARY, "0000001", "ﾃｽﾄ", 9_999_999_999L));
    }
    InvalidPayoutFile e =
        assertThrows(
            InvalidPayoutFile.class,
            () -> ZenginTransferFile.write(CITY, TRANSFER, many, RecordSeparator.CRLF));
    assertEquals(Problem.TOTAL_TOO_LARGE, e.problem());
    assertEquals(101, e.position());
  }

  @Test
  void emptyPayoutIsRefused_R54() {
    assertEquals(
        Problem.NO_LINES,
        assertThrows(
                InvalidPayoutFile.class,
                () -> ZenginTransferFile.write(CITY, TRANSFER, List.of(), RecordSeparator.CRLF))
            .problem());
  }

  /**
   * ISECA's transfer name as the handbook prints it has a kanji (他): configured so, it is refused.
   */
  @ParameterizedTest
  @CsvSource({"他)ジムカンカ", "ﾀ)ｼﾞﾑｶﾝｶ ﾀ)ｼﾞﾑｶﾝｶ ﾀ)ｼﾞﾑｶﾝｶ ﾀ)ｼﾞﾑｶﾝｶ ﾀ)ｼﾞﾑｶﾝｶ"})
  void transferNameMustBeZenginKanaWithinFortyCharacters_R54(String name) {
    ZenginRequester r =
        new ZenginRequester(
            "1234567890", name, "0009", "001", BankAccount.Type.ORDINARY, "7654321");
    InvalidPayoutFile e =
        assertThrows(
            InvalidPayoutFile.class,
            () -> ZenginTransferFile.write(r, TRANSFER, lines(), RecordSeparator.CRLF));
    assertEquals(Problem.BAD_REQUESTER, e.problem(), e.getMessage());
  }

  @Test
  void transferNameTypedInFullWidthKanaIsConverted_R54() {
    ZenginRequester r =
        new ZenginRequester(
            "1234567890", "タ)ジムカンカ", "0009", "001", BankAccount.Type.ORDINARY, "7654321");
    byte[] file = ZenginTransferFile.write(r, TRANSFER, lines(), RecordSeparator.CRLF);
    Map<String, String> h =
        PublishedLayout.read(
            PublishedLayout.records(file, new byte[] {13, 10}).get(0), PublishedLayout.HEADER);
    assertEquals("ﾀ)ｼﾞﾑｶﾝｶ", h.get("振込依頼人名").stripTrailing());
  }

  @ParameterizedTest
  @CsvSource({"123456789", "12345678901", "12345ABCDE"})
  void requesterCodeMustBeTenDigits_R54(String code) {
    ZenginRequester r =
        new ZenginRequester(code, "ﾀ)ｼﾞﾑｶﾝｶ", "0009", "001", BankAccount.Type.ORDINARY, "7654321");
    assertEquals(
        Problem.BAD_REQUESTER,
        assertThrows(
                InvalidPayoutFile.class,
                () -> ZenginTransferFile.write(r, TRANSFER, lines(), RecordSeparator.CRLF))
            .problem());
  }

  /** The check the writer runs before handing a file out catches a file changed afterwards. */
  @Test
  void checkRefusesAlteredFiles_R54() {
    byte[] file = ZenginTransferFile.write(CITY, TRANSFER, lines(), RecordSeparator.CRLF);
    long total = 10_000_123_456L;
    ZenginFileCheck.check(file, RecordSeparator.CRLF, 3, total);

    byte[] amount = file.clone();
    amount[122 + 89] = (byte) (amount[122 + 89] == '9' ? '8' : '9'); // first data record's amount
    assertEquals(Problem.TOTAL_MISMATCH, problemOf(amount, 3, total));

    assertEquals(Problem.COUNT_MISMATCH, problemOf(file, 4, total));
    assertEquals(Problem.TOTAL_MISMATCH, problemOf(file, 3, total + 1));

    byte[] kanji = file.clone();
    byte[] ka = "漢".getBytes(SJIS);
    kanji[122 + 50] = ka[0];
    kanji[122 + 51] = ka[1];
    assertEquals(Problem.CHARACTER_NOT_ALLOWED, problemOf(kanji, 3, total));

    byte[] lower = file.clone();
    lower[122 + 55] = 'a';
    assertEquals(Problem.CHARACTER_NOT_ALLOWED, problemOf(lower, 3, total));

    byte[] notDigits = file.clone();
    notDigits[122 + 44] = 'A'; // account number
    assertEquals(Problem.NOT_DIGITS, problemOf(notDigits, 3, total));

    byte[] shorter = new byte[file.length - 1];
    System.arraycopy(file, 0, shorter, 0, shorter.length);
    assertEquals(Problem.RECORD_LENGTH, problemOf(shorter, 3, total));

    byte[] order = file.clone();
    order[0] = '2';
    assertEquals(Problem.RECORD_ORDER, problemOf(order, 3, total));

    byte[] sameAgain = ZenginTransferFile.write(CITY, TRANSFER, lines(), RecordSeparator.CRLF);
    assertArrayEquals(file, sameAgain, "the same lines give the same file");
  }

  static Problem problemOf(byte[] file, long lines, long total) {
    return assertThrows(
            InvalidPayoutFile.class,
            () -> ZenginFileCheck.check(file, RecordSeparator.CRLF, lines, total))
        .problem();
  }
}
