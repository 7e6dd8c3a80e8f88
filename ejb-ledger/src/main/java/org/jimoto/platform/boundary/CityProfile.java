package org.jimoto.platform.boundary;

import java.util.Locale;

/**
 * The city that runs this deployment and the name of its currency, in Japanese and English.
 *
 * @param cityJa city name, Japanese (市名)
 * @param cityEn city name, English
 * @param currencyJa currency name, Japanese (通貨名)
 * @param currencyEn currency name, English
 */
public record CityProfile(String cityJa, String cityEn, String currencyJa, String currencyEn) {

  public String city(Locale locale) {
    return isJapanese(locale) ? cityJa : cityEn;
  }

  public String currency(Locale locale) {
    return isJapanese(locale) ? currencyJa : currencyEn;
  }

  private static boolean isJapanese(Locale locale) {
    return locale == null || "ja".equals(locale.getLanguage());
  }
}
