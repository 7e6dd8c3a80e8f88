package org.jimoto.report.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jimoto.report.boundary.CityDashboard.DayFigures;
import org.jimoto.report.boundary.CityDashboard.Totals;
import org.jimoto.report.boundary.TransactionReports.Figure;
import org.junit.jupiter.api.Test;

/** The dashboard's own rules: the unused-balance base date and the period's sums (#11 item 8). */
class DashboardRulesTest {

  @Test
  void defaultBaseDateIsTheLatestMarchOrSeptemberEndBeforeToday() {
    assertEquals(
        LocalDate.of(2026, 9, 30), CityDashboard.defaultBaseDate(LocalDate.of(2026, 11, 24)));
    assertEquals(
        LocalDate.of(2026, 3, 31), CityDashboard.defaultBaseDate(LocalDate.of(2026, 9, 30)));
    assertEquals(
        LocalDate.of(2025, 9, 30), CityDashboard.defaultBaseDate(LocalDate.of(2026, 3, 31)));
    assertEquals(
        LocalDate.of(2026, 3, 31), CityDashboard.defaultBaseDate(LocalDate.of(2026, 4, 1)));
  }

  @Test
  void aBaseDateIsADayUpToTodayOnTheInjectedClock() {
    CityDashboard dashboard = new CityDashboard();
    dashboard.clock =
        Clock.fixed(
            LocalDate.of(2026, 11, 24).atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant(),
            ZoneId.of("Asia/Tokyo"));
    assertEquals(Optional.of(LocalDate.of(2026, 3, 31)), dashboard.unusedBaseDate("2026-03-31"));
    assertEquals(Optional.of(LocalDate.of(2026, 11, 24)), dashboard.unusedBaseDate("2026-11-24"));
    assertEquals(Optional.empty(), dashboard.unusedBaseDate("2026-11-25"));
    assertEquals(Optional.empty(), dashboard.unusedBaseDate("1999-12-31"));
    assertEquals(Optional.empty(), dashboard.unusedBaseDate("2026-02-30"));
    assertEquals(Optional.empty(), dashboard.unusedBaseDate("31/03/2026"));
    assertEquals(Optional.empty(), dashboard.unusedBaseDate(null));
    assertEquals(LocalDate.of(2026, 9, 30), dashboard.defaultUnusedBaseDate());
  }

  @Test
  void totalsNetPaymentsOfTheirCancels() {
    LocalDate d = LocalDate.of(2026, 11, 1);
    List<DayFigures> days =
        List.of(
            new DayFigures(
                d, new Figure(10_000, 1), new Figure(3_000, 2), new Figure(500, 1), Figure.NONE),
            new DayFigures(
                d.plusDays(1),
                new Figure(5_000, 1),
                new Figure(1_200, 1),
                Figure.NONE,
                new Figure(80, 1)));
    assertEquals(new Totals(15_000, 3_700, 80), Totals.of(days));
  }
}
