package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The city's dashboard (issue #11 item 8) in headless Chromium: the outstanding balances, the daily
 * chart, the ledger check run from its button, and the unused-balance CSV at a base date, whose
 * totals equal the page's outstanding balance when the base date is today. Every page is checked by
 * axe-core and saved as screenshots, in Japanese and English.
 */
class DashboardBrowserIT {

  private static Browser browser;

  @BeforeAll
  static void startBrowser() {
    browser = new Browser("dashboard", "ja");
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private static long yen(String shown) {
    return Long.parseLong(shown.replace(",", "").trim());
  }

  @Test
  void anAuditorRunsTheLedgerCheckAndDownloadsTheUnusedBalanceAtABaseDate() throws Exception {
    browser.forgetCookies();
    browser.open("admin", "/app/dashboard.xhtml");
    browser.login("city-auditor", PortalClient.PASSWORD);
    browser.open("admin", "/app/dashboard.xhtml");
    assertEquals("ダッシュボード", browser.text("dashboardTitle"));
    assertTrue(browser.present("dailyChart"), "the daily chart");
    browser.check("admin-dashboard");

    browser.click("checkForm:runCheck");
    assertEquals("最後の検証: 不整合なし", browser.text("checkOutcome"));
    assertTrue(browser.text("checkResult").contains("city-auditor"), browser.text("checkResult"));

    // A base date in the future is refused with its message, and changes nothing.
    String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
    String tomorrow = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1).toString();
    browser
        .driver()
        .executeScript(
            "document.getElementById('unusedForm:baseDate').value = arguments[0];", tomorrow);
    browser.click("unusedForm:chooseBaseDate");
    assertTrue(browser.text("unusedForm").contains("基準日は今日以前の日付"), browser.text("unusedForm"));
    Browser.Download refused =
        browser.fetch(
            browser
                .element("unusedCsv")
                .getAttribute("href")
                .replaceAll("date=.*", "date=" + tomorrow));
    assertEquals(400, refused.status());

    // Today's unused balance is what the wallets hold now (nothing is dated later in the demo).
    browser
        .driver()
        .executeScript(
            "document.getElementById('unusedForm:baseDate').value = arguments[0];", today);
    browser.click("unusedForm:chooseBaseDate");
    String link = browser.element("unusedCsv").getAttribute("href");
    assertTrue(link.endsWith("date=" + today), link);
    Browser.Download csv = browser.fetch(link);
    assertEquals(200, csv.status());
    assertEquals(0xEF, csv.body()[0] & 0xFF, "byte-order mark");
    List<CSVRecord> rows =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .build()
            .parse(
                new StringReader(
                    new String(csv.body(), 3, csv.body().length - 3, StandardCharsets.UTF_8)))
            .getRecords();
    CSVRecord coin =
        rows.stream()
            .filter(r -> r.get("serviceId").equals("WAKABA_COIN"))
            .findFirst()
            .orElseThrow();
    assertEquals(today, coin.get("baseDate"));
    assertEquals(yen(browser.text("total-WAKABA_COIN")), Long.parseLong(coin.get("totalValue")));
    assertEquals(yen(browser.text("paid-WAKABA_COIN")), Long.parseLong(coin.get("paidValue")));
    assertEquals("TOTAL", rows.get(rows.size() - 1).get("serviceId"));
    browser.check("admin-dashboard-checked");
  }
}
