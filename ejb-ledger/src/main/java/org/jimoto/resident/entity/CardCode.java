package org.jimoto.resident.entity;

/**
 * The member code printed on a card (カード番号 / 会員番号, R-01): 8 digits, a 7-digit serial followed by a
 * Luhn check digit (issue #8, finding 5). The check digit makes nine of ten guessed codes invalid
 * on sight, so a guess is refused without a database lookup; it also catches a mistyped digit and
 * most swapped neighbours at the till.
 *
 * <p>Every code the platform creates comes from {@link #of(int)}; Luhn is the ISO/IEC 7812 check
 * digit of payment cards, done here in a few lines rather than with a library dependency. Pure
 * arithmetic: on the payment path it costs a few dozen instructions.
 */
public final class CardCode {

  /** Digits of a code. */
  public static final int LENGTH = 8;

  /** The highest serial: seven digits. */
  public static final int MAX_SERIAL = 9_999_999;

  private CardCode() {}

  /**
   * Shaped like a card code: exactly 8 ASCII digits. What a till sends in any other shape is an app
   * member's QR token.
   */
  public static boolean looksLikeCard(String code) {
    if (code == null || code.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** 8 digits whose last is the Luhn check digit of the first seven. */
  public static boolean isValid(String code) {
    return looksLikeCard(code) && checkDigit(code, LENGTH - 1) == code.charAt(LENGTH - 1) - '0';
  }

  /** The code of a serial: the serial in seven digits (leading zeros kept) and its check digit. */
  public static String of(int serial) {
    if (serial < 0 || serial > MAX_SERIAL) {
      throw new IllegalArgumentException("a card serial has 7 digits: " + serial);
    }
    String digits = String.format("%07d", serial);
    return digits + checkDigit(digits, LENGTH - 1);
  }

  /** The serial of a valid code (its first seven digits). */
  public static int serial(String code) {
    if (!isValid(code)) {
      throw new IllegalArgumentException("not a valid card code: " + code);
    }
    return Integer.parseInt(code, 0, LENGTH - 1, 10);
  }

  /**
   * The Luhn check digit of the first {@code length} digits of {@code digits}: from the right,
   * every other digit doubled (the rightmost first, as the check digit will follow it), a doubled
   * digit over 9 reduced by 9, the sum completed to a multiple of 10.
   */
  static int checkDigit(CharSequence digits, int length) {
    int sum = 0;
    boolean doubled = true;
    for (int i = length - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubled) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      doubled = !doubled;
    }
    return (10 - sum % 10) % 10;
  }
}
