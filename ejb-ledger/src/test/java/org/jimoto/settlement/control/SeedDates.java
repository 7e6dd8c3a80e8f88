package org.jimoto.settlement.control;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.chrono.JapaneseChronology;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads dates the way the seed documents write them, so tests can quote their rows verbatim. */
final class SeedDates {

  private static final DateTimeFormatter ERA =
      DateTimeFormatter.ofPattern("GGGGy年M月d日", Locale.JAPAN)
          .withChronology(JapaneseChronology.INSTANCE);

  private static final Pattern ERA_PERIOD = Pattern.compile("(\\S+?年\\d+月)(\\d+)日から(\\d+)日まで");

  private static final Pattern MONTH_DAY = Pattern.compile("(\\d+)月(\\d+)日（(.)）");

  private SeedDates() {}

  /** 令和6年5月9日 */
  static LocalDate era(String text) {
    return LocalDate.from(JapaneseDate.from(ERA.parse(text.strip())));
  }

  /** 令和6年4月1日から15日まで: the first and last day. */
  static LocalDate[] eraPeriod(String text) {
    Matcher m = ERA_PERIOD.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(text);
    }
    return new LocalDate[] {era(m.group(1) + m.group(2) + "日"), era(m.group(1) + m.group(3) + "日")};
  }

  /**
   * 6月3日（月）in the given year; the weekday in brackets must be that date's, which checks the
   * transcription and the year.
   */
  static LocalDate monthDay(String text, int year) {
    Matcher m = MONTH_DAY.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(text);
    }
    LocalDate d =
        MonthDay.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))).atYear(year);
    String weekday =
        d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.JAPAN);
    if (!weekday.equals(m.group(3))) {
      throw new IllegalArgumentException(text + " is a " + weekday + " in " + year);
    }
    return d;
  }
}
