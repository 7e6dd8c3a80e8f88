package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;

/**
 * #11 item 6: the administrator publishes a notice to residents (ja/en, with a period), corrects it
 * and withdraws it; the residents' home page shows the corrected notice, then none. The auditor
 * reads the list and changes nothing. Every page is checked by axe-core in Japanese and English.
 */
class AdminNoticesBrowserIT {

  private static final Pattern NUMBER = Pattern.compile("お知らせ (\\d+)");
  private Browser browser;

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("notices-" + test.getTestMethod().orElseThrow().getName(), "ja");
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  private void logIn(String login) {
    browser.forgetCookies();
    browser.open("admin", "/app/home.xhtml");
    browser.login(login, PortalClient.PASSWORD);
    browser.open("admin", "/app/notices.xhtml");
  }

  private String noticeId() {
    Matcher m = NUMBER.matcher(browser.text("messagesRegion"));
    assertTrue(m.find(), browser.text("messagesRegion"));
    return m.group(1);
  }

  private void rowAction(String id, String action) {
    var button =
        browser
            .driver()
            .findElement(By.cssSelector("#notice-" + id + " input[id$=':" + action + "']"));
    button.click();
    browser.awaitGone(button);
  }

  private String residentHome() {
    browser.forgetCookies();
    browser.open("resident", "/app/home.xhtml");
    browser.login("hanako@example.jp", PortalClient.PASSWORD);
    return browser.text("notices");
  }

  @Test
  void aNoticeIsPublishedCorrectedAndWithdrawn() {
    logIn("city-admin");
    browser.check("notices");
    String run = Long.toString(System.nanoTime());
    browser.type("noticeForm:titleJa", "清掃活動のお知らせ " + run);
    browser.type("noticeForm:titleEn", "Clean-up day " + run);
    browser.type("noticeForm:bodyJa", "日曜日に河川敷の清掃を行います。");
    browser.type("noticeForm:bodyEn", "We clean the riverside on Sunday.");
    browser.click("noticeForm:save");
    String id = noticeId();
    assertTrue(browser.text("notice-" + id).contains("清掃活動のお知らせ " + run));
    browser.check("published");

    rowAction(id, "edit");
    browser.type("noticeForm:titleJa", "清掃活動(雨天中止)" + run);
    browser.click("noticeForm:save");
    String corrected = noticeId();
    assertFalse(browser.present("notice-" + id), "the corrected notice replaces it");
    browser.check("corrected");

    String home = residentHome();
    assertTrue(home.contains("清掃活動(雨天中止)" + run), home);
    assertFalse(home.contains("清掃活動のお知らせ " + run), home);

    logIn("city-auditor");
    assertTrue(browser.present("notice-" + corrected));
    assertFalse(browser.present("noticeForm:save"));
    assertTrue(
        browser.driver().findElements(By.cssSelector("#notice-" + corrected + " input")).isEmpty());
    browser.check("auditor");

    logIn("city-admin");
    rowAction(corrected, "withdraw");
    assertTrue(browser.text("messagesRegion").contains("取り下げました"), browser.text("messagesRegion"));
    assertFalse(browser.present("notice-" + corrected));
    assertFalse(residentHome().contains(run));
  }
}
