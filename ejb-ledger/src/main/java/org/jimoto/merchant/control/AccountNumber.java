package org.jimoto.merchant.control;

import java.text.Normalizer;

/**
 * A bank account number as the Zengin transfer record holds it: 7 digits. A shorter number (as some
 * passbooks print it, without its leading zeros) is padded with zeros on the left; full-width
 * digits and spaces or hyphens between digit groups are accepted.
 */
public final class AccountNumber {

  public static final int DIGITS = 7;

  private AccountNumber() {}

  public enum Problem {
    EMPTY,
    NOT_DIGITS,
    TOO_LONG,
    /** 8 digits at Japan Post Bank: its own 記号番号, not the number for transfers. */
    JAPAN_POST_SAVINGS_NUMBER,
    ALL_ZEROS
  }

  public sealed interface Result {
    record Valid(String digits) implements Result {}

    record Invalid(Problem problem) implements Result {}
  }

  /** Japan Post Bank (ゆうちょ銀行) in the Zengin code list. */
  public static final String JAPAN_POST_BANK = "9900";

  public static Result check(String typed, String bankCode) {
    String s =
        Normalizer.normalize(typed == null ? "" : typed, Normalizer.Form.NFKC)
            .replaceAll("[\\s\\-‐−ー]", "");
    if (s.isEmpty()) {
      return new Result.Invalid(Problem.EMPTY);
    }
    if (!s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return new Result.Invalid(Problem.NOT_DIGITS);
    }
    if (s.length() > DIGITS) {
      return new Result.Invalid(
          JAPAN_POST_BANK.equals(bankCode) && s.length() == 8
              ? Problem.JAPAN_POST_SAVINGS_NUMBER
              : Problem.TOO_LONG);
    }
    String padded = "0".repeat(DIGITS - s.length()) + s;
    if (padded.chars().allMatch(c -> c == '0')) {
      return new Result.Invalid(Problem.ALL_ZEROS);
    }
    return new Result.Valid(padded);
  }

  /** For screens and the audit log: only the last three digits, e.g. ****567. */
  public static String masked(String digits) {
    if (digits == null || digits.length() < 4) {
      return "****";
    }
    return "****" + digits.substring(digits.length() - 3);
  }
}
