package org.jimoto.statement.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** a shop's statement as a Japanese PDF with its figures, the font embedded. */
class StatementPdfTest {

  /** Seed 000's ISECA calendar row: 令和6年4月1日から15日まで, paid 令和6年5月9日. */
  private static Statement seedStatement(List<Statement.Line> lines, long carriedOver) {
    return new Statement(
        "わかば市",
        "わかばコイン",
        "S-2024-0401-S0001-WAKABA",
        LocalDate.of(2024, 4, 16),
        "B0001",
        "わかば商店株式会社",
        "S0001",
        "わかば本店",
        LocalDate.of(2024, 4, 1),
        LocalDate.of(2024, 4, 15),
        LocalDate.of(2024, 4, 15),
        LocalDate.of(2024, 5, 9),
        "わかば銀行 本店 普通 ****567 ﾜｶﾊﾞｼｮｳﾃﾝ(ｶ",
        lines,
        carriedOver);
  }

  private static String text(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void theStatementShowsPeriodFiguresPayoutAndMaskedAccountInJapanese() throws Exception {
    Statement s =
        seedStatement(
            List.of(
                new Statement.Line("わかばコイン", 3, 4_500, 1, 1_000),
                new Statement.Line("わかばポイント", 2, 700, 0, 0)),
            2_000);
    // net = uses − use-cancels per line; R-55: the carried-over amount is added.
    assertEquals(4_200, s.useYen() - s.cancelYen());
    assertEquals(6_200, s.payableYen());

    byte[] pdf = StatementPdf.render(s);
    // Kept as build artefacts, to look at: the PDF and its first page as an image.
    java.nio.file.Files.write(java.nio.file.Path.of("target/statement-sample.pdf"), pdf);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      javax.imageio.ImageIO.write(
          new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 90),
          "png",
          new java.io.File("target/statement-sample.png"));
    }
    assertTrue(new String(pdf, 0, 5).startsWith("%PDF-"));
    String text = text(pdf);
    for (String expected :
        List.of(
            "精算明細書",
            "わかば本店(S0001)",
            "わかば商店株式会社(B0001)",
            "令和6年4月1日 〜 令和6年4月15日",
            "令和6年5月9日",
            "****567",
            "わかばコイン",
            "わかばポイント",
            "4,500",
            "1,000",
            "3,500",
            "5,200",
            "2,000",
            "6,200")) {
      assertTrue(text.contains(expected), () -> expected + " missing in:\n" + text);
    }
    assertFalse(text.contains("1234567"), "the account number is masked");

    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDPage page = doc.getPage(0);
      List<String> fonts = new ArrayList<>();
      for (var name : page.getResources().getFontNames()) {
        PDFont font = page.getResources().getFont(name);
        fonts.add(font.getName());
        assertTrue(font.isEmbedded(), font.getName() + " is embedded");
      }
      assertTrue(fonts.stream().anyMatch(f -> f.contains("IPAex")), fonts.toString());
    }
  }

  @Test
  void anUndecidedPayoutDateSaysSoAndManyLinesFlowOntoMorePages() throws Exception {
    List<Statement.Line> lines = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      lines.add(new Statement.Line("サービス" + i, i, i * 100L, 0, 0));
    }
    Statement s =
        new Statement(
            "わかば市",
            "わかばコイン",
            "S-2025-0301",
            LocalDate.of(2025, 3, 16),
            "B0001",
            "わかば商店株式会社",
            "S0001",
            "わかば本店",
            LocalDate.of(2025, 3, 1),
            LocalDate.of(2025, 3, 15),
            LocalDate.of(2025, 3, 15),
            null,
            null,
            lines,
            0);
    byte[] pdf = StatementPdf.render(s);
    String text = text(pdf);
    assertTrue(text.contains("未定"), text);
    assertTrue(text.contains("未登録"), text);
    assertTrue(text.contains("183,000"), text); // 100 × (1 + … + 60)
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertTrue(doc.getNumberOfPages() >= 2, "60 lines need a second page");
    }
  }

  /**
   * a failed transfer's statement pays nothing and says why and where the amount went;
   * the closing it went into shows it as 前回繰越, apart from that period's sales.
   */
  @Test
  void aFailedTransfersStatementSaysWhyAndWhereItWasCarried_R55_R73() throws Exception {
    Statement base = seedStatement(List.of(new Statement.Line("わかばコイン", 2, 1_800, 1, 300)), 0);
    Statement failed =
        new Statement(
            base.cityName(),
            base.currencyName(),
            base.statementNumber(),
            base.issuedOn(),
            base.businessCode(),
            base.businessName(),
            base.shopCode(),
            base.shopName(),
            base.periodFirst(),
            base.periodLast(),
            base.closeDate(),
            base.payoutDate(),
            base.bankAccount(),
            base.lines(),
            0,
            new Statement.Outcome(
                "CARRIED_OVER",
                "口座相違",
                LocalDate.of(2024, 4, 16),
                LocalDate.of(2024, 4, 30),
                LocalDate.of(2024, 5, 15)));
    assertEquals(1_500, failed.salesYen());
    assertEquals(0, failed.transferYen());
    assertEquals(1_500, failed.failedYen());
    String text = text(StatementPdf.render(failed));
    for (String expected :
        List.of("振込不能: 1,500円", "口座相違", "繰越先: 令和6年4月16日 〜 令和6年4月30日", "お支払日 令和6年5月15日")) {
      assertTrue(text.contains(expected), () -> expected + " missing in:\n" + text);
    }
    // Not yet carried: the next close will.
    Statement notYet =
        new Statement(
            base.cityName(),
            base.currencyName(),
            base.statementNumber(),
            base.issuedOn(),
            base.businessCode(),
            base.businessName(),
            base.shopCode(),
            base.shopName(),
            base.periodFirst(),
            base.periodLast(),
            base.closeDate(),
            base.payoutDate(),
            base.bankAccount(),
            base.lines(),
            0,
            new Statement.Outcome("FAILED", "口座なし", null, null, null));
    String notYetText = text(StatementPdf.render(notYet));
    assertTrue(notYetText.contains("次回の締めに繰り越します"), notYetText);
    assertFalse(notYetText.contains("繰越先"), notYetText);

    // The closing it went into: 300 of its own sales plus 1,500 carried in, 1,800 to transfer.
    Statement into = seedStatement(List.of(new Statement.Line("わかばコイン", 1, 300, 0, 0)), 1_500);
    assertEquals(300, into.salesYen());
    assertEquals(1_800, into.transferYen());
    String intoText = text(StatementPdf.render(into));
    assertTrue(intoText.contains("前回繰越額"), intoText);
    assertTrue(intoText.contains("1,800"), intoText);
    assertFalse(intoText.contains("振込不能"), intoText);
  }
}
