package org.jimoto.settlement.control;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
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
 * <p>The data is CSV with the header {@code period_first,period_last,payout_date} and dates as
 * {@code 2024-04-01} or {@code 2024/4/1} (Japanese Excel saves a CSV so); {@code payout_date} empty
 * or {@code 未定} is undecided. A cell's spaces, full-width ones too, do not count, and a row with no
 * text at all ({@code ,,} as Excel leaves it) is a blank line. Refused, with the line and the
 * reason: no row at all (it would make every period undecided), a row that is not a half month, a
 * period listed twice, a payout on or before the close, or a payout on a bank holiday (a file typed
 * wrong would otherwise pay shops on a day banks do not transfer).
 */
public final class PublishedPayoutCalendar implements SemiMonthlySchedule.Payout {

  /** Upper bound on rows: 24 a year, ten years. */
  public static final int MAX_ROWS = 240;

  static final String[] HEADER = {"period_first", "period_last", "payout_date"};
  static final String UNDECIDED = "未定";

  public enum Problem {
    /** The text is not CSV (a malformed quote); the detail is the line. */
    NOT_CSV,
    NO_HEADER,
    /** The header and no period. */
    NO_ROWS,
    TOO_MANY_ROWS,
    BAD_DATE,
    NOT_HALF_MONTH,
    DUPLICATE_PERIOD,
    PAYOUT_NOT_AFTER_CLOSE,
    PAYOUT_ON_BANK_HOLIDAY
  }

  /** One problem of a calendar: where (the CSV's line), what, and the text found there. */
  public record Finding(long line, Problem problem, String detail) {}

  public static final class InvalidCalendar extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<Finding> findings;

    InvalidCalendar(List<Finding> findings) {
      super(
          findings.stream()
              .map(f -> "payout calendar line " + f.line() + ": " + f.problem() + " " + f.detail())
              .collect(java.util.stream.Collectors.joining("; ")));
      this.findings = List.copyOf(findings);
    }

    InvalidCalendar(Problem problem, long line, String detail) {
      this(List.of(new Finding(line, problem, detail)));
    }

    /** The first problem. */
    public Problem problem() {
      return findings.get(0).problem();
    }

    /** Every problem found, in line order (at most {@link #MAX_FINDINGS}). */
    public List<Finding> findings() {
      return findings;
    }
  }

  /** The most problems one check reports: a file typed wrong throughout needs no 240 messages. */
  public static final int MAX_FINDINGS = 20;

  /** One published row; {@code payout} null where undecided. */
  public record Row(ClosingPeriod period, LocalDate payout) {}

  private final NavigableMap<LocalDate, Row> rows;

  private PublishedPayoutCalendar(NavigableMap<LocalDate, Row> rows) {
    this.rows = Collections.unmodifiableNavigableMap(rows);
  }

  /**
   * Reads and checks a published calendar against the banks' business days.
   *
   * @throws InvalidCalendar with every problem found (up to {@link #MAX_FINDINGS}), the header's or
   *     the size's alone
   */
  public static PublishedPayoutCalendar read(Reader csv, BusinessCalendar calendar)
      throws IOException {
    Objects.requireNonNull(calendar);
    List<CSVRecord> records;
    try {
      records =
          CSVFormat.DEFAULT
              .builder()
              .setTrim(true)
              .setIgnoreEmptyLines(true)
              .build()
              .parse(csv)
              .getRecords();
    } catch (java.io.UncheckedIOException e) {
      // commons-csv reports a malformed quote this way, "(line 2) invalid char between ...": only
      // its line is kept, its English words are no message for the city's staff
      String why =
          String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      var line = java.util.regex.Pattern.compile("line (\\d+)").matcher(why);
      long at = line.find() ? Long.parseLong(line.group(1)) : 0;
      throw new InvalidCalendar(Problem.NOT_CSV, at, String.valueOf(at));
    }
    records = records.stream().filter(r -> !isBlank(r)).toList();
    if (records.isEmpty()
        || records.get(0).size() != HEADER.length
        || !List.of(HEADER).equals(stripBom(records.get(0).toList()))) {
      throw new InvalidCalendar(Problem.NO_HEADER, 1, String.join(",", HEADER));
    }
    if (records.size() == 1) {
      throw new InvalidCalendar(Problem.NO_ROWS, 2, "");
    }
    if (records.size() - 1 > MAX_ROWS) {
      throw new InvalidCalendar(Problem.TOO_MANY_ROWS, MAX_ROWS + 2, "at most " + MAX_ROWS);
    }
    NavigableMap<LocalDate, Row> rows = new TreeMap<>();
    List<Finding> findings = new java.util.ArrayList<>();
    for (CSVRecord r : records.subList(1, records.size())) {
      if (findings.size() >= MAX_FINDINGS) {
        break;
      }
      long line = r.getRecordNumber();
      if (r.size() != HEADER.length) {
        findings.add(new Finding(line, Problem.BAD_DATE, r.toList().toString()));
        continue;
      }
      ClosingPeriod period;
      LocalDate payout;
      try {
        period = ClosingPeriod.of(date(r.get(0)), date(r.get(1)));
        String p = r.get(2).strip();
        payout = p.isEmpty() || UNDECIDED.equals(p) ? null : date(p);
      } catch (DateTimeParseException | IllegalArgumentException e) {
        findings.add(new Finding(line, Problem.BAD_DATE, r.toList().toString()));
        continue;
      }
      Finding finding = check(line, new Row(period, payout), calendar);
      if (finding == null && rows.put(period.first(), new Row(period, payout)) != null) {
        finding = new Finding(line, Problem.DUPLICATE_PERIOD, period.first().toString());
      }
      if (finding != null) {
        findings.add(finding);
      }
    }
    if (!findings.isEmpty()) {
      throw new InvalidCalendar(findings);
    }
    return new PublishedPayoutCalendar(rows);
  }

  /** A row's problem, or null; {@code calendar} null skips the bank-holiday check. */
  private static Finding check(long line, Row row, BusinessCalendar calendar) {
    ClosingPeriod period = row.period();
    LocalDate payout = row.payout();
    if (!SemiMonthlySchedule.isPeriod(period)) {
      return new Finding(line, Problem.NOT_HALF_MONTH, period.first() + ".." + period.last());
    }
    if (payout != null && !payout.isAfter(period.closeDate())) {
      return new Finding(line, Problem.PAYOUT_NOT_AFTER_CLOSE, payout.toString());
    }
    if (payout != null && calendar != null && !calendar.isBusinessDay(payout)) {
      // the closure by name, a holiday's name too: the admin page says it in the staff's language
      return new Finding(
          line,
          Problem.PAYOUT_ON_BANK_HOLIDAY,
          payout
              + " "
              + calendar.closure(payout).orElseThrow()
              + calendar.holidayName(payout).map(n -> " " + n).orElse(""));
    }
    return null;
  }

  /** Japanese Excel saves 2024-04-01 as 2024/4/1; both are taken, nothing else. */
  private static final DateTimeFormatter EXCEL_DATE =
      DateTimeFormatter.ofPattern("uuuu/M/d").withResolverStyle(ResolverStyle.STRICT);

  private static LocalDate date(String cell) {
    String text = cell.strip(); // strip(), not trim(): a full-width space (U+3000) too
    return text.indexOf('/') >= 0 ? LocalDate.parse(text, EXCEL_DATE) : LocalDate.parse(text);
  }

  /** A row with no text in any cell: Excel writes {@code ,,} for a row it once had. */
  private static boolean isBlank(CSVRecord record) {
    return record.stream().allMatch(String::isBlank);
  }

  private static List<String> stripBom(List<String> header) {
    if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
      List<String> h = new java.util.ArrayList<>(header);
      h.set(0, h.get(0).substring(1));
      return h;
    }
    return header;
  }

  /**
   * The calendar of rows read back from where an upload {@link #read} and checked them stored them.
   * Their shape is checked again; the bank holidays are not: a date the city published stays its
   * date even if the holiday list changed since (it decides, not the list).
   *
   * @throws InvalidCalendar if a row is not a half month, is paid on or before its close, or is
   *     listed twice
   */
  public static PublishedPayoutCalendar of(List<Row> published) {
    NavigableMap<LocalDate, Row> rows = new TreeMap<>();
    long line = 1;
    for (Row row : published) {
      line++;
      Finding finding = check(line, row, null);
      if (finding != null) {
        throw new InvalidCalendar(List.of(finding));
      }
      if (rows.put(row.period().first(), row) != null) {
        throw new InvalidCalendar(Problem.DUPLICATE_PERIOD, line, row.period().first().toString());
      }
    }
    return new PublishedPayoutCalendar(rows);
  }

  /** The row of the period, if the calendar lists it. */
  public java.util.Optional<Row> row(ClosingPeriod period) {
    return java.util.Optional.ofNullable(rows.get(period.first()))
        .filter(r -> r.period().equals(period));
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
