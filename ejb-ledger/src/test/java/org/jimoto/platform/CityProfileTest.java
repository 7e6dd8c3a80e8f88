package org.jimoto.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.jimoto.platform.boundary.CityProfile;
import org.junit.jupiter.api.Test;

class CityProfileTest {

  private final CityProfile profile =
      new CityProfile("若葉川市", "Wakabagawa City", "わかばコイン", "Wakaba Coin");

  @Test
  void japaneseIsTheDefaultLanguage() {
    assertEquals("若葉川市", profile.city(null));
    assertEquals("若葉川市", profile.city(Locale.JAPANESE));
    assertEquals("わかばコイン", profile.currency(Locale.JAPAN));
  }

  @Test
  void otherLanguagesGetEnglish() {
    assertEquals("Wakabagawa City", profile.city(Locale.ENGLISH));
    assertEquals("Wakaba Coin", profile.currency(Locale.FRENCH));
  }
}
