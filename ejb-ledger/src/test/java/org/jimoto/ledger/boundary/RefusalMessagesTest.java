package org.jimoto.ledger.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every refusal has its own message in Japanese and English, and the messages survive {@link
 * java.text.MessageFormat}: a lone apostrophe there starts a quote and silently eats text ("the
 * app's QR code" came out as "the apps QR code").
 */
class RefusalMessagesTest {

  @ParameterizedTest
  @EnumSource(Refusal.class)
  void eachRefusalSaysItselfInBothLanguages(Refusal refusal) {
    for (Locale locale : new Locale[] {Locale.JAPANESE, Locale.ENGLISH}) {
      String raw =
          ResourceBundle.getBundle("org.jimoto.ledger.refusals", locale).getString(refusal.name());
      assertFalse(raw.isBlank(), refusal + " " + locale);
      String unquoted = raw.replace("''", "");
      assertFalse(unquoted.contains("'"), refusal + " " + locale + ": a lone apostrophe: " + raw);
    }
    String ja = refusal.message(Locale.JAPANESE);
    String en = refusal.message(Locale.ENGLISH);
    assertTrue(!ja.equals(en) || ja.isEmpty(), refusal + ": the same text in both languages");
  }
}
