package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * #12 item 7, nightly page in Chromium: the administrator runs today's expiry job and sees
 * it completed with its progress; starting it again the same day shows the existing run (once per
 * day); the auditor sees the runs without the start buttons; the page passes the accessibility
 * check in Japanese and English. Robust to the time of day: the 00:10 timer may have run today's
 * expiry already, which the first start then shows.
 */
class NightlyBrowserIT {

  private Browser browser;

  @BeforeEach
  void startBrowser() {
    browser = new Browser("nightly", "ja");
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  @Test
  void administratorRunsTodaysExpiryOnceAndTheAuditorReadsIt_R13() {
    String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
    String row = "run-nightly-expiry-" + today;
    browser.open("admin", "/login.xhtml");
    browser.login("city-admin", PortalClient.PASSWORD);
    browser.open("admin", "/app/nightly.xhtml");
    assertTrue(browser.text("nightlyTitle").contains("夜間処理"));
    browser.click("startForm:startExpiry");
    String message = browser.text("messages");
    assertTrue(message.contains("期限切れ処理"), message);
    String runs = "";
    for (int i = 0; i < 50 && !runs.contains("完了"); i++) {
      browser.open("admin", "/app/nightly.xhtml");
      runs = browser.present(row) ? browser.text(row) : "";
    }
    assertTrue(runs.contains(today) && runs.contains("完了"), runs);
    browser.check("admin-nightly");

    // Once per day: a second start shows the day's run and starts nothing.
    browser.click("startForm:startExpiry");
    message = browser.text("messages");
    assertTrue(message.contains("すでにあります"), message);

    browser.forgetCookies();
    browser.open("admin", "/login.xhtml");
    browser.login("city-auditor", PortalClient.PASSWORD);
    browser.open("admin", "/app/nightly.xhtml");
    assertTrue(browser.present(row), "the auditor sees the runs");
    assertFalse(browser.present("startForm:startExpiry"), "only the administrator starts a run");
  }
}
