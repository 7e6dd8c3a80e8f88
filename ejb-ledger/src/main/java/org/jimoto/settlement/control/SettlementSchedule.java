package org.jimoto.settlement.control;

import java.time.LocalDate;

/**
 * A service's settlement schedule (R-50..R-52): which closing period a transaction date belongs to,
 * and when each period is closed and paid. Dates are local (Asia/Tokyo) calendar dates; a
 * transaction belongs to the period containing its local date.
 */
public sealed interface SettlementSchedule
    permits SemiMonthlySchedule, WeeklySchedule, MonthlySchedule {

  /**
   * The period a transaction on this date belongs to.
   *
   * @throws IllegalArgumentException if the service does not run on that date
   */
  ClosingPeriod periodOf(LocalDate transactionDate);

  /** When the period is paid; {@code period} must be one of this schedule's. */
  PayoutDate payoutDate(ClosingPeriod period);

  /** The period after this one. */
  default ClosingPeriod next(ClosingPeriod period) {
    return periodOf(period.last().plusDays(1));
  }
}
