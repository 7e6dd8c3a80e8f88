package org.jimoto.ledger.control;

import java.time.LocalDate;
import java.time.Month;

/**
 * Expiry dates of lots (R-10..R-12). A lot's date is its last valid day: value is spendable through
 * that day and expires on the next.
 */
public final class ExpiryRules {

  private ExpiryRules() {}

  /**
   * R-10/R-11 "チャージした日から2年間": the charge day counts as the first day, so a charge on 2024-04-01 is
   * valid through 2026-03-31. As in the Civil Code (art. 143), a period whose end month has no
   * corresponding day (a charge on 29 February) ends on that month's last day.
   */
  public static LocalDate chargedPart(LocalDate chargeDate, int validYears) {
    LocalDate anniversary = chargeDate.plusYears(validYears);
    return anniversary.getDayOfMonth() != chargeDate.getDayOfMonth()
        ? anniversary
        : anniversary.minusDays(1);
  }

  /**
   * R-10 "チャージした年度の3月31日": the end of the Japanese fiscal year (April–March) that contains the
   * charge date.
   */
  public static LocalDate fiscalYearEnd(LocalDate date) {
    int endYear =
        date.getMonthValue() >= Month.APRIL.getValue() ? date.getYear() + 1 : date.getYear();
    return LocalDate.of(endYear, Month.MARCH, 31);
  }
}
