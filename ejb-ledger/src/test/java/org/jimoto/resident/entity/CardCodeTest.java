package org.jimoto.resident.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The card code's Luhn check digit (R-01, issue #8 finding 5). */
class CardCodeTest {

  @Test
  void theCheckDigitIsLuhns() {
    // The textbook Luhn example (ISO/IEC 7812): 7992739871 has check digit 3.
    assertEquals(3, CardCode.checkDigit("7992739871", 10));
    assertEquals("12345674", CardCode.of(1_234_567));
    assertEquals("00000018", CardCode.of(1));
    assertEquals("00000000", CardCode.of(0));
    assertEquals("99999997", CardCode.of(CardCode.MAX_SERIAL));
    assertTrue(CardCode.isValid("12345674"));
    assertFalse(CardCode.isValid("12345678"), "the old demo code has no valid check digit");
  }

  @Test
  void exactlyOneCheckDigitOfTenIsValid() {
    for (int serial = 0; serial < 20_000; serial += 7) {
      String digits = String.format("%07d", serial);
      int valid = 0;
      for (char d = '0'; d <= '9'; d++) {
        valid += CardCode.isValid(digits + d) ? 1 : 0;
      }
      assertEquals(1, valid, digits);
      assertEquals(serial, CardCode.serial(CardCode.of(serial)));
    }
  }

  @Test
  void everyMistypedDigitIsCaught() {
    String code = CardCode.of(4_071_593);
    for (int i = 0; i < CardCode.LENGTH; i++) {
      for (char d = '0'; d <= '9'; d++) {
        if (d != code.charAt(i)) {
          String typo = code.substring(0, i) + d + code.substring(i + 1);
          assertFalse(CardCode.isValid(typo), typo);
        }
      }
    }
  }

  @Test
  void swappedNeighboursAreCaughtExceptNineAndZero() {
    for (int serial = 0; serial < 5_000; serial += 13) {
      String code = CardCode.of(serial * 1_999);
      for (int i = 0; i + 1 < CardCode.LENGTH; i++) {
        char a = code.charAt(i);
        char b = code.charAt(i + 1);
        if (a == b || (a == '0' && b == '9') || (a == '9' && b == '0')) {
          continue; // Luhn's known blind spot: 09 <-> 90
        }
        String swapped = code.substring(0, i) + b + a + code.substring(i + 2);
        assertFalse(CardCode.isValid(swapped), code + " -> " + swapped);
      }
    }
  }

  @Test
  void onlyEightAsciiDigitsLookLikeACard() {
    assertTrue(CardCode.looksLikeCard("12345678"));
    for (String other :
        new String[] {
          null, "", "1234567", "123456789", "1234567a", " 2345674", "１２３４５６７４", "P12345"
        }) {
      assertFalse(CardCode.looksLikeCard(other), String.valueOf(other));
      assertFalse(CardCode.isValid(other), String.valueOf(other));
    }
  }

  @Test
  void serialsHaveSevenDigits() {
    assertThrows(IllegalArgumentException.class, () -> CardCode.of(-1));
    assertThrows(IllegalArgumentException.class, () -> CardCode.of(CardCode.MAX_SERIAL + 1));
    assertThrows(IllegalArgumentException.class, () -> CardCode.serial("12345678"));
  }
}
