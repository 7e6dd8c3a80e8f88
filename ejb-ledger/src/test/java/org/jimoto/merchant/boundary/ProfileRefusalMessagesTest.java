package org.jimoto.merchant.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * #11 review finding 6: the merchant profile's refusals go through {@link java.text.MessageFormat},
 * where a lone apostrophe starts a quote and eats the rest, {0} included ("the account holder's
 * name" came out without its apostrophe and without the character it named).
 */
class ProfileRefusalMessagesTest {

  @ParameterizedTest
  @EnumSource(ProfileRefusal.class)
  void noLoneApostropheInEitherLanguage(ProfileRefusal refusal) {
    for (Locale locale : new Locale[] {Locale.JAPANESE, Locale.ENGLISH}) {
      String raw = ProfileRefusal.bundle(locale).getString(refusal.name());
      assertFalse(
          raw.replace("''", "").contains("'"),
          refusal + " " + locale + ": a lone apostrophe: " + raw);
    }
  }

  @Test
  void theEnglishMessagesKeepTheirApostropheAndArgument() {
    assertEquals(
        "The account holder's name must be in kana: \"山\" is a kanji. Enter it as it is read,"
            + " e.g. ヤマダ タロウ.",
        ProfileRefusal.HOLDER_KANJI.message(Locale.ENGLISH, "山"));
    assertEquals(
        "\"@\" cannot be used in an account holder's name. Use kana, A-Z, 0-9, spaces and ( ) - ."
            + " / only.",
        ProfileRefusal.HOLDER_CHARACTER.message(Locale.ENGLISH, "@"));
    assertEquals(
        "Enter the shop's address.", ProfileRefusal.ADDRESS_REQUIRED.message(Locale.ENGLISH));
  }
}
