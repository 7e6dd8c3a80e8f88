package org.jimoto.resident.control;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Objects;

/**
 * R-84 "only one's own card into one's own app account": the card and the app account belong to the
 * same person when the name in kana and the date of birth recorded for each are the same. The
 * window records both from an identity document when it issues a card; the app member gave
 * them at sign-up. Kana are compared as written, not as typed: width (ｶﾅ / カナ), hiragana or
 * katakana, spaces and the long-vowel mark's variants do not matter.
 *
 * <p>This alone would not stop someone who knows another person's name and birthday; the card's
 * security code (on the card) and the SMS code to the card's registered phone are the other two
 * conditions ({@code CardMigrations}).
 */
public final class CardOwnership {

  private CardOwnership() {}

  public static boolean samePerson(
      String cardKana, LocalDate cardBirthDate, String appKana, LocalDate appBirthDate) {
    if (cardBirthDate == null || appBirthDate == null || !cardBirthDate.equals(appBirthDate)) {
      return false;
    }
    String a = normalizedKana(cardKana);
    String b = normalizedKana(appKana);
    return !a.isEmpty() && Objects.equals(a, b);
  }

  /** Full-width katakana without spaces; hiragana become katakana. */
  static String normalizedKana(String kana) {
    if (kana == null) {
      return "";
    }
    String s = Normalizer.normalize(kana, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '・') {
        continue;
      }
      if (c >= 'ぁ' && c <= 'ゖ') {
        c = (char) (c + ('ァ' - 'ぁ'));
      } else if (c == '-' || c == '－' || c == '—' || c == '―' || c == '‐') {
        c = 'ー';
      }
      out.append(c);
    }
    return out.toString();
  }
}
