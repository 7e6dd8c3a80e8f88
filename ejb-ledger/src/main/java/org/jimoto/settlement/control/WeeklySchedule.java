package org.jimoto.settlement.control;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * Weekly settlement (R-51, seed 004's gift certificates: "毎週金曜日締めの翌々週火曜日支払い"): a week closes on
 * {@code closeDay} and is paid on {@code payDay} of the week {@code weeksAfterClose} weeks after
 * the week of the close (weeks run Monday to Sunday, as Japanese calendars print them): closed
 * Friday 6/7, paid Tuesday 6/18. A payout day that is a bank holiday moves by {@code shift}.
 *
 * <p>A service that starts or ends inside a week has its first and last periods cut to its own days
 * ({@code serviceFirst}, {@code serviceLast}, either may be null for open-ended); their close and
 * payout dates stay those of the whole week (seed 004: 6/3 (Mon)–6/7 → 6/18, and 8/31 (Sat) alone →
 * 9/17).
 */
public record WeeklySchedule(
    DayOfWeek closeDay,
    DayOfWeek payDay,
    int weeksAfterClose,
    HolidayShift shift,
    BusinessCalendar calendar,
    LocalDate serviceFirst,
    LocalDate serviceLast)
    implements SettlementSchedule {

  public WeeklySchedule {
    Objects.requireNonNull(closeDay);
    Objects.requireNonNull(payDay);
    Objects.requireNonNull(shift);
    Objects.requireNonNull(calendar);
    if (weeksAfterClose < 0 || weeksAfterClose > 8) {
      throw new IllegalArgumentException("weeks after close: " + weeksAfterClose);
    }
    if (serviceFirst != null && serviceLast != null && serviceLast.isBefore(serviceFirst)) {
      throw new IllegalArgumentException(serviceFirst + ".." + serviceLast);
    }
  }

  /** Mitaka's rule: close Friday, pay Tuesday of the week after next, holidays move earlier. */
  public static WeeklySchedule fridayCloseTuesdayWeekAfterNext(
      BusinessCalendar calendar, LocalDate serviceFirst, LocalDate serviceLast) {
    return new WeeklySchedule(
        DayOfWeek.FRIDAY,
        DayOfWeek.TUESDAY,
        2,
        HolidayShift.PREVIOUS_BUSINESS_DAY,
        calendar,
        serviceFirst,
        serviceLast);
  }

  @Override
  public ClosingPeriod periodOf(LocalDate transactionDate) {
    if ((serviceFirst != null && transactionDate.isBefore(serviceFirst))
        || (serviceLast != null && transactionDate.isAfter(serviceLast))) {
      throw new IllegalArgumentException(
          transactionDate + " is outside the service's days " + serviceFirst + ".." + serviceLast);
    }
    LocalDate close = transactionDate.with(TemporalAdjusters.nextOrSame(closeDay));
    LocalDate first = close.minusDays(6);
    LocalDate last = close;
    if (serviceFirst != null && first.isBefore(serviceFirst)) {
      first = serviceFirst;
    }
    if (serviceLast != null && last.isAfter(serviceLast)) {
      last = serviceLast;
    }
    return new ClosingPeriod(first, last, close);
  }

  @Override
  public PayoutDate payoutDate(ClosingPeriod period) {
    if (!period.equals(periodOf(period.first()))) {
      throw new IllegalArgumentException(period + " is not one of this weekly schedule's");
    }
    LocalDate mondayOfPayWeek =
        period
            .closeDate()
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .plusWeeks(weeksAfterClose);
    LocalDate due = mondayOfPayWeek.plusDays(payDay.getValue() - DayOfWeek.MONDAY.getValue());
    return PayoutDate.on(calendar.shift(due, shift));
  }
}
