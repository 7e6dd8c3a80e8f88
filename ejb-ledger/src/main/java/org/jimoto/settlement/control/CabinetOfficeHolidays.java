package org.jimoto.settlement.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the Cabinet Office's national holiday list, {@code syukujitsu.csv} (内閣府「国民の祝日について」):
 * Shift_JIS, a header row, then one {@code yyyy/M/d,name} row per holiday. The deployment ships the
 * copy in this package; {@code jimoto.settlement.holidays-file} points at a newer download (see
 * {@link BusinessDays}). A file that is not that list is refused with the row and the reason.
 */
public final class CabinetOfficeHolidays {

  /** The bundled copy, in the jar next to this class. */
  public static final String RESOURCE = "/org/jimoto/settlement/syukujitsu.csv";

  /** Shift_JIS as Windows writes it (the Cabinet Office's file is made there). */
  public static final Charset CHARSET = Charset.forName("windows-31j");

  /** The first column's name in the header. */
  static final String DATE_HEADER = "国民の祝日・休日月日";

  /** Fewer rows than this is a truncated or different file: the list has 16 holidays a year. */
  static final int MIN_ROWS = 100;

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu/M/d");

  private CabinetOfficeHolidays() {}

  /** Why a holiday file is refused. */
  public enum Problem {
    NOT_SHIFT_JIS,
    NO_HEADER,
    BAD_ROW,
    BAD_DATE,
    DUPLICATE_DATE,
    TOO_FEW_ROWS
  }

  public static final class InvalidFile extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final Problem problem;

    InvalidFile(Problem problem, String source, long line, String detail) {
      super(source + (line > 0 ? " line " + line : "") + ": " + problem + " " + detail);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }

  /** The bundled list. */
  public static BusinessCalendar bundled() {
    try (InputStream in = CabinetOfficeHolidays.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return read(in, "bundled syukujitsu.csv");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  /** Reads a list; the stream is read to its end, not closed. */
  public static BusinessCalendar read(InputStream in, String source) throws IOException {
    Reader reader =
        new InputStreamReader(
            in,
            CHARSET
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    List<CSVRecord> rows;
    try {
      rows = CSVFormat.DEFAULT.builder().setTrim(true).build().parse(reader).getRecords();
    } catch (CharacterCodingException | java.io.UncheckedIOException e) {
      throw new InvalidFile(Problem.NOT_SHIFT_JIS, source, 0, String.valueOf(e.getMessage()));
    }
    if (rows.isEmpty() || !DATE_HEADER.equals(rows.get(0).get(0))) {
      throw new InvalidFile(
          Problem.NO_HEADER,
          source,
          1,
          "the first row must start with "
              + DATE_HEADER
              + " (a Shift_JIS file from the Cabinet Office)");
    }
    Map<LocalDate, String> holidays = new HashMap<>();
    for (CSVRecord row : rows.subList(1, rows.size())) {
      long line = row.getRecordNumber();
      if (row.size() == 1 && row.get(0).isEmpty()) {
        continue; // a blank line at the end
      }
      if (row.size() < 2 || row.get(1).isEmpty()) {
        throw new InvalidFile(Problem.BAD_ROW, source, line, "expected date,name: " + row);
      }
      LocalDate date;
      try {
        date = LocalDate.parse(row.get(0), DATE);
      } catch (DateTimeParseException e) {
        throw new InvalidFile(Problem.BAD_DATE, source, line, row.get(0));
      }
      if (holidays.put(date, row.get(1)) != null) {
        throw new InvalidFile(Problem.DUPLICATE_DATE, source, line, date.toString());
      }
    }
    if (holidays.size() < MIN_ROWS) {
      throw new InvalidFile(
          Problem.TOO_FEW_ROWS, source, 0, holidays.size() + " holidays, at least " + MIN_ROWS);
    }
    return new BusinessCalendar(holidays, source);
  }
}
