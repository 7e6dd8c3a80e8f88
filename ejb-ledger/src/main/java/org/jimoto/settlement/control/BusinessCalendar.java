package org.jimoto.settlement.control;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The days Japanese banks transfer money on (R-50..R-52): not a Saturday or Sunday, not a national
 * holiday or substitute holiday (from the Cabinet Office's list), and not 31 December to 3 January,
 * when banks are closed by law (銀行法施行令 第5条). Immutable.
 *
 * <p>The holiday list covers whole years, up to the last year it names. A date after that is
 * refused with {@link NotCovered} rather than guessed: the Cabinet Office publishes each next year
 * in February, and a payout date computed from an out-of-date list would be wrong for every shop.
 */
public final class BusinessCalendar {

  /** What a date beyond the holiday list's last year raises; the message says what to update. */
  public static final class NotCovered extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final transient LocalDate date;

    NotCovered(LocalDate date, LocalDate coveredUntil, String source) {
      super(
          "the holiday list ("
              + source
              + ") covers dates up to "
              + coveredUntil
              + ", not "
              + date
              + ": install the Cabinet Office's newer syukujitsu.csv (jimoto.settlement.holidays-file)");
      this.date = date;
    }

    public LocalDate date() {
      return date;
    }
  }

  /** Why a bank does not transfer on a day. */
  public enum Closure {
    WEEKEND,
    NATIONAL_HOLIDAY,
    /** 31 December to 3 January. */
    YEAR_END
  }

  private static final MonthDay LAST_NEW_YEAR_CLOSURE = MonthDay.of(1, 3);

  private final NavigableMap<LocalDate, String> holidays;
  private final LocalDate coveredFrom;
  private final LocalDate coveredUntil;
  private final String source;

  /**
   * @param holidays national holidays and their names, as the Cabinet Office lists them
   * @param source where they were read from, for messages
   */
  public BusinessCalendar(Map<LocalDate, String> holidays, String source) {
    if (holidays.isEmpty()) {
      throw new IllegalArgumentException("no holidays from " + source);
    }
    this.holidays = new TreeMap<>(holidays);
    this.coveredFrom = this.holidays.firstKey().withDayOfYear(1);
    this.coveredUntil = this.holidays.lastKey().withMonth(12).withDayOfMonth(31);
    this.source = source;
  }

  public boolean isBusinessDay(LocalDate date) {
    return closure(date).isEmpty();
  }

  /** Why banks are closed on the date, or empty on a business day. */
  public Optional<Closure> closure(LocalDate date) {
    requireCovered(date);
    DayOfWeek d = date.getDayOfWeek();
    if (d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY) {
      return Optional.of(Closure.WEEKEND);
    }
    if (holidays.containsKey(date)) {
      return Optional.of(Closure.NATIONAL_HOLIDAY);
    }
    MonthDay md = MonthDay.from(date);
    if (md.equals(MonthDay.of(12, 31)) || !md.isAfter(LAST_NEW_YEAR_CLOSURE)) {
      return Optional.of(Closure.YEAR_END);
    }
    return Optional.empty();
  }

  /** The national holiday's name (e.g. 春分の日, 休日), if the date is one. */
  public Optional<String> holidayName(LocalDate date) {
    requireCovered(date);
    return Optional.ofNullable(holidays.get(date));
  }

  /** The date itself if it is a business day, else the business day the shift moves it to. */
  public LocalDate shift(LocalDate date, HolidayShift shift) {
    LocalDate d = date;
    while (!isBusinessDay(d)) {
      d = shift == HolidayShift.PREVIOUS_BUSINESS_DAY ? d.minusDays(1) : d.plusDays(1);
    }
    return d;
  }

  /**
   * The n-th business day after the date (the date itself does not count): the latest day of "paid
   * within n business days" of a close on that date.
   */
  public LocalDate plusBusinessDays(LocalDate date, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("business days must be at least 1, not " + n);
    }
    LocalDate d = date;
    for (int counted = 0; counted < n; ) {
      d = d.plusDays(1);
      if (isBusinessDay(d)) {
        counted++;
      }
    }
    return d;
  }

  public LocalDate coveredFrom() {
    return coveredFrom;
  }

  /** 31 December of the last year the holiday list names. */
  public LocalDate coveredUntil() {
    return coveredUntil;
  }

  public String source() {
    return source;
  }

  private void requireCovered(LocalDate date) {
    if (date.isAfter(coveredUntil) || date.isBefore(coveredFrom)) {
      throw new NotCovered(date, coveredUntil, source);
    }
  }
}
