package org.jimoto.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.jimoto.platform.boundary.CityContact;
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

  @Test
  void theContactDeskIsNamedInTheLanguageAndItsPhoneDialsAsIs() {
    var contact =
        new CityContact(
            "商工観光課", "Commerce Division", "0120-000-000", "coin@example.jp", "平日", "Weekdays");
    assertEquals("商工観光課", contact.desk(Locale.JAPANESE));
    assertEquals("Commerce Division", contact.desk(Locale.ENGLISH));
    assertEquals("Weekdays", contact.hours(Locale.ENGLISH));
    assertEquals("tel:0120000000", contact.phoneUri());
    assertEquals(
        "tel:+81120000000",
        new CityContact("a", "b", "+81 120 (000) 000", "e", "h", "h").phoneUri());
  }
}
