package org.jimoto.settlement.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The schedule a service is closed on, by its {@code value_service.settlement_schedule} (V28): R-50
 * semi-monthly (paid on the next closing day, a bank holiday moving it earlier, seed 003), R-51
 * weekly (Friday close, Tuesday of the week after next) or R-52 monthly (7 business days after the
 * month end), over the deployment's business calendar.
 */
@ApplicationScoped
public class ServiceSchedules {

  /** The schedule kinds the V28 check constraint allows. */
  public enum Kind {
    SEMI_MONTHLY,
    WEEKLY,
    MONTHLY
  }

  /** Mitaka points are paid within 7 business days of the month-end close. */
  static final int MONTHLY_BUSINESS_DAYS = 7;

  @Inject BusinessDays businessDays;

  public SettlementSchedule of(Kind kind) {
    BusinessCalendar calendar = businessDays.calendar();
    return switch (kind) {
      case SEMI_MONTHLY ->
          new SemiMonthlySchedule(
              new SemiMonthlySchedule.NextClosingDay(HolidayShift.PREVIOUS_BUSINESS_DAY, calendar));
      case WEEKLY -> WeeklySchedule.fridayCloseTuesdayWeekAfterNext(calendar, null, null);
      case MONTHLY -> new MonthlySchedule(MONTHLY_BUSINESS_DAYS, calendar);
    };
  }
}
