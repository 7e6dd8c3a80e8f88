package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * Merchant accounts in the browser (#9 item 1, R-61, R-62): the first login's forced password
 * change, the 90-day warning, "keep me signed in" for tills, several devices on one shop account,
 * and the header and menu on a phone. Every page is checked by axe-core and saved as screenshots in
 * Japanese and English at 360 and 1280 px ({@link Browser#check}).
 */
class MerchantAccountBrowserIT {

  private static final String REMEMBER = "jimoto_remember";
  private static final String NEW_PASSWORD = "kawase-bridge-7716";

  private Browser browser;

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("merchant-" + test.getTestMethod().orElseThrow().getName(), "ja");
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  private void logIn(String loginName, String password, boolean remember) {
    browser.open("merchant", "/app/home.xhtml"); // protected: the login page
    assertTrue(browser.path().endsWith("/merchant/login.xhtml"), browser.path());
    if (remember) {
      browser.element("loginForm:remember").findElement(By.className("ui-chkbox-box")).click();
    }
    browser.login(loginName, password);
  }

  private String rememberCookie() {
    Cookie cookie = browser.driver().manage().getCookieNamed(REMEMBER);
    return cookie == null ? null : cookie.getValue();
  }

  /** The session ends as if the browser had been closed or the session had expired. */
  private void dropSession() {
    for (Cookie c : browser.driver().manage().getCookies()) {
      if (!REMEMBER.equals(c.getName())) {
        browser.driver().manage().deleteCookie(c);
      }
    }
  }

  /**
   * R-62: a newly issued shop account sees only the password page until it sets a new password;
   * "keep me signed in", ticked at that first login, takes effect with the permanent password (no
   * token for the issued one, #11 review 2).
   */
  @Test
  void firstLoginForcesAPasswordChange_R62() {
    logIn("wakaba-ekimae-new", PortalClient.PASSWORD, true);
    assertTrue(browser.path().endsWith("/app/password.xhtml"), browser.path());
    assertEquals("はじめてのログインです。続けるには、パスワードを変更してください。", browser.text("mustChange"));
    // No token while the issued password is unchanged (R-62: it would outlive its 7 days); the
    // wish is kept for after the change.
    assertNull(rememberCookie(), "no keep-me-signed-in token before the change");
    browser.check("password-first-login");

    browser.open("merchant", "/app/home.xhtml");
    assertTrue(browser.path().endsWith("/app/password.xhtml"), "home stays closed");

    browser.type("passwordForm:current", PortalClient.PASSWORD);
    browser.type("passwordForm:next", "password123");
    browser.type("passwordForm:confirmation", "password123");
    browser.click("passwordForm:submit");
    assertEquals("よく使われている、または推測されやすいパスワードです。別のものにしてください。", browser.text("messages").trim());
    browser.screenshot("password-refused");

    browser.type("passwordForm:current", PortalClient.PASSWORD);
    browser.type("passwordForm:next", NEW_PASSWORD);
    browser.type("passwordForm:confirmation", NEW_PASSWORD);
    browser.click("passwordForm:submit");
    assertTrue(browser.path().endsWith("/app/home.xhtml"), browser.path());
    assertEquals("パスワードを変更しました。", browser.text("messages").trim());
    assertEquals("ようこそ、わかば商店 駅前店 (新規発行) さん", browser.text("welcome"));
    browser.check("home-after-change");

    String after = rememberCookie();
    assertNotNull(after, "this till stays signed in");
    // Asked for at the first login, given with the permanent password: a restarted till is in.
    dropSession();
    browser.driver().manage().addCookie(new Cookie(REMEMBER, after, "/merchant"));
    browser.open("merchant", "/app/home.xhtml");
    assertEquals("ようこそ、わかば商店 駅前店 (新規発行) さん", browser.text("welcome"));

    // A later change ends every token: this till stays signed in with a new one, the old is dead.
    browser.open("merchant", "/app/password.xhtml");
    browser.type("passwordForm:current", NEW_PASSWORD);
    browser.type("passwordForm:next", NEW_PASSWORD + "-2");
    browser.type("passwordForm:confirmation", NEW_PASSWORD + "-2");
    browser.click("passwordForm:submit");
    assertTrue(browser.path().endsWith("/app/home.xhtml"), browser.path());
    String renewed = rememberCookie();
    assertNotNull(renewed, "this till stays signed in");
    assertNotEquals(after, renewed, "with a new token");
    dropSession();
    browser.driver().manage().addCookie(new Cookie(REMEMBER, after, "/merchant"));
    browser.open("merchant", "/app/home.xhtml");
    assertTrue(browser.path().endsWith("/merchant/login.xhtml"), browser.path());
    assertNull(rememberCookie(), "the dead token's cookie is dropped");
    browser.driver().manage().addCookie(new Cookie(REMEMBER, renewed, "/merchant"));
    browser.open("merchant", "/app/home.xhtml");
    assertEquals("ようこそ、わかば商店 駅前店 (新規発行) さん", browser.text("welcome"));
  }

  /** R-62: a password older than 90 days is warned about on every page until it is changed. */
  @Test
  void aPasswordOlderThan90DaysIsWarnedAboutUntilChanged_R62() {
    logIn("wakaba-honten-old", PortalClient.PASSWORD, false);
    assertTrue(browser.path().endsWith("/app/home.xhtml"), browser.path());
    assertTrue(browser.text("passwordAge").startsWith("パスワードを90日以上変更していません。"));
    browser.check("home-password-warning");
    // Any page of the portal carries it: the language switch re-renders, the menu's home link too.
    browser.language("en");
    assertTrue(
        browser.text("passwordAge").startsWith("Your password has not been changed for more"));
    browser.language("ja");
    browser.click("changePassword");
    assertTrue(browser.path().endsWith("/app/password.xhtml"), browser.path());
    assertFalse(browser.present("passwordAge"), "the password page itself says what to do");
    browser.check("password-change");
    browser.type("passwordForm:current", PortalClient.PASSWORD);
    browser.type("passwordForm:next", NEW_PASSWORD);
    browser.type("passwordForm:confirmation", NEW_PASSWORD);
    browser.click("passwordForm:submit");
    assertTrue(browser.path().endsWith("/app/home.xhtml"), browser.path());
    assertFalse(browser.present("passwordAge"), "no warning once changed");
  }

  /**
   * #9 item 1: a till that ticked "keep me signed in" stays signed in when its session cookie is
   * gone (browser restarted, session expired); a second device uses the same shop account at the
   * same time (seed 001 FAQ 2); logging out ends that device's token only.
   */
  @Test
  void keepMeSignedInSurvivesAClearedSessionCookie() throws Exception {
    logIn("wakaba-honten", PortalClient.PASSWORD, true);
    assertEquals("ようこそ、わかば商店 本店 さん", browser.text("welcome"));
    Cookie cookie = browser.driver().manage().getCookieNamed(REMEMBER);
    assertNotNull(cookie);
    assertTrue(cookie.isHttpOnly(), "not readable by scripts");
    assertEquals("Lax", cookie.getSameSite(), "not sent with another site's form posts");
    assertEquals("/merchant", cookie.getPath(), "the merchant portal's only");
    assertNotNull(cookie.getExpiry(), "outlives the browser session");

    dropSession();
    browser.open("merchant", "/app/home.xhtml");
    assertEquals("ようこそ、わかば商店 本店 さん", browser.text("welcome"), "still signed in");

    // A second device on the same shop account, at the same time.
    var tablet = new PortalClient("merchant");
    tablet.login("wakaba-honten", PortalClient.PASSWORD);
    assertTrue(tablet.last().url().getPath().endsWith("/app/home.xhtml"));
    browser.open("merchant", "/app/home.xhtml");
    assertEquals("ようこそ、わかば商店 本店 さん", browser.text("welcome"), "the first still works");
    assertEquals(200, tablet.getWithoutRedirect("/app/home.xhtml").statusCode());

    browser.click("userForm:logout");
    assertNull(rememberCookie(), "logout drops the cookie");
    browser.driver().manage().addCookie(new Cookie(REMEMBER, cookie.getValue(), "/merchant"));
    browser.open("merchant", "/app/home.xhtml");
    assertTrue(browser.path().endsWith("/merchant/login.xhtml"), "and its token is revoked");
    assertEquals(
        200, tablet.getWithoutRedirect("/app/home.xhtml").statusCode(), "the other device stays");
  }

  /** A business account may not stay signed in (it reaches every shop and the payouts). */
  @Test
  void onlyShopAccountsStaySignedIn() {
    logIn("wakaba-owner", PortalClient.PASSWORD, true);
    assertEquals("ようこそ、株式会社わかば商店 さん", browser.text("welcome"));
    assertEquals("ログインしたままにできるのは店舗アカウントだけです。次回もログインが必要です。", browser.text("messages").trim());
    assertNull(rememberCookie());
    assertEquals(List.of("S0001", "S0002"), shopCodes(), "R-61: all shops of the business");
    browser.click("userForm:logout");
    logIn("wakaba-ekimae", PortalClient.PASSWORD, false);
    assertEquals(List.of("S0002"), shopCodes(), "a shop account: its own shop");
  }

  private List<String> shopCodes() {
    return browser.driver().findElements(By.cssSelector("#shops tbody tr td:first-child")).stream()
        .map(WebElement::getText)
        .toList();
  }

  /**
   * On a phone (360 px) the header's names, language links and menu button each stay on one line
   * and the page does not scroll sideways; the menu folds out with the navigation and a one-line
   * logout button. On a PC (1280 px) it is one row without a menu button.
   */
  @Test
  void theHeaderAndMenuFitAPhone() {
    browser.width(Browser.PHONE);
    logIn("wakaba-honten", PortalClient.PASSWORD, false);
    assertEquals("ようこそ、わかば商店 本店 さん", browser.text("welcome"));
    for (String lang : List.of("ja", "en")) {
      browser.language(lang);
      assertFalse(browser.element("menuButton").getAttribute("aria-expanded").equals("true"));
      assertFalse(browser.driver().findElement(By.id("menu")).isDisplayed(), "folded");
      for (String id :
          List.of("cityName", "currencyName", "portalTitle", "langForm", "menuButton")) {
        assertEquals(1, lines(id), lang + " #" + id + " on one line");
      }
      assertNoSidewaysScroll(lang);
      browser.click("menuButton");
      assertEquals("true", browser.element("menuButton").getAttribute("aria-expanded"));
      assertTrue(browser.element("nav-home").isDisplayed());
      assertTrue(browser.element("nav-password").isDisplayed());
      assertEquals("page", browser.element("nav-home").getAttribute("aria-current"));
      WebElement logout = browser.element("userForm:logout");
      assertEquals(1, lines("userForm:logout"), lang + ": the logout label on one line");
      assertTrue(
          logout.getSize().getHeight() < 48, "logout " + logout.getSize().getHeight() + " px");
      assertNoSidewaysScroll(lang);
      browser.screenshot("menu-open");
      assertTrue(browser.axeViolations().isEmpty(), () -> browser.axeViolations().toString());
      browser.click("menuButton");
      assertFalse(browser.driver().findElement(By.id("menu")).isDisplayed(), "folded again");
    }
    browser.language("ja");
    browser.width(Browser.DESKTOP);
    assertFalse(browser.driver().findElement(By.id("menuButton")).isDisplayed());
    assertTrue(browser.element("nav-home").isDisplayed());
    int headerHeight =
        browser.driver().findElement(By.className("jm-header")).getSize().getHeight();
    // With the whole merchant menu (#9) the header is the brand row and the menu row: never more.
    assertTrue(headerHeight < 90, "at most two rows on a PC: " + headerHeight + " px");
    assertEquals(1, lines("userForm:logout"));
    browser.check("home");
  }

  /** How many lines the element's visible text takes: its height in lines of its text. */
  private long lines(String id) {
    Object n =
        browser
            .driver()
            .executeScript(
                "const el = document.getElementById(arguments[0]);"
                    + "let top = Infinity, bottom = -Infinity, line = 0;"
                    + "const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);"
                    + "while (walk.nextNode()) {"
                    + "  const t = walk.currentNode;"
                    + "  if (!t.textContent.trim() || t.parentElement.closest('.jm-visually-hidden'))"
                    + "    continue;"
                    + "  const r = document.createRange(); r.selectNodeContents(t);"
                    + "  for (const box of r.getClientRects()) {"
                    + "    top = Math.min(top, box.top); bottom = Math.max(bottom, box.bottom);"
                    + "    line = Math.max(line, box.height);"
                    + "  }"
                    + "}"
                    + "return line ? Math.round((bottom - top) / line) : 0;",
                id);
    return ((Number) n).longValue();
  }

  private void assertNoSidewaysScroll(String lang) {
    Number width =
        (Number) browser.driver().executeScript("return document.documentElement.scrollWidth");
    assertTrue(width.intValue() <= Browser.PHONE, lang + ": page is " + width + " px wide");
  }
}
