package org.jimoto.web.resident.card;

import jakarta.faces.context.FacesContext;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.resident.boundary.CardInquiries.ServiceName;

/** Amounts, dates and names as the card pages show them, in the view's language. */
final class CardText {

  private static final DateTimeFormatter JA_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
  private static final DateTimeFormatter JA_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 H:mm");

  private CardText() {}

  static Locale locale() {
    return FacesContext.getCurrentInstance().getViewRoot().getLocale();
  }

  static boolean english() {
    return "en".equals(locale().getLanguage());
  }

  static String amount(long yen) {
    return NumberFormat.getIntegerInstance(locale()).format(yen);
  }

  /** "3,000 円" or "3,000 yen" / "200 pt". */
  static String amount(long yen, ServiceName service) {
    String unit = service == null ? "" : english() ? service.unitEn() : service.unitJa();
    return amount(yen) + " " + unit;
  }

  static String date(LocalDate d) {
    return d == null
        ? ""
        : english()
            ? DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.UK).format(d)
            : JA_DATE.format(d);
  }

  static String dateTime(LocalDateTime t) {
    return t == null
        ? ""
        : english()
            ? DateTimeFormatter.ofPattern("d MMM yyyy H:mm", Locale.UK).format(t)
            : JA_TIME.format(t);
  }

  static String serviceName(ServiceName s) {
    return s == null ? "" : english() ? s.nameEn() : s.nameJa();
  }

  static ServiceName service(List<ServiceName> services, String code) {
    return services.stream().filter(s -> s.code().equals(code)).findFirst().orElse(null);
  }

  static String operation(String name) {
    try {
      Operation op = Operation.valueOf(name);
      return english() ? op.nameEn() : op.nameJa();
    } catch (IllegalArgumentException e) {
      return name;
    }
  }
}
