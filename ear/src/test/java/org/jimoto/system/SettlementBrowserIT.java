package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void administratorClosesAPeriodAndSeesItClosed_R53() {
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
  }
}
