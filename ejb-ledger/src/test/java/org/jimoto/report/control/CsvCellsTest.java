package org.jimoto.report.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CsvCellsTest {

  @Test
  void cellsAFormulaCouldStartWithGetAnApostrophe_R71() {
    assertEquals("'=HYPERLINK(\"http://x\")", CsvCells.text("=HYPERLINK(\"http://x\")"));
    assertEquals("'+1+2", CsvCells.text("+1+2"));
    assertEquals("'-2+3", CsvCells.text("-2+3"));
    assertEquals("'@SUM(A1)", CsvCells.text("@SUM(A1)"));
    assertEquals("'\t=1", CsvCells.text("\t=1"));
    assertEquals("'\r=1", CsvCells.text("\r=1"));
    assertEquals("'\n=1", CsvCells.text("\n=1"));
    assertEquals("'\0=1", CsvCells.text("\0=1"));
  }

  @Test
  void otherTextIsLeftAsItIs() {
    assertEquals("わかば商店 本店", CsvCells.text("わかば商店 本店"));
    assertEquals("a=b", CsvCells.text("a=b"));
    assertEquals("2023/09/12 14:03:41", CsvCells.text("2023/09/12 14:03:41"));
    assertEquals("", CsvCells.text(""));
    assertNull(CsvCells.text(null));
  }
}
