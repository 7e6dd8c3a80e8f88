package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portals in headless Chromium ({@link Browser}): log in to each portal, switch the language, a
 * resident refused by the merchant portal, and the first visit's language from the browser's
 * Accept-Language. Every page opened is checked by axe-core and saved as screenshots, in Japanese
 * and English, at 360 and 1280 px.
 */
class PortalBrowserIT {

  private static Browser browser;

  @BeforeAll
  static void startBrowser() {
    browser = new Browser("portal", "ja");
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private static void open(String portal, String path) {
    browser.forgetCookies();
    browser.open(portal, path);
  }

  private static void login(String loginName) {
    browser.login(loginName, PortalClient.PASSWORD);
  }

  private static String textOf(String id) {
    return browser.text(id);
  }

  @Test
  void eachPortalLogsInAndShowsWhoIsLoggedIn() {
    String[][] cases = {
      {"resident", "hanako@example.jp", "山田 花子", "利用者"},
      {"merchant", "wakaba-owner", "株式会社わかば商店", "事業者"},
      {"merchant", "wakaba-honten", "わかば商店 本店", "店舗スタッフ"},
      {"admin", "city-admin", "若葉川市 管理者", "市 管理者"},
      {"admin", "city-auditor", "若葉川市 監査", "市 監査担当"},
    };
    for (String[] c : cases) {
      open(c[0], "/app/home.xhtml"); // protected: lands on the login page
      assertTrue(browser.path().endsWith("/" + c[0] + "/login.xhtml"), browser.path());
      if (List.of("hanako@example.jp", "wakaba-owner", "city-admin").contains(c[1])) {
        browser.check(c[0] + "-login");
      }
      login(c[1]);
      assertEquals("ようこそ、" + c[2] + " さん", textOf("welcome"), c[1]);
      assertEquals(c[1], textOf("loginName"));
      assertEquals(c[3], textOf("roles"));
      assertEquals(c[2], textOf("userName"));
      browser.check(c[0] + "-home-" + c[1].replaceAll("[^a-z-]", ""));
      browser.click("userForm:logout");
      assertTrue(textOf("loggedOut").contains("ログアウトしました"));
    }
  }

  @Test
  void languageSwitchesBetweenJapaneseAndEnglish() {
    open("resident", "/login.xhtml");
    assertEquals("ログイン", browser.element("loginForm:submit").getText());
    assertEquals("若葉川市", textOf("cityName"));
    browser.click("langForm:en");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(ExpectedConditions.textToBe(By.id("cityName"), "Wakabagawa City"));
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(ExpectedConditions.textToBe(By.id("portalTitle"), "Resident portal"));
    assertEquals("Log in", browser.element("loginForm:submit").getText());
    login("taro@example.jp");
    assertEquals("Welcome, 佐藤 太郎", textOf("welcome"));
    assertEquals("Resident", textOf("roles"));
    browser.click("langForm:ja");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(ExpectedConditions.textToBe(By.id("welcome"), "ようこそ、佐藤 太郎 さん"));
    browser.click("userForm:logout");
  }

  @Test
  void residentLoginIsRefusedByTheMerchantPortal() {
    open("merchant", "/login.xhtml");
    login("hanako@example.jp");
    assertEquals("ログインIDまたはパスワードが正しくありません。", textOf("messages").trim());
    assertTrue(browser.path().contains("/merchant/login.xhtml"));
    open("merchant", "/app/home.xhtml");
    assertTrue(browser.path().endsWith("/merchant/login.xhtml"));
  }

  /** The first page a browser sees is in its language: English for an English browser. */
  @Test
  void aFirstVisitFollowsTheBrowsersLanguage() {
    try (var english = new Browser("portal-en", "en-US,en")) {
      english.open("merchant", "/login.xhtml");
      assertEquals("en", english.language());
      assertEquals("Log in", english.element("loginForm:submit").getText());
      assertEquals("Merchant portal", english.text("portalTitle"));
    }
    open("merchant", "/login.xhtml"); // the Japanese browser
    assertEquals("ja", browser.language());
    assertEquals("加盟店ポータル", textOf("portalTitle"));
  }
}
