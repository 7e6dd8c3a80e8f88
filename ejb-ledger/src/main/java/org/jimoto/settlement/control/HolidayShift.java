package org.jimoto.settlement.control;

/**
 * Where a payout date that falls on a bank holiday goes (R-50..R-52).
 *
 * <p>The default is the business day before, as the seeds show: ISECA pays on Thursdays, and the
 * one row of its published calendar that is not a Thursday is 2025-03-19, a Wednesday, because
 * Thursday 2025-03-20 is 春分の日 (seed 000); Onagawa pays the 15th's close "当月末" (seed 003), which
 * only stays inside the month when a month end on a weekend moves backwards. Paying a day early
 * also keeps a "paid by" promise that paying a day late would break.
 */
public enum HolidayShift {
  PREVIOUS_BUSINESS_DAY,
  NEXT_BUSINESS_DAY
}
