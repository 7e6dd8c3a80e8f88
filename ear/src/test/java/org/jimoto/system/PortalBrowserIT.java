package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portals in headless Chromium (Debian's chromium + chromium-driver, never a downloaded
 * browser): log in to each portal, switch the language, and a resident refused by the merchant
 * portal.
 */
class PortalBrowserIT {

  private static WebDriver browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    Path chromium = Path.of(System.getProperty("jimoto.it.chromium", "/usr/bin/chromium"));
    Path driver = Path.of(System.getProperty("jimoto.it.chromedriver", "/usr/bin/chromedriver"));
    if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
      throw new IllegalStateException(
          "Browser tests need Debian's chromium and chromium-driver ("
              + chromium
              + ", "
              + driver
              + "). Run the tests with ./jimoto test, which installs them.");
    }
    var options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--lang=ja",
        "--window-size=1280,900",
        "--user-data-dir=" + Files.createTempDirectory("jimoto-chromium"));
    // A Japanese browser: the first page follows Accept-Language (#8), which --lang does not set.
    options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "ja"));
    var service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private static void open(String portal, String path) {
    browser.manage().deleteAllCookies();
    browser.get(PortalClient.BASE_URL + "/" + portal + path);
  }

  private static void login(String loginName) {
    browser.findElement(By.id("loginForm:loginName")).sendKeys(loginName);
    browser.findElement(By.id("loginForm:password")).sendKeys(PortalClient.PASSWORD);
    browser.findElement(By.id("loginForm:submit")).click();
  }

  private static String textOf(String id) {
    return new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)))
        .getText();
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
      assertTrue(
          browser.getCurrentUrl().endsWith("/" + c[0] + "/login.xhtml"), browser.getCurrentUrl());
      login(c[1]);
      assertEquals("ようこそ、" + c[2] + " さん", textOf("welcome"), c[1]);
      assertEquals(c[1], textOf("loginName"));
      assertEquals(c[3], textOf("roles"));
      assertEquals(c[2], textOf("userName"));
      browser.findElement(By.id("userForm:logout")).click();
      assertTrue(textOf("loggedOut").contains("ログアウトしました"));
    }
  }

  @Test
  void languageSwitchesBetweenJapaneseAndEnglish() {
    open("resident", "/login.xhtml");
    assertEquals("ログイン", browser.findElement(By.id("loginForm:submit")).getText());
    assertEquals("若葉川市", textOf("cityName"));
    browser.findElement(By.id("langForm:en")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.textToBe(By.id("cityName"), "Wakabagawa City"));
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.textToBe(By.id("portalTitle"), "Resident portal"));
    assertEquals("Log in", browser.findElement(By.id("loginForm:submit")).getText());
    login("taro@example.jp");
    assertEquals("Welcome, 佐藤 太郎", textOf("welcome"));
    assertEquals("Resident", textOf("roles"));
    browser.findElement(By.id("langForm:ja")).click();
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(ExpectedConditions.textToBe(By.id("welcome"), "ようこそ、佐藤 太郎 さん"));
    browser.findElement(By.id("userForm:logout")).click();
  }

  @Test
  void residentLoginIsRefusedByTheMerchantPortal() {
    open("merchant", "/login.xhtml");
    login("hanako@example.jp");
    assertEquals("ログインIDまたはパスワードが正しくありません。", textOf("messages").trim());
    assertTrue(browser.getCurrentUrl().contains("/merchant/login.xhtml"));
    open("merchant", "/app/home.xhtml");
    assertTrue(browser.getCurrentUrl().endsWith("/merchant/login.xhtml"));
  }
}
