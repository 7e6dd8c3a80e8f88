package org.jimoto.notification.boundary;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Japanese mobile phone number (060, 070, 080 or 090 and eight digits): only those receive SMS.
 * Typed with or without hyphens or spaces, in full-width digits, or as +81; kept as {@code
 * 090-1234-5678}.
 */
public record PhoneNumber(String normalized) implements java.io.Serializable {

  private static final Pattern MOBILE = Pattern.compile("0[6789]0\\d{8}");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-‐‑–—ー－()]");

  public PhoneNumber {
    if (normalized == null || !normalized.matches("0[6789]0-\\d{4}-\\d{4}")) {
      throw new IllegalArgumentException("not a normalized mobile number: " + normalized);
    }
  }

  /** The number in {@code typed}, or empty when it is no Japanese mobile number. */
  public static Optional<PhoneNumber> parse(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String s = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip();
    s = SEPARATORS.matcher(s).replaceAll("");
    if (s.startsWith("+81")) {
      s = "0" + s.substring(3);
    }
    if (!MOBILE.matcher(s).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new PhoneNumber(s.substring(0, 3) + "-" + s.substring(3, 7) + "-" + s.substring(7)));
  }

  /** The last four digits, to say where a code went without showing the number. */
  public String hint() {
    return "***-****-" + normalized.substring(normalized.length() - 4);
  }

  @Override
  public String toString() {
    return normalized;
  }
}
