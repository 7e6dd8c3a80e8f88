package org.jimoto.ledger.boundary;

import java.util.Locale;

/**
 * A name shown to people in their language: a service's name (わかばコイン / Wakaba Coin) or a charge
 * channel. Messages pick the Japanese or English form by locale.
 */
public record LocalizedName(String ja, String en) {

  public String in(Locale locale) {
    return "ja".equals(locale.getLanguage()) ? ja : en;
  }

  @Override
  public String toString() {
    return ja;
  }
}
