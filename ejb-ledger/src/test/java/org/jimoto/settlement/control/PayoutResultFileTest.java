package org.jimoto.settlement.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jimoto.ledger.boundary.Refusal;
import org.junit.jupiter.api.Test;

/** The bank's result file as read before it is checked against the lines (#12 item 5, R-55). */
class PayoutResultFileTest {

  @Test
  void readsRowsInShiftJisWithColumnsInAnyOrderAndQuotedAmounts() {
    String csv =
        "result,line_id,amount_yen,shop_code,reason\r\n"
            + "paid,1050,\"2,000\",S0001,\r\n"
            + "FAILED,1100,1000,S0002,口座相違\r\n"
            + "PAID,x,12,S0003,\r\n";
    var parsed = PayoutResultFile.parse(csv.getBytes(Charset.forName("Windows-31J")));
    assertEquals(List.of(), parsed.problems());
    assertEquals(
        new PayoutResultFile.Row(2, 1050L, "S0001", 2_000L, "PAID", ""), parsed.rows().get(0));
    assertEquals(
        new PayoutResultFile.Row(3, 1100L, "S0002", 1_000L, "FAILED", "口座相違"),
        parsed.rows().get(1));
    assertNull(parsed.rows().get(2).lineId());
  }

  @Test
  void aFileWithoutTheHeaderOrRowsIsRefusedWhole() {
    var noHeader =
        PayoutResultFile.parse("1050,S0001,2000,PAID,\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(Refusal.RESULT_FILE_HEADER, noHeader.problems().get(0).refusal());
    assertTrue(
        noHeader
            .problems()
            .get(0)
            .message(Locale.JAPANESE)
            .contains("line_id,shop_code,amount_yen,result,reason"));
    var headerOnly =
        PayoutResultFile.parse(
            "line_id,shop_code,amount_yen,result,reason\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(Refusal.RESULT_FILE_UNREADABLE, headerOnly.problems().get(0).refusal());
    assertEquals(
        Refusal.RESULT_FILE_UNREADABLE,
        PayoutResultFile.parse(new byte[0]).problems().get(0).refusal());
  }

  /**
   * #12 payout: a problem names the row as the admin sees it in a spreadsheet: the header is row 1,
   * a blank line is a row, a quoted line break stays in its cell.
   */
  @Test
  void rowNumbersAreSpreadsheetRowsWithTheHeaderAsRow1() {
    String csv =
        "line_id,shop_code,amount_yen,result,reason\n"
            + "1050,S0001,2000,PAID,\n"
            + "\n"
            + "1100,S0002,1000,FAILED,\"口座\n相違\"\n"
            + "1200,S0003,500,PAID,\n";
    var parsed = PayoutResultFile.parse(csv.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), parsed.problems());
    assertEquals(
        List.of(2, 4, 5), parsed.rows().stream().map(PayoutResultFile.Row::number).toList());
    assertEquals("口座\n相違", parsed.rows().get(1).reason());
  }

  @Test
  void aRowProblemNamesItsRowInBothLanguages() {
    var p = new PayoutResultFile.Problem(3, Refusal.RESULT_ROW_CODE, List.of("OK"));
    assertEquals("3行目: 結果 OK は PAID または FAILED で指定してください。", p.message(Locale.JAPANESE));
    assertEquals("Row 3: Result OK must be PAID or FAILED.", p.message(Locale.ENGLISH));
  }
}
