package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * #12 settlement page in Chromium: the administrator closes a long-past half month of the gift
 * certificates (no payments in it: other tests' demo data stays open), the run shows closed with
 * its lines; the page passes the accessibility check in Japanese and English.
 */
class SettlementBrowserIT {

  private Browser browser;

  @BeforeEach
  void startBrowser() {
    browser = new Browser("settlement", "ja");
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  @Test
  void administratorClosesAPeriodAndSeesItClosed_R53() throws Exception {
    browser.open("admin", "/login.xhtml");
    browser.login("city-admin", PortalClient.PASSWORD);
    browser.open("admin", "/app/settlement.xhtml");
    assertEquals("精算の締め", browser.text("settlementTitle"));
    // A date input takes typed keys in the browser's locale format; its value is ISO.
    browser.driver().executeScript("document.getElementById('closeForm:day').value = '2001-02-10'");
    new org.openqa.selenium.support.ui.Select(browser.element("closeForm:service"))
        .selectByValue("WAKABA_GIFT");
    browser.click("closeForm:closeNow");
    String runs = "";
    for (int i = 0; i < 50 && !runs.contains("2001-02-01 – 2001-02-15 2001-02-28 締め済み"); i++) {
      browser.open("admin", "/app/settlement.xhtml");
      runs = browser.text("runs");
    }
    assertTrue(runs.contains("2001-02-01 – 2001-02-15 2001-02-28 締め済み"), runs);
    browser.check("admin-settlement");

    // #12 results: the bank's result file is checked first; a row naming no transfer is
    // listed and nothing is recorded (no apply button).
    Path dir = Path.of("target", "settlement-files");
    Files.createDirectories(dir);
    Path bad = dir.resolve("result-" + System.nanoTime() + ".csv").toAbsolutePath();
    Files.writeString(
        bad,
        "line_id,shop_code,amount_yen,result,reason\n999999999,S0001,100,PAID,\n",
        StandardCharsets.UTF_8);
    browser
        .driver()
        .findElement(org.openqa.selenium.By.id("resultFileForm:resultFile"))
        .sendKeys(bad.toString());
    browser.click("resultFileForm:checkResultFile");
    String problems = browser.text("resultProblems");
    assertTrue(problems.contains("明細ID 999999999 は締め済みの振込ではありません"), problems);
    assertTrue(problems.contains("何も記録していません"), problems);
    assertTrue(!browser.present("applyResultForm:applyResultFile"));
    browser.check("admin-settlement-result-file");
  }

  /**
   * #12 item 6: the payout calendar is public (linked from the merchant login page, no login): each
   * service's next periods with their close and payout dates, in the Japanese era in Japanese; the
   * page passes the accessibility check in both languages.
   */
  @Test
  void thePayoutCalendarIsPublicAndLinkedFromTheLogin_R50() {
    browser.open("merchant", "/login.xhtml");
    browser.click("toPayoutCalendar");
    assertTrue(browser.path().endsWith("/merchant/payout-calendar.xhtml"), browser.path());
    assertEquals("支払スケジュール", browser.text("calendarTitle"));
    assertEquals(
        6,
        browser
            .driver()
            .findElements(org.openqa.selenium.By.cssSelector("#rows-WAKABA_COIN tbody tr"))
            .size());
    String coin = browser.text("rows-WAKABA_COIN");
    assertTrue(coin.contains("令和") && coin.contains("売上期間"), coin);
    browser.check("merchant-payout-calendar");
  }
}
