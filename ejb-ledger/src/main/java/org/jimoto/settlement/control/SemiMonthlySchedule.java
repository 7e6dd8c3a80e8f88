package org.jimoto.settlement.control;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * Twice-monthly settlement: the 1st to the 15th closes on the 15th, the 16th to the month's
 * end on its last day. When a period is paid is the {@link Payout}'s business: a rule, or the
 * calendar the city publishes.
 */
public record SemiMonthlySchedule(Payout payout) implements SettlementSchedule {

  /** The day the first half of a month closes. */
  public static final int FIRST_CLOSE_DAY = 15;

  public SemiMonthlySchedule {
    Objects.requireNonNull(payout);
  }

  /** How a semi-monthly period's payout date is found. */
  public sealed interface Payout permits NextClosingDay, PublishedPayoutCalendar {
    PayoutDate payoutDate(ClosingPeriod period);
  }

  /**
   * Onagawa's rule (seed 003): a period is paid on the next closing day, "15日締め分: 当月末にお振り込み",
   * "月末締め分: 翌月15日にお振り込み"; a closing day that is a bank holiday moves by {@code shift}.
   */
  public record NextClosingDay(HolidayShift shift, BusinessCalendar calendar) implements Payout {

    public NextClosingDay {
      Objects.requireNonNull(shift);
      Objects.requireNonNull(calendar);
    }

    @Override
    public PayoutDate payoutDate(ClosingPeriod period) {
      LocalDate close = period.closeDate();
      LocalDate due =
          close.getDayOfMonth() == FIRST_CLOSE_DAY
              ? close.with(TemporalAdjusters.lastDayOfMonth())
              : close.plusMonths(1).withDayOfMonth(FIRST_CLOSE_DAY);
      return PayoutDate.on(calendar.shift(due, shift));
    }
  }

  @Override
  public ClosingPeriod periodOf(LocalDate transactionDate) {
    return transactionDate.getDayOfMonth() <= FIRST_CLOSE_DAY
        ? ClosingPeriod.of(transactionDate.withDayOfMonth(1), transactionDate.withDayOfMonth(15))
        : ClosingPeriod.of(
            transactionDate.withDayOfMonth(FIRST_CLOSE_DAY + 1),
            transactionDate.with(TemporalAdjusters.lastDayOfMonth()));
  }

  @Override
  public PayoutDate payoutDate(ClosingPeriod period) {
    if (!isPeriod(period)) {
      throw new IllegalArgumentException(period + " is not a half month");
    }
    return payout.payoutDate(period);
  }

  /** Whether the period is one of a semi-monthly schedule's (1st–15th or 16th–end). */
  public static boolean isPeriod(ClosingPeriod period) {
    LocalDate first = period.first();
    boolean half =
        first.getDayOfMonth() <= FIRST_CLOSE_DAY
            ? first.getDayOfMonth() == 1 && period.last().equals(first.withDayOfMonth(15))
            : first.getDayOfMonth() == FIRST_CLOSE_DAY + 1
                && period.last().equals(first.with(TemporalAdjusters.lastDayOfMonth()));
    return half && period.closeDate().equals(period.last());
  }
}
