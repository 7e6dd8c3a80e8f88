package org.jimoto.web.merchant.results;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.report.boundary.MerchantResults;
import org.jimoto.report.boundary.MerchantResults.Granularity;
import org.jimoto.report.boundary.MerchantResults.Period;

/**
 * The results page's period as request parameters, shared by the bookmarkable page and its CSV
 * downloads: {@code view=daily} with days {@code from=2024-02-01&to=2024-02-13}, or {@code
 * view=monthly} with months {@code from=2023-09&to=2024-02}. A wrong one is named by its message
 * key of the portal bundle.
 */
public record ResultsQuery(Granularity granularity, LocalDate from, LocalDate to)
    implements Serializable {

  private static final long serialVersionUID = 1L;
  static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
  static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");

  /** A wrong parameter: the bundle key of its message. */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final String messageKey;

    public Invalid(String messageKey) {
      super(messageKey, null, false, false);
      this.messageKey = messageKey;
    }

    public String messageKey() {
      return messageKey;
    }
  }

  /** This month so far, day by day (the seed's first view). */
  public static ResultsQuery defaults(Granularity granularity) {
    LocalDate today = LocalDate.now(PlatformClock.ZONE);
    return granularity == Granularity.DAILY
        ? new ResultsQuery(granularity, today.withDayOfMonth(1), today)
        : new ResultsQuery(
            granularity, today.withDayOfMonth(1).minusMonths(5), today.withDayOfMonth(1));
  }

  /** Reads the parameters; a missing view is daily, a missing bound its default. */
  public static ResultsQuery parse(Function<String, String> parameter) throws Invalid {
    String view = blankToNull(parameter.apply("view"));
    Granularity granularity;
    if (view == null || view.equals("daily")) {
      granularity = Granularity.DAILY;
    } else if (view.equals("monthly")) {
      granularity = Granularity.MONTHLY;
    } else {
      throw new Invalid("results.invalid.view");
    }
    ResultsQuery defaults = defaults(granularity);
    LocalDate from =
        date(granularity, parameter.apply("from"), defaults.from(), "results.invalid.from");
    LocalDate to = date(granularity, parameter.apply("to"), defaults.to(), "results.invalid.to");
    if (to.isBefore(from)) {
      throw new Invalid("results.invalid.period");
    }
    if (granularity == Granularity.DAILY
        ? ChronoUnit.DAYS.between(from, to) >= MerchantResults.MAX_DAYS
        : ChronoUnit.MONTHS.between(from, to) >= MerchantResults.MAX_MONTHS) {
      throw new Invalid(
          granularity == Granularity.DAILY
              ? "results.invalid.tooManyDays"
              : "results.invalid.tooManyMonths");
    }
    return new ResultsQuery(granularity, from, to);
  }

  private static LocalDate date(
      Granularity granularity, String text, LocalDate otherwise, String key) throws Invalid {
    text = blankToNull(text);
    if (text == null) {
      return otherwise;
    }
    try {
      return granularity == Granularity.DAILY
          ? LocalDate.parse(text, DAY)
          : YearMonth.parse(text, MONTH).atDay(1);
    } catch (DateTimeParseException e) {
      throw new Invalid(key);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  public boolean daily() {
    return granularity == Granularity.DAILY;
  }

  /** The ledger's period of this query. */
  public Period period() {
    return new Period(granularity, from, to);
  }

  /** A bound as the parameter and the HTML date or month input write it. */
  public String format(LocalDate bound) {
    return daily() ? DAY.format(bound) : MONTH.format(bound);
  }

  /** The query as URL parameters, without a leading '?'. */
  public String toParameters() {
    return "view="
        + (daily() ? "daily" : "monthly")
        + "&from="
        + format(from)
        + "&to="
        + format(to);
  }
}
