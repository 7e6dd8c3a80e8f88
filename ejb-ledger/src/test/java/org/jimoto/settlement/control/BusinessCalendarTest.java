package org.jimoto.settlement.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.Optional;
import org.jimoto.settlement.control.BusinessCalendar.Closure;
import org.jimoto.settlement.control.CabinetOfficeHolidays.InvalidFile;
import org.jimoto.settlement.control.CabinetOfficeHolidays.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * R-50..R-52: business days are the banks' (weekends, national holidays from the Cabinet Office's
 * list, 31 Dec–3 Jan), and the list can be replaced by a file without a code change.
 */
class BusinessCalendarTest {

  static final BusinessCalendar BUNDLED = CabinetOfficeHolidays.bundled();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "2025-03-20, NATIONAL_HOLIDAY", // 春分の日, a Thursday (seed 000's 3/19 row)
    "2024-09-16, NATIONAL_HOLIDAY", // 敬老の日
    "2024-11-04, NATIONAL_HOLIDAY", // 振替休日 for 文化の日 on a Sunday
    "2026-09-22, NATIONAL_HOLIDAY", // 国民の休日 between 敬老の日 and 秋分の日
    "2024-12-31, YEAR_END",
    "2025-01-02, YEAR_END",
    "2025-01-03, YEAR_END",
    "2025-01-01, NATIONAL_HOLIDAY", // 元日 is both; the holiday list names it
    "2024-06-08, WEEKEND",
    "2024-06-09, WEEKEND",
  })
  void bankHolidays_R52(LocalDate date, Closure why) {
    assertEquals(Optional.of(why), BUNDLED.closure(date));
    assertTrue(!BUNDLED.isBusinessDay(date));
  }

  @ParameterizedTest
  @CsvSource({"2025-01-06", "2024-12-30", "2025-03-19", "2024-09-17", "2027-11-24"})
  void ordinaryWeekdaysAreBusinessDays_R52(LocalDate date) {
    assertTrue(BUNDLED.isBusinessDay(date));
  }

  @Test
  void holidayNamesComeFromTheCabinetOfficeList_R52() {
    assertEquals(Optional.of("春分の日"), BUNDLED.holidayName(LocalDate.of(2025, 3, 20)));
    assertEquals(Optional.of("休日"), BUNDLED.holidayName(LocalDate.of(2024, 11, 4)));
  }

  @Test
  void shiftMovesEitherWayPastAllClosedDays_R52() {
    // Sat 28 Dec 2024 .. Fri 3 Jan 2025 all closed (weekend, 31 Dec, 1–3 Jan; the 30th is open)
    assertEquals(
        LocalDate.of(2024, 12, 30),
        BUNDLED.shift(LocalDate.of(2025, 1, 1), HolidayShift.PREVIOUS_BUSINESS_DAY));
    assertEquals(
        LocalDate.of(2025, 1, 6),
        BUNDLED.shift(LocalDate.of(2024, 12, 31), HolidayShift.NEXT_BUSINESS_DAY));
  }

  @Test
  void dateBeyondTheListIsRefusedNotGuessed_R52() {
    assertEquals(LocalDate.of(2027, 12, 31), BUNDLED.coveredUntil());
    BusinessCalendar.NotCovered e =
        assertThrows(
            BusinessCalendar.NotCovered.class,
            () -> BUNDLED.isBusinessDay(LocalDate.of(2028, 1, 4)));
    assertTrue(e.getMessage().contains("jimoto.settlement.holidays-file"), e.getMessage());
  }

  static byte[] sjis(String text) {
    return text.getBytes(CabinetOfficeHolidays.CHARSET);
  }

  static String listUntil(int lastYear, String extra) {
    StringBuilder b = new StringBuilder("国民の祝日・休日月日,国民の祝日・休日名称\r\n");
    for (int y = 2000; y <= lastYear; y++) {
      for (int m = 1; m <= 12; m++) {
        b.append(y).append('/').append(m).append("/1,テスト\r\n");
      }
    }
    return b.append(extra).toString();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "date,name\\r\\n2024/1/1,元日\\r\\n | NO_HEADER",
        "国民の祝日・休日月日,国民の祝日・休日名称\\r\\n2024/13/1,x\\r\\n | BAD_DATE",
        "国民の祝日・休日月日,国民の祝日・休日名称\\r\\n2024/1/1\\r\\n | BAD_ROW",
        "国民の祝日・休日月日,国民の祝日・休日名称\\r\\n2024/1/1,元日\\r\\n | TOO_FEW_ROWS",
      })
  void fileThatIsNotTheCabinetOfficeListIsRefused_R52(String text, Problem problem) {
    InputStream in = new ByteArrayInputStream(sjis(text.replace("\\r\\n", "\r\n")));
    InvalidFile e = assertThrows(InvalidFile.class, () -> CabinetOfficeHolidays.read(in, "t"));
    assertEquals(problem, e.problem(), e.getMessage());
  }

  @Test
  void utf8FileIsRefusedAsNotShiftJis_R52() {
    byte[] utf8 = listUntil(2030, "").getBytes(StandardCharsets.UTF_8);
    InvalidFile e =
        assertThrows(
            InvalidFile.class,
            () -> CabinetOfficeHolidays.read(new ByteArrayInputStream(utf8), "t"));
    assertTrue(
        e.problem() == Problem.NOT_SHIFT_JIS || e.problem() == Problem.NO_HEADER, e.getMessage());
  }

  @Test
  void duplicateDateIsRefused_R52() {
    InputStream in = new ByteArrayInputStream(sjis(listUntil(2030, "2030/1/1,again\r\n")));
    InvalidFile e = assertThrows(InvalidFile.class, () -> CabinetOfficeHolidays.read(in, "t"));
    assertEquals(Problem.DUPLICATE_DATE, e.problem());
  }

  /** A newer list dropped at the configured path is used at once, without a restart. */
  @Test
  void configuredFileReplacesTheBundledListWhenItChanges_R52(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("syukujitsu.csv");
    Files.write(file, sjis(listUntil(2030, "")));
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
    BusinessDays days = new BusinessDays();
    days.holidaysFile = Optional.of(file.toString());
    assertEquals(LocalDate.of(2030, 12, 31), days.calendar().coveredUntil());
    assertTrue(days.calendar().isBusinessDay(LocalDate.of(2030, 3, 20)));

    Files.write(file, sjis(listUntil(2031, "2031/3/20,春分の日\r\n")));
    Files.setLastModifiedTime(file, FileTime.fromMillis(2_000_000));
    assertEquals(LocalDate.of(2031, 12, 31), days.calendar().coveredUntil());
    assertEquals(
        Optional.of(Closure.NATIONAL_HOLIDAY), days.calendar().closure(LocalDate.of(2031, 3, 20)));

    Files.write(file, "broken".getBytes(StandardCharsets.US_ASCII));
    Files.setLastModifiedTime(file, FileTime.fromMillis(3_000_000));
    assertThrows(InvalidFile.class, days::calendar);
  }

  @Test
  void withoutAConfiguredFileTheBundledListIsUsed_R52() {
    BusinessDays days = new BusinessDays();
    days.holidaysFile = Optional.empty();
    assertEquals(BUNDLED.coveredUntil(), days.calendar().coveredUntil());
  }
}
