package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium for the portal tests (never a browser a tool downloads), with what every
 * browser test of a page needs:
 *
 * <ul>
 *   <li>the window width of a phone at the till ({@link #PHONE}, 360 px, as a mobile device) or of
 *       a PC ({@link #DESKTOP}, 1280 px);
 *   <li>the browser's language (its Accept-Language, for a first visit) and the portal's language
 *       switch;
 *   <li>{@link #check}: the current page in Japanese and English, each at both widths, is run
 *       through axe-core (the engine comes from the build, Deque's jar, injected into the page) and
 *       saved as a PNG under {@code ear/target/screenshots/test-page-lang-width.png}, which CI
 *       keeps; any violation of impact serious or critical fails the test, listed in the message.
 * </ul>
 */
final class Browser implements AutoCloseable {

  static final int PHONE = 360;
  static final int DESKTOP = 1280;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("jimoto.it.screenshots", "target/screenshots"));

  private static String axeSource;

  private final ChromeDriver driver;
  private final String test;
  private int width = DESKTOP;

  /**
   * A browser whose Accept-Language is {@code language}: tags separated by commas, without q-values
   * (Chromium adds them).
   *
   * @param test names the screenshots (the test method, short)
   */
  Browser(String test, String language) {
    this.test = test;
    Path chromium = Path.of(System.getProperty("jimoto.it.chromium", "/usr/bin/chromium"));
    Path chromedriver =
        Path.of(System.getProperty("jimoto.it.chromedriver", "/usr/bin/chromedriver"));
    if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      throw new IllegalStateException(
          "Browser tests need Debian's chromium and chromium-driver ("
              + chromium
              + ", "
              + chromedriver
              + "). Run the tests with ./jimoto test, which installs them.");
    }
    var options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    try {
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
          "--hide-scrollbars",
          // The QR camera pages get Chromium's built-in test camera, granted without a prompt.
          "--use-fake-ui-for-media-stream",
          "--use-fake-device-for-media-stream",
          "--lang=" + language,
          "--window-size=1280,900",
          "--user-data-dir=" + Files.createTempDirectory("jimoto-chromium"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    // The first page follows Accept-Language (#8). Neither --lang nor the intl.accept_languages
    // preference reaches the header in headless mode, so it is set through DevTools.
    driver.executeCdpCommand(
        "Network.setUserAgentOverride",
        Map.of(
            "userAgent",
            String.valueOf(driver.executeScript("return navigator.userAgent")),
            "acceptLanguage",
            language));
    width(DESKTOP);
  }

  @Override
  public void close() {
    driver.quit();
  }

  ChromeDriver driver() {
    return driver;
  }

  // ------------------------------------------------------------------ navigation and elements

  /** Opens a page of a portal, e.g. {@code open("merchant", "/app/home.xhtml")}. */
  void open(String portal, String path) {
    driver.get(PortalClient.BASE_URL + "/" + portal + path);
  }

  /** A new visitor: no cookies of any portal. */
  void forgetCookies() {
    driver.manage().deleteAllCookies();
  }

  /**
   * Logs in on the login page shown. A resident with a confirmed phone then gets the SMS code step
   * (R-90): the code is read from the SMS simulator's page and typed, as the resident would.
   */
  void login(String loginName, String password) {
    type("loginForm:loginName", loginName);
    type("loginForm:password", password);
    click("loginForm:submit");
    if (path().endsWith("/resident/login-code.xhtml")) {
      enterSmsCode();
    }
  }

  /** On the resident portal's code page: types the code of the newest SMS to the shown phone. */
  void enterSmsCode() {
    type("codeForm:code", SmsInbox.newestCodeTo(text("codePhone")));
    click("codeForm:submit");
  }

  /** The visible element; if it does not show, the failure names the page and saves it. */
  WebElement element(String id) {
    try {
      return new WebDriverWait(driver, WAIT)
          .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    } catch (org.openqa.selenium.TimeoutException e) {
      Path shot = screenshot("FAILED-" + id.replace(':', '_'));
      throw new AssertionError(
          "#"
              + id
              + " not shown on "
              + driver.getCurrentUrl()
              + " (screenshot "
              + shot
              + "):\n"
              + driver.findElement(By.tagName("body")).getText(),
          e);
    }
  }

  String text(String id) {
    return element(id).getText();
  }

  boolean present(String id) {
    return !driver.findElements(By.id(id)).isEmpty();
  }

  void type(String id, String text) {
    WebElement input = element(id);
    input.clear();
    input.sendKeys(text);
  }

  /** Clicks and, if the click leaves the page, waits for the next one. */
  void click(String id) {
    WebElement before = driver.findElement(By.tagName("html"));
    element(id).click();
    try {
      new WebDriverWait(driver, Duration.ofSeconds(2)).until(d -> isGone(before));
    } catch (org.openqa.selenium.TimeoutException stayed) {
      return; // an in-page action (the menu button)
    }
    waitForPage();
  }

  /** Waits (at most 20 s) until {@code element} left the document: its page was replaced. */
  void awaitGone(WebElement element) {
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> isGone(element));
  }

  /**
   * Whether an element left the document. Chromium answers a node of a replaced document either as
   * stale or with "Node with given id does not belong to the document": both mean gone.
   */
  private static boolean isGone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (org.openqa.selenium.WebDriverException gone) {
      return true;
    }
  }

  String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  private void waitForPage() {
    new WebDriverWait(driver, WAIT)
        .until(d -> "complete".equals(driver.executeScript("return document.readyState")));
  }

  // ------------------------------------------------------------------ width and language

  /** The viewport width in CSS px; below 800 as a mobile device (the page's viewport meta). */
  void width(int px) {
    width = px;
    metrics(px == PHONE ? 780 : 900);
  }

  int width() {
    return width;
  }

  private void metrics(long height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 800));
  }

  /** The page's language, from {@code <html lang>}. */
  String language() {
    return driver.findElement(By.tagName("html")).getAttribute("lang");
  }

  /** Switches with the portal's language links (a no-op if already so). */
  void language(String language) {
    if (language.equals(language())) {
      return;
    }
    // On a phone the links stay in the header bar, outside the folded menu.
    click("langForm:" + language);
    new WebDriverWait(driver, WAIT)
        .until(d -> language.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
  }

  // ------------------------------------------------------------------ axe-core and screenshots

  /**
   * The current page in Japanese and English, each at 360 and 1280 px: screenshot and axe-core.
   * Leaves the page in the language and width it had.
   */
  void check(String page) {
    String language = language();
    int width = this.width;
    List<String> failures = new ArrayList<>();
    for (String lang : List.of("ja", "en")) {
      language(lang);
      for (int w : List.of(PHONE, DESKTOP)) {
        width(w);
        screenshot(page);
        for (String violation : axeViolations()) {
          failures.add(page + " " + lang + " " + w + "px: " + violation);
        }
      }
    }
    width(width);
    language(language);
    if (!failures.isEmpty()) {
      fail("axe-core: serious or critical violations\n" + String.join("\n", failures));
    }
  }

  /** Saves the whole page, as now shown, as test-page-lang-width.png. */
  Path screenshot(String page) {
    long height =
        ((Number)
                driver.executeScript(
                    "return Math.max(document.documentElement.scrollHeight,"
                        + " document.body.scrollHeight)"))
            .longValue();
    long viewport = width == PHONE ? 780 : 900;
    metrics(Math.max(height, viewport));
    try {
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(test + "-" + page + "-" + language() + "-" + width + ".png");
      Files.write(file, png);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      metrics(viewport);
    }
  }

  /** axe-core's violations of impact serious or critical on the current page, one line each. */
  @SuppressWarnings("unchecked")
  List<String> axeViolations() {
    if (!Boolean.TRUE.equals(driver.executeScript("return typeof axe === 'object'"))) {
      driver.executeScript(axeSource());
    }
    Object result =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,"
                + " help: v.help, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
                + ".catch(e => done('axe failed: ' + e));");
    if (result instanceof String error) {
      throw new IllegalStateException(error);
    }
    List<String> lines = new ArrayList<>();
    for (Map<String, Object> v : (List<Map<String, Object>>) result) {
      if (FAILING_IMPACTS.contains(String.valueOf(v.get("impact")))) {
        lines.add(
            v.get("impact") + " " + v.get("id") + " (" + v.get("help") + "): " + v.get("targets"));
      }
    }
    return lines;
  }

  private static synchronized String axeSource() {
    if (axeSource == null) {
      try (InputStream in = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
        if (in == null) {
          throw new IllegalStateException(
              "axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
        }
        axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return axeSource;
  }

  /** A download: its HTTP status, content type and bytes. */
  record Download(int status, String contentType, byte[] body) {}

  /** A link fetched in the logged-in browser (its session), as a download is. */
  Download fetch(String url) {
    Object result =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {credentials: 'same-origin'})"
                + ".then(r => r.arrayBuffer().then(b => {"
                + "  const a = new Uint8Array(b); let s = '';"
                + "  for (let i = 0; i < a.length; i++) s += String.fromCharCode(a[i]);"
                + "  done({status: r.status, type: r.headers.get('Content-Type'), body: btoa(s)});"
                + "}))"
                + ".catch(e => done({status: -1, type: String(e), body: ''}));",
            url);
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) result;
    return new Download(
        ((Number) r.get("status")).intValue(),
        String.valueOf(r.get("type")),
        Base64.getDecoder().decode((String) r.get("body")));
  }
}
