package org.jimoto.merchant.control;

import java.text.Normalizer;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;

/**
 * A terminal's name (e.g. 本店 レジ3) as a merchant types it: NFKC-normalised (full-width digits and
 * letters become half-width, half-width kana full-width, so レジ１ and レジ1 are one name), spaces
 * collapsed, 1 to {@value #MAX_LENGTH} characters, no control characters. It is printed with the QR
 * code and shown in the history.
 */
public final class TerminalNames {

  public static final int MAX_LENGTH = 40;

  private TerminalNames() {}

  /**
   * @throws RefusedException {@link Refusal#TERMINAL_NAME_INVALID}
   */
  public static String normalize(String name) {
    if (name == null) {
      throw invalid();
    }
    String clean = Normalizer.normalize(name, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
    if (clean.isEmpty()
        || clean.codePointCount(0, clean.length()) > MAX_LENGTH
        || clean.codePoints().anyMatch(Character::isISOControl)) {
      throw invalid();
    }
    return clean;
  }

  private static RefusedException invalid() {
    return new RefusedException(Refusal.TERMINAL_NAME_INVALID, MAX_LENGTH);
  }
}
