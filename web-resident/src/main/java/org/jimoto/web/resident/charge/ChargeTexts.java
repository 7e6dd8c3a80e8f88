package org.jimoto.web.resident.charge;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.web.i18n.LocaleBean;

/** The charge pages' text in the session's language: the bundle, amounts, days, refusals. */
@RequestScoped
public class ChargeTexts {

  private static final String BUNDLE = "org.jimoto.web.resident.portal";

  @Inject LocaleBean localeBean;

  public Locale locale() {
    return localeBean.getLocale();
  }

  public String text(String key, Object... args) {
    String pattern = ResourceBundle.getBundle(BUNDLE, locale()).getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(args);
  }

  /** "10,000 円" / "300 pt". */
  public String amount(long value, LocalizedName unit) {
    return NumberFormat.getIntegerInstance(locale()).format(value) + " " + unit.in(locale());
  }

  /** Basis points as a percentage: 100 → "1", 250 → "2.5". */
  public String percent(int basisPoints) {
    return new java.math.BigDecimal(basisPoints)
        .movePointLeft(2)
        .stripTrailingZeros()
        .toPlainString();
  }

  public String name(LocalizedName name) {
    return name.in(locale());
  }

  /** Today, tomorrow, or the date. */
  public String day(LocalDate day) {
    LocalDate today = LocalDate.now(PlatformClock.ZONE);
    if (day.equals(today)) {
      return text("home.day.today");
    }
    if (day.equals(today.plusDays(1))) {
      return text("home.day.tomorrow");
    }
    return day.toString();
  }

  public String refusal(Refusal refusal, Object... args) {
    return refusal.message(locale(), args == null ? new Object[0] : args);
  }
}
