package org.jimoto.platform.boundary;

import java.util.Locale;

/**
 * The city's desk that merchants and residents contact (#9 item 10): its name and opening hours in
 * Japanese and English, its phone number and e-mail address. Configured per deployment (keys {@code
 * jimoto.city.contact.*}).
 *
 * @param deskJa the desk's name, Japanese (e.g. 商工観光課 わかばコイン係)
 * @param deskEn the desk's name, English
 * @param phone as it is dialled and printed (e.g. 0120-000-000)
 * @param email the desk's address
 * @param hoursJa opening hours, Japanese
 * @param hoursEn opening hours, English
 */
public record CityContact(
    String deskJa, String deskEn, String phone, String email, String hoursJa, String hoursEn) {

  public String desk(Locale locale) {
    return isJapanese(locale) ? deskJa : deskEn;
  }

  public String hours(Locale locale) {
    return isJapanese(locale) ? hoursJa : hoursEn;
  }

  /** The phone number for a {@code tel:} link: digits and a leading + only. */
  public String phoneUri() {
    return "tel:" + phone.replaceAll("[^0-9+]", "");
  }

  private static boolean isJapanese(Locale locale) {
    return locale == null || "ja".equals(locale.getLanguage());
  }
}
