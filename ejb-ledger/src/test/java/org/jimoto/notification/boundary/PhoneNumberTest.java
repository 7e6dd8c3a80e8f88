package org.jimoto.notification.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Only Japanese mobile numbers receive SMS; typed in any usual way, kept in one form. */
class PhoneNumberTest {

  @Test
  void mobileNumbersAreReadInTheirUsualForms() {
    for (String typed :
        new String[] {
          "090-1234-5678", "09012345678", "０９０－１２３４－５６７８", "+81 90 1234 5678", " 090 1234 5678 "
        }) {
      assertEquals("090-1234-5678", PhoneNumber.parse(typed).orElseThrow().normalized(), typed);
    }
    assertEquals("***-****-5678", PhoneNumber.parse("09012345678").orElseThrow().hint());
  }

  @Test
  void landlinesAndNonsenseAreRefused() {
    for (String typed :
        new String[] {"0270-00-1234", "0312345678", "090-1234-567", "abc", "", "0901234567890"}) {
      assertTrue(PhoneNumber.parse(typed).isEmpty(), typed);
    }
    assertTrue(PhoneNumber.parse(null).isEmpty());
  }
}
