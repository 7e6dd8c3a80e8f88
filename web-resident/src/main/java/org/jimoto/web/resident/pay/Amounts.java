package org.jimoto.web.resident.pay;

import java.text.Normalizer;
import java.util.OptionalLong;

/** Reads an amount as residents type it: full-width digits, commas, a trailing 円. */
final class Amounts {

  /** More digits than any payment limit: longer input is a typing error, not a number. */
  private static final int MAX_DIGITS = 9;

  private Amounts() {}

  /**
   * The whole yen typed; empty for blank input; {@code -1} for anything that is no whole number of
   * yen (a decimal point, letters, a minus sign).
   */
  static OptionalLong parse(String typed) {
    if (typed == null) {
      return OptionalLong.empty();
    }
    String text =
        Normalizer.normalize(typed, Normalizer.Form.NFKC)
            .strip()
            .replace(",", "")
            .replace("円", "")
            .replace("yen", "")
            .strip();
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    if (!text.matches("[0-9]{1," + MAX_DIGITS + "}")) {
      return OptionalLong.of(-1);
    }
    return OptionalLong.of(Long.parseLong(text));
  }
}
