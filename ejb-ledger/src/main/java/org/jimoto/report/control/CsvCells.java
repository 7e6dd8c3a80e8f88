package org.jimoto.report.control;

/**
 * Cells of an exported CSV made safe to open in a spreadsheet (R-71, R-74; OWASP "CSV injection").
 *
 * <p>A text cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab, a carriage
 * return, a line feed or a NUL (OWASP ASVS 5.0 1.2.10) would be read by Excel as a formula (or as
 * the start of one): it gets a leading apostrophe, which Excel shows as text and does not display.
 * Number cells are not text: the ledger's amounts, balances, ids and flags are written as plain
 * numbers, never neutralised, so that a spreadsheet sums them and a (future) negative amount stays
 * the number -500 rather than the text '-500. A number the program formats cannot carry a formula,
 * so only text needs the guard.
 */
public final class CsvCells {

  private CsvCells() {}

  /** The text as a cell: neutralised if a spreadsheet would take it for a formula; null stays. */
  public static String text(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    return switch (value.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r', '\n', '\0' -> "'" + value;
      default -> value;
    };
  }
}
