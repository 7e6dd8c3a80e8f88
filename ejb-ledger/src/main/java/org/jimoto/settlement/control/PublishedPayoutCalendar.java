package org.jimoto.settlement.control;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A payout calendar the city publishes for a semi-monthly service (R-50; ISECA's 売上金振込スケジュール, seed
 * 000/001: "令和6年4月1日から15日まで | 令和6年5月9日"), kept as data: one row per half month with its payout
 * date, or none where the city wrote 未定. A period the calendar does not list is undecided too: the
 * city has not published it yet.
 *
 * <p>The data is CSV with the header {@code period_first,period_last,payout_date} and ISO dates;
 * {@code payout_date} empty or {@code 未定} is undecided. Refused, with the line and the reason: a
 * row that is not a half month, a period listed twice, a payout on or before the close, or a payout
 * on a bank holiday (a file typed wrong would otherwise pay shops on a day banks do not transfer).
 */
public final class PublishedPayoutCalendar implements SemiMonthlySchedule.Payout {

  /** Upper bound on rows: 24 a year, ten years. */
  public static final int MAX_ROWS = 240;

  static final String[] HEADER = {"period_first", "period_last", "payout_date"};
  static final String UNDECIDED = "未定";

  public enum Problem {
    NO_HEADER,
    TOO_MANY_ROWS,
    BAD_DATE,
    NOT_HALF_MONTH,
    DUPLICATE_PERIOD,
    PAYOUT_NOT_AFTER_CLOSE,
    PAYOUT_ON_BANK_HOLIDAY
  }

  public static final class InvalidCalendar extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final Problem problem;

    InvalidCalendar(Problem problem, long line, String detail) {
      super("payout calendar line " + line + ": " + problem + " " + detail);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  /** One published row; {@code payout} null where undecided. */
  public record Row(ClosingPeriod period, LocalDate payout) {}

  private final NavigableMap<LocalDate, Row> rows;

  private PublishedPayoutCalendar(NavigableMap<LocalDate, Row> rows) {
    this.rows = Collections.unmodifiableNavigableMap(rows);
  }

  /** Reads and checks a published calendar against the banks' business days. */
  public static PublishedPayoutCalendar read(Reader csv, BusinessCalendar calendar)
      throws IOException {
    Objects.requireNonNull(calendar);
    List<CSVRecord> records =
        CSVFormat.DEFAULT
            .builder()
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .build()
            .parse(csv)
            .getRecords();
    if (records.isEmpty()
        || records.get(0).size() != HEADER.length
        || !List.of(HEADER).equals(records.get(0).toList())) {
      throw new InvalidCalendar(Problem.NO_HEADER, 1, String.join(",", HEADER));
    }
    if (records.size() - 1 > MAX_ROWS) {
      throw new InvalidCalendar(Problem.TOO_MANY_ROWS, MAX_ROWS + 2, "at most " + MAX_ROWS);
    }
    NavigableMap<LocalDate, Row> rows = new TreeMap<>();
    for (CSVRecord r : records.subList(1, records.size())) {
      long line = r.getRecordNumber();
      if (r.size() != HEADER.length) {
        throw new InvalidCalendar(Problem.BAD_DATE, line, r.toList().toString());
      }
      ClosingPeriod period;
      LocalDate payout;
      try {
        period = ClosingPeriod.of(LocalDate.parse(r.get(0)), LocalDate.parse(r.get(1)));
        payout =
            r.get(2).isEmpty() || UNDECIDED.equals(r.get(2)) ? null : LocalDate.parse(r.get(2));
      } catch (DateTimeParseException | IllegalArgumentException e) {
        throw new InvalidCalendar(Problem.BAD_DATE, line, r.toList().toString());
      }
      if (!SemiMonthlySchedule.isPeriod(period)) {
        throw new InvalidCalendar(
            Problem.NOT_HALF_MONTH, line, period.first() + ".." + period.last());
      }
      if (payout != null && !payout.isAfter(period.closeDate())) {
        throw new InvalidCalendar(Problem.PAYOUT_NOT_AFTER_CLOSE, line, payout.toString());
      }
      if (payout != null && !calendar.isBusinessDay(payout)) {
        throw new InvalidCalendar(
            Problem.PAYOUT_ON_BANK_HOLIDAY,
            line,
            payout + " " + calendar.closure(payout).orElseThrow());
      }
      if (rows.put(period.first(), new Row(period, payout)) != null) {
        throw new InvalidCalendar(Problem.DUPLICATE_PERIOD, line, period.first().toString());
      }
    }
    return new PublishedPayoutCalendar(rows);
  }

  @Override
  public PayoutDate payoutDate(ClosingPeriod period) {
    Row row = rows.get(period.first());
    return row == null || row.payout() == null
        ? PayoutDate.undecided()
        : PayoutDate.on(row.payout());
  }

  /** The rows as published, in date order (for the public payout calendar page). */
  public List<Row> rows() {
    return List.copyOf(rows.values());
  }
}
