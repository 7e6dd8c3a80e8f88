package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;

/**
 * #11 item 7: the administrator creates a window clerk; its temporary password is
 * shown once; the clerk's first login must change it under the merchants' rules; the clerk cannot
 * open the staff page; the administrator resets the password and disables the clerk, and cannot
 * disable themself. Every page is checked by axe-core in Japanese and English.
 */
class StaffAccountsBrowserIT {

  private static final String NEW_PASSWORD = "Kumo-no-ue-de-2026-odoru";
  private Browser browser;

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("staff-" + test.getTestMethod().orElseThrow().getName(), "ja");
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  private String messages() {
    return browser.text("messagesRegion");
  }

  private void logInAsAdmin() {
    browser.forgetCookies();
    browser.open("admin", "/app/home.xhtml");
    browser.login("city-admin", PortalClient.PASSWORD);
    browser.open("admin", "/app/staff.xhtml");
    assertTrue(browser.path().endsWith("/admin/app/staff.xhtml"), browser.path());
  }

  private void rowAction(String login, String action) {
    var button =
        browser
            .driver()
            .findElement(By.cssSelector("[id='staff-" + login + "'] input[id$=':" + action + "']"));
    browser.driver().executeScript("arguments[0].scrollIntoView()", button);
    button.click();
    browser.awaitGone(button);
  }

  @Test
  void aClerkCreatedHereChangesTheTemporaryPasswordAtFirstLoginAndCanBeDisabled_R62() {
    logInAsAdmin();
    browser.check("staff");
    String login = "clerk-" + System.nanoTime();
    browser.type("newForm:loginName", login);
    browser.type("newForm:displayName", "窓口 次郎");
    browser.driver().findElement(By.cssSelector("input[value='CITY_CLERK']")).click();
    browser.click("newForm:create");
    assertTrue(messages().contains("職員アカウント " + login + " を作成しました"), messages());
    String temporary = browser.text("issuedPassword");
    assertTrue(temporary.length() >= 10, temporary);
    browser.check("staff-created");

    // The admin cannot disable themself.
    browser.type("listForm:reason", "テスト");
    rowAction("city-admin", "disable");
    assertTrue(messages().contains("自分のアカウントは利用停止できません"), messages());

    // The clerk's first login: only the password page, until it is changed.
    browser.forgetCookies();
    browser.open("admin", "/app/home.xhtml");
    browser.login(login, temporary);
    assertTrue(browser.path().endsWith("/app/password.xhtml"), browser.path());
    browser.type("passwordForm:current", temporary);
    browser.type("passwordForm:next", "password123");
    browser.type("passwordForm:confirmation", "password123");
    browser.click("passwordForm:submit");
    assertTrue(browser.path().endsWith("/app/password.xhtml"), "refused by the merchants' rules");
    browser.type("passwordForm:current", temporary);
    browser.type("passwordForm:next", NEW_PASSWORD);
    browser.type("passwordForm:confirmation", NEW_PASSWORD);
    browser.click("passwordForm:submit");
    assertTrue(browser.path().endsWith("/app/home.xhtml"), browser.path());
    // A clerk neither sees nor opens the staff page.
    assertTrue(browser.driver().findElements(By.cssSelector("a[href*='staff.xhtml']")).isEmpty());
    browser.open("admin", "/app/staff.xhtml");
    assertFalse(browser.present("newForm:loginName"));

    // Reset (a new temporary password) and disable.
    logInAsAdmin();
    browser.type("listForm:reason", "パスワードを忘れたため");
    rowAction(login, "reset");
    assertTrue(messages().contains(login + " に仮パスワードを再発行しました"), messages());
    assertTrue(browser.text("staff-" + login).contains("パスワード変更待ち"));
    browser.type("listForm:reason", "異動のため");
    rowAction(login, "disable");
    assertTrue(messages().contains(login + " を利用停止しました"), messages());
    assertTrue(browser.text("staff-" + login).contains("利用停止"));
    browser.check("staff-disabled");

    browser.forgetCookies();
    browser.open("admin", "/app/home.xhtml");
    browser.login(login, NEW_PASSWORD);
    assertTrue(browser.path().endsWith("/admin/login.xhtml"), browser.path());
  }
}
