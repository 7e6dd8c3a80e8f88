package org.jimoto.settlement.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mitaka's gift certificates close on Friday and are paid on Tuesday of the week after next
 * (seed 004). R-52: Mitaka's points close at month end and are paid within 7 business days.
 */
class WeeklyAndMonthlyScheduleTest {

  static BusinessCalendar calendar;
  static WeeklySchedule mitaka;

  /** Seed 004: 令和6年6月3日（月）～8月31日（土） the certificates are usable. */
  static final LocalDate SERVICE_FIRST = LocalDate.of(2024, 6, 3);

  static final LocalDate SERVICE_LAST = LocalDate.of(2024, 8, 31);

  @BeforeAll
  static void load() {
    calendar = CabinetOfficeHolidays.bundled();
    mitaka = WeeklySchedule.fridayCloseTuesdayWeekAfterNext(calendar, SERVICE_FIRST, SERVICE_LAST);
  }

  /** Seed 004's スケジュール table (着金日 | 利用期間), every row it prints, in 2024. */
  @ParameterizedTest(name = "{0}: {2} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 | 6月18日（火） | 6月3日（月）～6月7日（金）",
        "2 | 6月25日（火） | 6月8日（土）～6月14日（金）",
        "3 | 7月2日（火） | 6月15日（土）～6月21日（金）",
        "14 | 9月17日（火） | 8月31日（土）",
      })
  void weeklyScheduleReproducesSeed004Rows_R51(int no, String paid, String period) {
    String[] days = period.split("～");
    LocalDate first = SeedDates.monthDay(days[0], 2024);
    LocalDate last = days.length > 1 ? SeedDates.monthDay(days[1], 2024) : first;
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      ClosingPeriod p = mitaka.periodOf(d);
      assertEquals(first, p.first(), d.toString());
      assertEquals(last, p.last(), d.toString());
      assertEquals(DayOfWeek.FRIDAY, p.closeDate().getDayOfWeek());
    }
    assertEquals(
        PayoutDate.on(SeedDates.monthDay(paid, 2024)), mitaka.payoutDate(mitaka.periodOf(first)));
  }

  @Test
  void periodsFollowEachOtherWithoutGapFromFirstToLastRow_R51() {
    ClosingPeriod p = mitaka.periodOf(SERVICE_FIRST);
    int rows = 1;
    while (!p.last().equals(SERVICE_LAST)) {
      ClosingPeriod next = mitaka.next(p);
      assertEquals(p.last().plusDays(1), next.first());
      p = next;
      rows++;
    }
    assertEquals(14, rows, "seed 004 numbers the last row 14");
  }

  @Test
  void transactionOutsideTheServiceDaysHasNoPeriod_R51() {
    assertThrows(IllegalArgumentException.class, () -> mitaka.periodOf(LocalDate.of(2024, 9, 1)));
    assertThrows(IllegalArgumentException.class, () -> mitaka.periodOf(LocalDate.of(2024, 6, 2)));
  }

  /**
   * Tuesday 2025-09-23 is 秋分の日: the week closed Friday 9/12 is paid Monday 9/22 (the business day
   * before); Tuesday 2026-05-05 is こどもの日 and Monday 5/4 みどりの日: Friday 5/1.
   */
  @ParameterizedTest(name = "closed {0}, paid {1}")
  @CsvSource({"2025-09-12, 2025-09-22", "2026-04-24, 2026-05-01", "2025-09-19, 2025-09-30"})
  void weeklyPayoutOnAHolidayMovesToTheBusinessDayBefore_R51(LocalDate close, LocalDate paid) {
    WeeklySchedule open = WeeklySchedule.fridayCloseTuesdayWeekAfterNext(calendar, null, null);
    ClosingPeriod p = open.periodOf(close);
    assertEquals(ClosingPeriod.of(close.minusDays(6), close), p);
    assertEquals(PayoutDate.on(paid), open.payoutDate(p));
  }

  /** "月末締め後7営業日以内に支払い": the 7th business day after the month's last day. */
  @ParameterizedTest(name = "{0}: paid {1}")
  @CsvSource({
    // 1 Jul 2024 is a Monday: 1,2,3,4,5,8,9
    "2024-06-10, 2024-07-09",
    // 1–3 Jan closed, 4–5 weekend, 13 Jan 成人の日: 6,7,8,9,10,14,15
    "2024-12-31, 2025-01-15",
    // 3–6 May 2025 holidays (6th 振替休日): 1,2,7,8,9,12,13
    "2025-04-01, 2025-05-13",
    // 1 Nov 2025 a Saturday, 3 Nov 文化の日: 4,5,6,7,10,11,12
    "2025-10-31, 2025-11-12",
  })
  void monthlyPaysOnTheSeventhBusinessDayAfterMonthEnd_R52(LocalDate transaction, LocalDate paid) {
    MonthlySchedule points = new MonthlySchedule(7, calendar);
    ClosingPeriod p = points.periodOf(transaction);
    assertEquals(transaction.withDayOfMonth(1), p.first());
    assertEquals(transaction.withDayOfMonth(transaction.lengthOfMonth()), p.closeDate());
    assertEquals(PayoutDate.on(paid), points.payoutDate(p));
  }
}
