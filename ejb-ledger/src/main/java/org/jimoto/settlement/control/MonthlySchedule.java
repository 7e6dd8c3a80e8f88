package org.jimoto.settlement.control;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * Monthly settlement (R-52, seed 004's みたか地域ポイント "月末締め後7営業日以内に支払い"): the month closes on its last
 * day and is paid on the n-th business day after, the last day the promise allows. That date is a
 * business day by construction, so nothing is shifted.
 */
public record MonthlySchedule(int businessDaysAfterClose, BusinessCalendar calendar)
    implements SettlementSchedule {

  public MonthlySchedule {
    Objects.requireNonNull(calendar);
    if (businessDaysAfterClose < 1 || businessDaysAfterClose > 60) {
      throw new IllegalArgumentException("business days after close: " + businessDaysAfterClose);
    }
  }

  @Override
  public ClosingPeriod periodOf(LocalDate transactionDate) {
    return ClosingPeriod.of(
        transactionDate.withDayOfMonth(1),
        transactionDate.with(TemporalAdjusters.lastDayOfMonth()));
  }

  @Override
  public PayoutDate payoutDate(ClosingPeriod period) {
    requireOwn(period);
    return PayoutDate.on(calendar.plusBusinessDays(period.closeDate(), businessDaysAfterClose));
  }

  private void requireOwn(ClosingPeriod period) {
    if (!period.equals(periodOf(period.first()))) {
      throw new IllegalArgumentException(period + " is not a calendar month");
    }
  }
}
