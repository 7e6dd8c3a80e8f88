package org.jimoto.settlement.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.jimoto.settlement.control.PublishedPayoutCalendar.InvalidCalendar;
import org.jimoto.settlement.control.PublishedPayoutCalendar.Problem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * twice-monthly settlement, paid by a published calendar (ISECA, seed 000/001) or by a rule
 * (Onagawa, seed 003), with payout days moved before bank holidays.
 */
class SemiMonthlyScheduleTest {

  static BusinessCalendar calendar;
  static SemiMonthlySchedule iseca;

  @BeforeAll
  static void load() throws IOException {
    calendar = CabinetOfficeHolidays.bundled();
    try (Reader r =
        new InputStreamReader(
            SemiMonthlyScheduleTest.class.getResourceAsStream(
                "/org/jimoto/settlement/iseca-payout-calendar-r6.csv"),
            StandardCharsets.UTF_8)) {
      iseca = new SemiMonthlySchedule(PublishedPayoutCalendar.read(r, calendar));
    }
  }

  /** Seed 000's 売上金振込スケジュール, every row as the page prints it (売上対象期間 | 振込予定日). */
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "令和6年3月16日から31日まで | 令和6年4月15日",
        "令和6年4月1日から15日まで | 令和6年5月9日",
        "令和6年4月16日から30日まで | 令和6年5月16日",
        "令和6年5月1日から15日まで | 令和6年5月30日",
        "令和6年5月16日から31日まで | 令和6年6月20日",
        "令和6年6月1日から15日まで | 令和6年7月4日",
        "令和6年6月16日から30日まで | 令和6年7月18日",
        "令和6年7月1日から15日まで | 令和6年8月1日",
        "令和6年7月16日から31日まで | 令和6年8月15日",
        "令和6年8月1日から15日まで | 令和6年8月29日",
        "令和6年8月16日から31日まで | 令和6年9月19日",
        "令和6年9月1日から15日まで | 令和6年10月3日",
        "令和6年9月16日から30日まで | 令和6年10月17日",
        "令和6年10月1日から15日まで | 令和6年10月31日",
        "令和6年10月16日から31日まで | 令和6年11月21日",
        "令和6年11月1日から15日まで | 令和6年12月5日",
        "令和6年11月16日から30日まで | 令和6年12月19日",
        "令和6年12月1日から15日まで | 令和7年1月9日",
        "令和6年12月16日から31日まで | 令和7年1月23日",
        "令和7年1月1日から15日まで | 令和7年1月30日",
        "令和7年1月16日から31日まで | 令和7年2月20日",
        "令和7年2月1日から15日まで | 令和7年3月6日",
        "令和7年2月16日から28日まで | 令和7年3月19日",
        "令和7年3月1日から15日まで | 未定",
        "令和7年3月16日から31日まで | 未定",
      })
  void publishedCalendarReproducesSeed000Rows_R50(String period, String payout) {
    LocalDate[] days = SeedDates.eraPeriod(period);
    ClosingPeriod expected = ClosingPeriod.of(days[0], days[1]);
    // every day of the period belongs to it, and to no other
    for (LocalDate d = days[0]; !d.isAfter(days[1]); d = d.plusDays(1)) {
      assertEquals(expected, iseca.periodOf(d), d.toString());
    }
    assertEquals(days[1], expected.closeDate());
    PayoutDate want =
        "未定".equals(payout) ? PayoutDate.undecided() : PayoutDate.on(SeedDates.era(payout));
    assertEquals(want, iseca.payoutDate(expected));
  }

  @Test
  void publishedCalendarHoldsExactlyTheSeedRows_R50() {
    assertEquals(25, iseca.payout() instanceof PublishedPayoutCalendar p ? p.rows().size() : -1);
  }

  @Test
  void periodTheCityHasNotPublishedIsUndecided_R50() {
    ClosingPeriod april2025 = iseca.periodOf(LocalDate.of(2025, 4, 3));
    assertEquals(PayoutDate.undecided(), iseca.payoutDate(april2025));
  }

  /** 2025-03-19 is the one Wednesday in seed 000: Thursday 2025-03-20 is 春分の日. */
  @Test
  void publishedPayoutOnABankHolidayIsRefused_R50() {
    String csv = "period_first,period_last,payout_date\n2025-02-16,2025-02-28,2025-03-20\n";
    InvalidCalendar e =
        assertThrows(
            InvalidCalendar.class,
            () -> PublishedPayoutCalendar.read(new StringReader(csv), calendar));
    // the holiday by its name, for the admin page to say in Japanese (#12 review)
    assertEquals(
        java.util.List.of(
            new PublishedPayoutCalendar.Finding(
                2, Problem.PAYOUT_ON_BANK_HOLIDAY, "2025-03-20 NATIONAL_HOLIDAY 春分の日")),
        e.findings());
  }

  /**
   * Japanese Excel re-saves the file with 2024/4/1 dates, full-width spaces around 未定 and {@code
   * ,,} for rows it once had: the same calendar as the ISO file (#12 review).
   */
  @Test
  void calendarResavedByJapaneseExcelReadsTheSame_R50() throws IOException {
    String csv =
        "period_first,period_last,payout_date\r\n"
            + "2024/4/1,2024/4/15,2024/5/9\r\n"
            + ",,\r\n"
            + "2024/04/16, 2024/4/30 ,2024-05-16\r\n"
            + "2025/3/1,2025/3/15,\u3000未定\u3000\r\n"
            + "\u3000,,\r\n";
    var read = PublishedPayoutCalendar.read(new StringReader(csv), calendar);
    assertEquals(
        java.util.List.of(
            new PublishedPayoutCalendar.Row(
                ClosingPeriod.of(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 15)),
                LocalDate.of(2024, 5, 9)),
            new PublishedPayoutCalendar.Row(
                ClosingPeriod.of(LocalDate.of(2024, 4, 16), LocalDate.of(2024, 4, 30)),
                LocalDate.of(2024, 5, 16)),
            new PublishedPayoutCalendar.Row(
                ClosingPeriod.of(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 15)), null)),
        read.rows());
    // a slash date that is no date is still refused, by its line
    String wrong = "period_first,period_last,payout_date\n2024/4/1,2024/4/15,2024/5/32\n";
    InvalidCalendar e =
        assertThrows(
            InvalidCalendar.class,
            () -> PublishedPayoutCalendar.read(new StringReader(wrong), calendar));
    assertEquals(Problem.BAD_DATE, e.problem());
    assertEquals(2, e.findings().get(0).line());
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "from,to,pay\\n2024-04-01,2024-04-15,2024-05-09 | NO_HEADER",
        "period_first,period_last,payout_date\\n2024-04-01,2024-04-14,2024-05-09 | NOT_HALF_MONTH",
        "period_first,period_last,payout_date\\n2024-04-02,2024-04-15,2024-05-09 | NOT_HALF_MONTH",
        "period_first,period_last,payout_date\\n2024-04-16,2024-04-31,2024-05-16 | BAD_DATE",
        "period_first,period_last,payout_date\\n2024-04-01,2024-04-15,2024-04-15 | PAYOUT_NOT_AFTER_CLOSE",
        "period_first,period_last,payout_date\\n2024-04-01,2024-04-15,2024-05-09\\n2024-04-01,2024-04-15,2024-05-10 | DUPLICATE_PERIOD",
        "period_first,period_last,payout_date\\n2024-04-01,2024-04-15,2024-05-11 | PAYOUT_ON_BANK_HOLIDAY",
        // not CSV at all (a quote closed in the middle of a field): refused, not a server error
        "period_first,period_last,payout_date\\n\"2024-04-01\"x,2024-04-15,2024-05-09 | NOT_CSV",
        // the header alone, or with rows Excel left empty, would make every period 未定
        "period_first,period_last,payout_date\\n | NO_ROWS",
        "period_first,period_last,payout_date\\n,,\\n,, | NO_ROWS",
        "2024/4/1,2024/4/15,2024/5/9 | NO_HEADER",
      })
  void malformedPublishedCalendarIsRefusedWithItsReason_R50(String csv, Problem problem) {
    InvalidCalendar e =
        assertThrows(
            InvalidCalendar.class,
            () ->
                PublishedPayoutCalendar.read(new StringReader(csv.replace("\\n", "\n")), calendar));
    assertEquals(problem, e.problem(), e.getMessage());
  }

  /** An upload lists every bad row at once, by its line, so the city fixes the file in one go. */
  @Test
  void everyBadRowOfAPublishedCalendarIsListedWithItsLine_R50() {
    String csv =
        "period_first,period_last,payout_date\n"
            + "2024-04-01,2024-04-15,2024-05-09\n"
            + "2024-04-16,2024-04-29,2024-05-16\n"
            + "2024-05-01,2024-05-15,2024-05-15\n"
            + "2024-05-16,2024-05-31,未定\n"
            + "2024-06-01,2024-06-15,2024-07-06\n";
    InvalidCalendar e =
        assertThrows(
            InvalidCalendar.class,
            () -> PublishedPayoutCalendar.read(new StringReader(csv), calendar));
    assertEquals(
        java.util.List.of(
            new PublishedPayoutCalendar.Finding(
                3, Problem.NOT_HALF_MONTH, "2024-04-16..2024-04-29"),
            new PublishedPayoutCalendar.Finding(4, Problem.PAYOUT_NOT_AFTER_CLOSE, "2024-05-15"),
            new PublishedPayoutCalendar.Finding(
                6, Problem.PAYOUT_ON_BANK_HOLIDAY, "2024-07-06 WEEKEND")),
        e.findings());
  }

  /**
   * The rows stored by an upload make the same calendar again (ServiceSchedules reads them back):
   * every seed row, 未定 included; a row the file would have been refused for is refused again.
   */
  @Test
  void storedRowsMakeTheSameCalendar_R50() {
    var published = (PublishedPayoutCalendar) iseca.payout();
    var again = new SemiMonthlySchedule(PublishedPayoutCalendar.of(published.rows()));
    for (var row : published.rows()) {
      assertEquals(iseca.payoutDate(row.period()), again.payoutDate(row.period()));
    }
    ClosingPeriod april1 = ClosingPeriod.of(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 15));
    assertEquals(PayoutDate.on(LocalDate.of(2024, 5, 9)), again.payoutDate(april1));
    assertEquals(LocalDate.of(2024, 5, 9), published.row(april1).orElseThrow().payout());
    assertEquals(
        PayoutDate.undecided(),
        again.payoutDate(ClosingPeriod.of(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 15))));
    assertThrows(
        InvalidCalendar.class,
        () ->
            PublishedPayoutCalendar.of(
                java.util.List.of(
                    new PublishedPayoutCalendar.Row(
                        ClosingPeriod.of(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 14)),
                        LocalDate.of(2024, 5, 9)))));
  }

  /**
   * Seed 003 (Onagawa): "15日締め分: 当月末にお振り込み" (1日〜15日), "月末締め分: 翌月15日にお振り込み" (16日〜月末); a payout day
   * on a bank holiday moves to the business day before.
   */
  @ParameterizedTest(name = "{0}: {1}..{2} paid {3}")
  @CsvSource({
    // plain cases: the 15th's close on the month end, the month end's on the next 15th
    "2024-07-10, 2024-07-01, 2024-07-15, 2024-07-31",
    "2024-07-16, 2024-07-16, 2024-07-31, 2024-08-15",
    "2024-10-31, 2024-10-16, 2024-10-31, 2024-11-15",
    "2024-02-29, 2024-02-16, 2024-02-29, 2024-03-15",
    // month end on a Sunday: Friday before, so 当月末 stays in the month
    "2024-06-15, 2024-06-01, 2024-06-15, 2024-06-28",
    // 15 Sep 2024 is a Sunday and 16 Sep 敬老の日: Friday 13th
    "2024-08-20, 2024-08-16, 2024-08-31, 2024-09-13",
    // 31 Dec: banks are closed (31 Dec–3 Jan)
    "2025-12-01, 2025-12-01, 2025-12-15, 2025-12-30",
    "2025-12-31, 2025-12-16, 2025-12-31, 2026-01-15",
    // 15 Nov 2025 is a Saturday
    "2025-10-25, 2025-10-16, 2025-10-31, 2025-11-14",
  })
  void onagawaPaysOnTheNextClosingDay_R50(
      LocalDate transaction, LocalDate first, LocalDate last, LocalDate payout) {
    SemiMonthlySchedule onagawa =
        new SemiMonthlySchedule(
            new SemiMonthlySchedule.NextClosingDay(HolidayShift.PREVIOUS_BUSINESS_DAY, calendar));
    ClosingPeriod period = onagawa.periodOf(transaction);
    assertEquals(ClosingPeriod.of(first, last), period);
    assertEquals(PayoutDate.on(payout), onagawa.payoutDate(period));
  }

  @Test
  void followingShiftMovesPastTheHolidayInstead_R50() {
    SemiMonthlySchedule later =
        new SemiMonthlySchedule(
            new SemiMonthlySchedule.NextClosingDay(HolidayShift.NEXT_BUSINESS_DAY, calendar));
    ClosingPeriod august = later.periodOf(LocalDate.of(2024, 8, 31));
    assertEquals(PayoutDate.on(LocalDate.of(2024, 9, 17)), later.payoutDate(august));
  }

  @Test
  void periodThatIsNotAHalfMonthIsRefused_R50() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            iseca.payoutDate(ClosingPeriod.of(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 7))));
  }
}
