package org.jimoto.settlement.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jimoto.merchant.control.AccountNumber;
import org.jimoto.merchant.control.ZenginCodes;
import org.jimoto.merchant.control.ZenginKana;

/**
 * Writes the Zengin-format 総合振込 file the city's bank takes: a header record (1), one data
 * record (2) per transfer, a trailer (8) with the count and the total, and an end record (9); each
 * record 120 bytes of Shift_JIS (digits, upper-case letters, half-width kana and a few symbols),
 * followed by the configured record separator. Numeric fields are right-aligned with zeros,
 * character fields left-aligned with spaces.
 *
 * <p>Every input is checked first (the requester, each line's bank, branch, account number, holder
 * name and amount, the count and total limits) and the written file is then checked again by {@link
 * ZenginFileCheck} before it is handed out; anything wrong raises {@link InvalidPayoutFile} with
 * the line or record and the reason, and no file is returned.
 *
 * <p>顧客コード1 carries the shop's id (10 digits), so a bank's result file can be matched back to the
 * shop (#12 item 5).
 */
public final class ZenginTransferFile {

  public static final Charset CHARSET = Charset.forName("windows-31j");
  public static final int RECORD_BYTES = 120;

  /** 種別コード 21: 総合振込. */
  static final String KIND_GENERAL_TRANSFER = "21";

  /** コード区分 0: JIS (Shift_JIS) characters. */
  static final String CODE_SHIFT_JIS = "0";

  /** The trailer's count field holds 6 digits. */
  public static final int MAX_LINES = 999_999;

  /** A data record's amount holds 10 digits. */
  public static final long MAX_AMOUNT_YEN = 9_999_999_999L;

  /** The trailer's total holds 12 digits. */
  public static final long MAX_TOTAL_YEN = 999_999_999_999L;

  static final int REQUESTER_NAME_BYTES = 40;

  /** What follows each record: most banks' upload screens take CRLF; some want none. */
  public enum RecordSeparator {
    CRLF("\r\n"),
    NONE("");

    final String text;

    RecordSeparator(String text) {
      this.text = text;
    }

    public int length() {
      return text.length();
    }
  }

  private ZenginTransferFile() {}

  /**
   * The file for one transfer date.
   *
   * @param transferDate 取組日 (the day the bank transfers), written as MMDD
   * @throws InvalidPayoutFile with the first problem found
   */
  public static byte[] write(
      ZenginRequester requester,
      LocalDate transferDate,
      List<PayoutLine> lines,
      RecordSeparator separator) {
    if (lines.isEmpty()) {
      throw new InvalidPayoutFile(InvalidPayoutFile.Problem.NO_LINES, 0, "");
    }
    if (lines.size() > MAX_LINES) {
      throw new InvalidPayoutFile(
          InvalidPayoutFile.Problem.TOO_MANY_LINES, 0, lines.size() + " > " + MAX_LINES);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((lines.size() + 3) * 122);
    record(out, header(requester, transferDate), separator);
    long total = 0;
    for (int i = 0; i < lines.size(); i++) {
      PayoutLine line = lines.get(i);
      record(out, data(line, i + 1), separator);
      total += line.amountYen();
      if (total > MAX_TOTAL_YEN) {
        throw new InvalidPayoutFile(
            InvalidPayoutFile.Problem.TOTAL_TOO_LARGE, i + 1, total + " > " + MAX_TOTAL_YEN);
      }
    }
    record(out, "8" + digits(lines.size(), 6) + digits(total, 12) + " ".repeat(101), separator);
    record(out, "9" + " ".repeat(119), separator);
    byte[] file = out.toByteArray();
    ZenginFileCheck.check(file, separator, lines.size(), total);
    return file;
  }

  private static String header(ZenginRequester r, LocalDate transferDate) {
    if (r.code() == null || !r.code().matches("\\d{10}")) {
      throw new InvalidPayoutFile(
          InvalidPayoutFile.Problem.BAD_REQUESTER, 0, "requester code must be 10 digits");
    }
    String name =
        kana(r.transferName(), REQUESTER_NAME_BYTES, InvalidPayoutFile.Problem.BAD_REQUESTER, 0);
    ZenginCodes.Bank bank = bank(r.bankCode(), InvalidPayoutFile.Problem.BAD_REQUESTER, 0);
    ZenginCodes.Branch branch =
        branch(r.bankCode(), r.branchCode(), InvalidPayoutFile.Problem.BAD_REQUESTER, 0);
    String account =
        account(r.accountNumber(), r.bankCode(), InvalidPayoutFile.Problem.BAD_REQUESTER, 0);
    return "1"
        + KIND_GENERAL_TRANSFER
        + CODE_SHIFT_JIS
        + r.code()
        + pad(name, REQUESTER_NAME_BYTES)
        + String.format("%02d%02d", transferDate.getMonthValue(), transferDate.getDayOfMonth())
        + bank.code()
        + pad(nameKana(bank.kana()), 15)
        + branch.code()
        + pad(nameKana(branch.kana()), 15)
        + r.accountType().zenginCode()
        + account
        + " ".repeat(17);
  }

  private static String data(PayoutLine l, int lineNo) {
    if (l.amountYen() <= 0) {
      throw new InvalidPayoutFile(
          InvalidPayoutFile.Problem.AMOUNT_NOT_POSITIVE, lineNo, String.valueOf(l.amountYen()));
    }
    if (l.amountYen() > MAX_AMOUNT_YEN) {
      throw new InvalidPayoutFile(
          InvalidPayoutFile.Problem.AMOUNT_TOO_LARGE, lineNo, String.valueOf(l.amountYen()));
    }
    if (l.shopId() <= 0 || l.shopId() > 9_999_999_999L) {
      throw new InvalidPayoutFile(
          InvalidPayoutFile.Problem.BAD_SHOP_ID, lineNo, String.valueOf(l.shopId()));
    }
    ZenginCodes.Bank bank = bank(l.bankCode(), InvalidPayoutFile.Problem.UNKNOWN_BANK, lineNo);
    ZenginCodes.Branch branch =
        branch(l.bankCode(), l.branchCode(), InvalidPayoutFile.Problem.UNKNOWN_BRANCH, lineNo);
    String account =
        account(
            l.accountNumber(), l.bankCode(), InvalidPayoutFile.Problem.BAD_ACCOUNT_NUMBER, lineNo);
    String holder =
        kana(
            l.holderKana(),
            ZenginKana.MAX_LENGTH,
            InvalidPayoutFile.Problem.BAD_HOLDER_NAME,
            lineNo);
    return "2"
        + bank.code()
        + pad(nameKana(bank.kana()), 15)
        + branch.code()
        + pad(nameKana(branch.kana()), 15)
        + "0000" // 手形交換所番号 N(4): not used for transfers; numeric fields are zero-filled
        + l.accountType().zenginCode()
        + account
        + pad(holder, 30)
        + digits(l.amountYen(), 10)
        + "0" // 新規コード: 0 = other (no first-time or changed notice)
        + digits(l.shopId(), 10) // 顧客コード1
        + digits(l.lineId(), 10) // 顧客コード2: the settlement line, for the bank's result
        + "7" // 振込指定区分 N(1): 7 = テレ振込 (telegraphic), 8 would be 文書振込
        + " " // 識別表示: customer codes, not EDI information
        + " ".repeat(7);
  }

  private static ZenginCodes.Bank bank(String code, InvalidPayoutFile.Problem p, int lineNo) {
    Optional<ZenginCodes.Bank> bank =
        code != null && code.matches("\\d{4}") ? ZenginCodes.bank(code) : Optional.empty();
    return bank.orElseThrow(() -> new InvalidPayoutFile(p, lineNo, "bank " + code));
  }

  private static ZenginCodes.Branch branch(
      String bankCode, String code, InvalidPayoutFile.Problem p, int lineNo) {
    Optional<ZenginCodes.Branch> branch =
        code != null && code.matches("\\d{3}")
            ? ZenginCodes.branch(bankCode, code)
            : Optional.empty();
    return branch.orElseThrow(
        () -> new InvalidPayoutFile(p, lineNo, "branch " + bankCode + "-" + code));
  }

  private static String account(
      String number, String bankCode, InvalidPayoutFile.Problem p, int lineNo) {
    AccountNumber.Result r = AccountNumber.check(number, bankCode);
    if (r instanceof AccountNumber.Result.Valid v && v.digits().equals(number)) {
      return v.digits();
    }
    throw new InvalidPayoutFile(p, lineNo, "account number must be 7 digits");
  }

  /** A name in Zengin kana of at most {@code max} characters (one byte each in Shift_JIS). */
  private static String kana(String typed, int max, InvalidPayoutFile.Problem p, int lineNo) {
    ZenginKana.Result r = ZenginKana.check(typed);
    String kana;
    if (r instanceof ZenginKana.Result.Valid v) {
      kana = v.kana();
    } else if (r instanceof ZenginKana.Result.Invalid i
        && i.problem() == ZenginKana.Problem.TOO_LONG) {
      kana = ZenginKana.convert(typed); // longer than a holder's 30, maybe within the field
    } else {
      ZenginKana.Result.Invalid i = (ZenginKana.Result.Invalid) r;
      throw new InvalidPayoutFile(p, lineNo, i.problem() + " " + i.detail());
    }
    if (kana.length() > max) {
      throw new InvalidPayoutFile(p, lineNo, "longer than " + max + ": " + kana);
    }
    return kana;
  }

  /**
   * A bank's or branch's name from the code list in Zengin kana, cut to what its field holds (the
   * bank goes by the code; the name is for people reading the file).
   */
  private static String nameKana(String listKana) {
    String kana = ZenginKana.convert(listKana == null ? "" : listKana);
    return ZenginKana.check(kana) instanceof ZenginKana.Result.Invalid i
            && i.problem() != ZenginKana.Problem.TOO_LONG
        ? ""
        : kana.length() > 15 ? kana.substring(0, 15) : kana;
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  private static String digits(long n, int width) {
    String s = Long.toString(n);
    return "0".repeat(width - s.length()) + s;
  }

  private static void record(ByteArrayOutputStream out, String record, RecordSeparator sep) {
    byte[] bytes = record.getBytes(CHARSET);
    if (bytes.length != RECORD_BYTES) {
      throw new IllegalStateException(
          "record " + record.charAt(0) + " is " + bytes.length + " bytes: " + record);
    }
    out.writeBytes(bytes);
    out.writeBytes(sep.text.getBytes(CHARSET));
  }
}
