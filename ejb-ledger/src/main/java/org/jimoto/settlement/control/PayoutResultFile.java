package org.jimoto.settlement.control;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jimoto.grant.control.GrantCsv;
import org.jimoto.ledger.boundary.Refusal;

/**
 * The bank's result of a payout date's transfers as the admin uploads it: a CSV (UTF-8 or
 * Shift_JIS) with a header row and one row per transfer:
 *
 * <pre>
 * line_id,shop_code,amount_yen,result,reason
 * 1050,S0001,2000,PAID,
 * 1100,S0002,1000,FAILED,口座相違
 * </pre>
 *
 * {@code line_id} is the settlement line (the payout file's transfer), {@code result} PAID or
 * FAILED, {@code reason} required for FAILED. This class only reads the rows; whether they fit the
 * lines is checked against the database by {@code SettlementResults}.
 */
public final class PayoutResultFile {

  public static final int MAX_BYTES = 1_000_000;
  public static final int MAX_ROWS = 5_000;
  public static final int MAX_REASON = 200;
  public static final List<String> HEADER =
      List.of("line_id", "shop_code", "amount_yen", "result", "reason");

  /**
   * A row as read; {@code lineId} and {@code amountYen} null when not a number. {@code number} is
   * the row as a spreadsheet shows the file: the header is row 1, and blank lines count.
   */
  public record Row(
      int number, Long lineId, String shopCode, Long amountYen, String result, String reason) {}

  /** A problem with a row ({@code row} 0 = the whole file), as a refusal with its arguments. */
  public record Problem(int row, Refusal refusal, List<String> args) {
    public String message(Locale locale) {
      String m = refusal.message(locale, args.toArray());
      return row == 0
          ? m
          : (locale.getLanguage().equals("ja") ? row + "行目: " : "Row " + row + ": ") + m;
    }
  }

  public record Parsed(List<Row> rows, List<Problem> problems) {}

  private PayoutResultFile() {}

  public static Parsed parse(byte[] file) {
    if (file == null || file.length == 0) {
      return fileProblem(Refusal.RESULT_FILE_UNREADABLE);
    }
    if (file.length > MAX_BYTES) {
      return fileProblem(Refusal.RESULT_FILE_UNREADABLE);
    }
    List<CSVRecord> records;
    try (CSVParser parser =
        CSVFormat.DEFAULT
            .builder()
            // blank lines are kept (and skipped below) so a row's number is its spreadsheet row
            .setIgnoreEmptyLines(false)
            .build()
            .parse(new StringReader(GrantCsv.decode(file)))) {
      records = parser.getRecords();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return fileProblem(Refusal.RESULT_FILE_UNREADABLE);
    }
    // A record is one spreadsheet row (a quoted line break stays in its cell): index + 1.
    int headerAt = 0;
    while (headerAt < records.size() && blank(records.get(headerAt))) {
      headerAt++;
    }
    if (headerAt == records.size()) {
      return fileProblem(Refusal.RESULT_FILE_UNREADABLE);
    }
    Map<String, Integer> columns = new HashMap<>();
    CSVRecord header = records.get(headerAt);
    for (int i = 0; i < header.size(); i++) {
      columns.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
    }
    if (!columns.keySet().containsAll(HEADER)) {
      return new Parsed(
          List.of(),
          List.of(new Problem(0, Refusal.RESULT_FILE_HEADER, List.of(String.join(",", HEADER)))));
    }
    List<Row> rows = new ArrayList<>();
    for (int r = headerAt + 1; r < records.size(); r++) {
      CSVRecord rec = records.get(r);
      if (blank(rec)) {
        continue;
      }
      if (rows.size() == MAX_ROWS) {
        return fileProblem(Refusal.RESULT_FILE_UNREADABLE); // too many rows
      }
      rows.add(
          new Row(
              r + 1,
              number(cell(rec, columns.get("line_id"))),
              cell(rec, columns.get("shop_code")),
              number(cell(rec, columns.get("amount_yen"))),
              cell(rec, columns.get("result")).toUpperCase(Locale.ROOT),
              cell(rec, columns.get("reason"))));
    }
    if (rows.isEmpty()) {
      return fileProblem(Refusal.RESULT_FILE_UNREADABLE); // no rows
    }
    return new Parsed(rows, List.of());
  }

  private static Parsed fileProblem(Refusal refusal) {
    return new Parsed(List.of(), List.of(new Problem(0, refusal, List.of())));
  }

  private static boolean blank(CSVRecord rec) {
    for (String value : rec) {
      if (!value.isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static String cell(CSVRecord rec, int i) {
    return i < rec.size() ? rec.get(i).strip() : "";
  }

  private static Long number(String s) {
    try {
      return Long.valueOf(s.replace(",", ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
