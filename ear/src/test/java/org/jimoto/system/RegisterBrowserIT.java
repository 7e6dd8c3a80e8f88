package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The register screen for the till (#9 item 3, R-31) and its live feed in the browser: a
 * card (the demo card 12345674) and an app member's QR code (the demo pay token the demo data
 * issues for taro@example.jp, as PayTokens issues them) charged at the register, the result large
 * and the balance reduced; payments made elsewhere (the POS API of another terminal of the shop:
 * the resident portal's own pay page, #10, is not built yet) pushed into the feed without a reload;
 * another shop's payment never reaching it. Every state is checked by axe-core and saved in
 * Japanese and English at 360 and 1280 px ({@link Browser#check}).
 */
class RegisterBrowserIT {

  private static final String CARD = "12345674";
  private static final String API = PortalClient.BASE_URL + "/merchant/api/v1/payments";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String mainTill; // T0001 at S0001 (POS API credential)
  private static String stationTill; // T0003 at S0002
  private static String taroToken; // an app member's QR code

  private Browser browser;

  @BeforeAll
  static void demoCredentials() throws Exception {
    String logins =
        Files.readString(Path.of(System.getProperty("jimoto.it.dataDir"), "demo-logins.txt"));
    mainTill = basic(logins, "T0001");
    stationTill = basic(logins, "T0003");
    Matcher m = Pattern.compile("(?m)^taro@example\\.jp\\s+(P[0-9a-f]+)\\s").matcher(logins);
    assertTrue(m.find(), "taro's pay QR code in demo-logins.txt");
    taroToken = m.group(1);
  }

  private static String basic(String logins, String terminal) {
    Matcher m = Pattern.compile("(?m)^" + terminal + "\\s+\\S+\\s+([0-9a-f]{64})$").matcher(logins);
    assertTrue(m.find(), "credential of " + terminal + " in demo-logins.txt");
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((terminal + ":" + m.group(1)).getBytes(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("register-" + test.getTestMethod().orElseThrow().getName(), "ja");
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  private void openRegister(Browser b, String login, String query) {
    b.open("merchant", "/app/register.xhtml" + query);
    if (b.path().endsWith("/login.xhtml")) {
      b.login(login, PortalClient.PASSWORD);
      b.open("merchant", "/app/register.xhtml" + query);
    }
    assertTrue(b.path().endsWith("/app/register.xhtml"), b.path());
  }

  /** What a USB scanner does: types the code into the focused field and presses Enter. */
  private void scan(String code) {
    WebElement field = browser.element("payerForm:payer");
    assertEquals(field, browser.driver().switchTo().activeElement(), "the field waits focused");
    field.sendKeys(code + Keys.ENTER);
  }

  private void payAmount(String amount) {
    WebElement field = browser.element("payForm:amount");
    assertEquals(field, browser.driver().switchTo().activeElement(), "the amount waits focused");
    field.sendKeys(amount);
    browser.element("payForm:pay").click();
  }

  /** The yen in a text such as "わかばコイン(利用可能 2,930 円)" or "2,810 円". */
  private static long yen(String text, String before) {
    Matcher m = Pattern.compile(Pattern.quote(before) + "\\s*([0-9,]+)").matcher(text);
    assertTrue(m.find(), text);
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  /** The label of the service the radio buttons have chosen. */
  private String selectedServiceLabel() {
    return new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(
            d ->
                (String)
                    browser
                        .driver()
                        .executeScript(
                            "var i = document.querySelector('[id=\"payForm:service\"]"
                                + " input:checked'); if (!i) { return null; }"
                                + " var l = document.querySelector('label[for=\"' + i.id + '\"]');"
                                + " return l ? l.textContent.trim() : null;"));
  }

  /**
   * a card read by a scanner shows its available balance; the amount is taken and the result
   * shows amount, time, transaction ID and the balance left, which the next read confirms. An app
   * member's QR code pays too. A refusal says why, in the page's language; a double click pays
   * once.
   */
  @Test
  void theRegisterChargesACardAndAnAppMembersQrCode_R31() {
    openRegister(browser, "wakaba-honten", "");
    assertEquals("本店 レジ1 (T0001)", browser.text("tillName"), "the shop's first till");
    browser.check("read");

    scan(CARD);
    assertTrue(browser.text("payerRead").contains("カード 12345674"), browser.text("payerRead"));
    String label = selectedServiceLabel();
    assertTrue(label.startsWith("わかばコイン(利用可能 "), label);
    long before = yen(label, "利用可能");
    browser.check("card-read");

    payAmount("1２"); // a full-width digit, as a Japanese keyboard's input method types it
    assertEquals("決済完了", browser.text("paidTitle"));
    assertEquals("12円", browser.text("paidAmount").replace("\n", ""));
    assertEquals(before - 12, yen(browser.text("paidBalance"), ""));
    assertTrue(browser.text("paidTranId").matches("[0-9a-f-]{36}"), browser.text("paidTranId"));
    browser.check("card-paid");
    // the till's own payment enters its feed silently; only others' payments chime.
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .until(
            d -> "true".equals(browser.element("feedForm:feed").getAttribute("data-latest-own")));
    try {
      Thread.sleep(1_000); // a chime would have been counted (or blocked) by now
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertEquals(
        null,
        browser
            .driver()
            .executeScript(
                "return document.body.getAttribute('data-chimes')"
                    + " || document.body.getAttribute('data-chime-blocked')"),
        "no chime for the till's own payment");

    browser.element("resultForm:next").click();
    scan(CARD);
    assertEquals(before - 12, yen(selectedServiceLabel(), "利用可能"), "the balance is reduced");

    // too much is refused with the reason, which follows the language switch.
    payAmount("99999");
    assertTrue(
        browser.text("refusalMessage").startsWith("わかばコインの残高が不足しています"),
        browser.text("refusalMessage"));
    browser.check("card-refused");
    browser.language("en");
    assertTrue(
        browser.text("refusalMessage").toLowerCase().contains("balance"),
        browser.text("refusalMessage"));
    browser.language("ja");

    // A double click on the pay button, one attempt: one payment.
    WebElement amount = browser.element("payForm:amount");
    amount.clear();
    amount.sendKeys("7");
    browser
        .driver()
        .executeScript("var b = document.getElementById('payForm:pay'); b.click(); b.click();");
    assertEquals("7円", browser.text("paidAmount").replace("\n", ""));
    assertEquals(before - 19, yen(browser.text("paidBalance"), ""));
    browser.element("resultForm:next").click();
    scan(CARD);
    assertEquals(before - 19, yen(selectedServiceLabel(), "利用可能"), "paid once");
    browser.element("payForm:cancelAttempt").click();

    // An app member's QR code: no balance shown (the phone shows it), paid all the same.
    scan(taroToken);
    assertEquals("アプリ会員のQRコード", browser.text("payerRead"));
    assertEquals("わかばコイン", selectedServiceLabel());
    browser.check("app-read");
    payAmount("80");
    assertEquals("80円", browser.text("paidAmount").replace("\n", ""));
    long taroAfter = yen(browser.text("paidBalance"), "");
    browser.element("resultForm:next").click();
    scan(taroToken);
    payAmount("20");
    assertEquals(taroAfter - 20, yen(browser.text("paidBalance"), ""), "the balance is reduced");
    browser.check("app-paid");

    // The shop's own QR stand, scanned by mistake: not a customer, nothing looked up.
    browser.element("resultForm:next").click();
    scan(PortalClient.BASE_URL + "/resident/pay?t=0123456789abcdef");
    assertTrue(browser.text("messages").contains("お店のQRコード"), browser.text("messages"));
  }

  /**
   * a payment made at another terminal of the shop arrives in the register's feed, pushed
   * over the websocket, without a reload, with a chime. The page acts as the terminal the clerk
   * chose; another shop's terminal named in the URL is not taken.
   */
  @Test
  void theLiveFeedShowsPaymentsMadeElsewhere_R30() throws Exception {
    openRegister(browser, "wakaba-honten", "?terminal=T0003"); // another shop's: ignored
    assertEquals("本店 レジ1 (T0001)", browser.text("tillName"));
    browser.element("tillChange").click();
    new Select(browser.element("tillForm:terminal")).selectByValue("T0004");
    browser.click("tillForm:choose");
    assertEquals("本店 予備レジ (T0004)", browser.text("tillName"));
    assertTrue(browser.driver().getCurrentUrl().endsWith("terminal=T0004"));
    openRegister(browser, "wakaba-honten", ""); // the device remembers its till
    assertEquals("本店 予備レジ (T0004)", browser.text("tillName"));
    awaitSocket(browser);
    browser.element("payerForm:payer").click(); // the clerk has touched the page: sound allowed
    browser.driver().executeScript("window.jimotoNoReload = true;");

    String paymentId = posPayment(mainTill, CARD, 13);
    WebElement item = awaitFeedItem(browser, paymentId);
    assertTrue(item.getText().contains("13円"), item.getText());
    assertTrue(item.getText().contains("本店 レジ1"), item.getText());
    assertTrue(item.getText().contains("新着"), item.getText());
    assertEquals(
        Boolean.TRUE,
        browser.driver().executeScript("return window.jimotoNoReload === true"),
        "pushed into the open page, not reloaded");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
        .until(
            d ->
                browser.driver().executeScript("return document.body.getAttribute('data-chimes')")
                    != null);
    browser.check("feed");
    browser.language("en");
    String inEnglish = awaitFeedItem(browser, paymentId).getText();
    assertTrue(inEnglish.contains("13 yen") && inEnglish.contains("Wakaba Coin"), inEnglish);
  }

  /** a shop's register hears its own payments only; the other shop's hears its own. */
  @Test
  void aShopDoesNotReceiveAnotherShopsPayments_R93() throws Exception {
    openRegister(browser, "wakaba-honten", "");
    String atStation;
    try (Browser station = new Browser("register-station", "ja")) {
      openRegister(station, "wakaba-ekimae", "");
      assertEquals("駅前店 レジ1 (T0003)", station.text("tillName"));
      awaitSocket(browser);
      awaitSocket(station);

      atStation = posPayment(stationTill, taroToken, 47); // S0002 takes no cards
      awaitFeedItem(station, atStation);
      String atMain = posPayment(mainTill, CARD, 11);
      awaitFeedItem(browser, atMain);
      // The main shop's feed was told about its own payment after the station's was made: had
      // the station's been pushed to it, it would be there by now.
      assertFalse(feedHas(browser, atStation), "S0001 did not hear S0002's payment");
      assertFalse(feedHas(station, atMain), "nor S0002 S0001's");
      station.check("feed-other-shop");
    }
    // Nor does the ledger list it to S0001 when the page is opened again.
    browser.open("merchant", "/app/register.xhtml");
    browser.element("feedForm:feed");
    assertFalse(feedHas(browser, atStation), "S0002's payment is not S0001's to list");
  }

  private static boolean feedHas(Browser b, String paymentId) {
    return !b.driver()
        .findElements(By.cssSelector("li[data-payment='" + paymentId + "']"))
        .isEmpty();
  }

  private static WebElement awaitFeedItem(Browser b, String paymentId) {
    return new WebDriverWait(b.driver(), Duration.ofSeconds(10))
        .until(
            d -> {
              List<WebElement> found =
                  d.findElements(By.cssSelector("li[data-payment='" + paymentId + "']"));
              return found.isEmpty() ? null : found.get(0);
            });
  }

  /** Waits until the page's websocket is open (its onopen marks the body for the indicator). */
  private static void awaitSocket(Browser b) {
    new WebDriverWait(b.driver(), Duration.ofSeconds(10))
        .until(
            d ->
                Boolean.TRUE.equals(
                    b.driver()
                        .executeScript(
                            "return document.body.getAttribute('data-live') === 'open'")));
  }

  /** A payment through the POS API of a demo terminal; returns its paymentId. */
  private static String posPayment(String terminal, String payer, long yen) throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(API))
                .header("Content-Type", "application/json")
                .header("Authorization", terminal)
                .header("Idempotency-Key", "register-it-" + UUID.randomUUID())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"payer\":\""
                            + payer
                            + "\",\"service\":\"WAKABA_COIN\",\"amount\":"
                            + yen
                            + "}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(201, response.statusCode(), response.body());
    Matcher m = Pattern.compile("\"paymentId\":\"([^\"]+)\"").matcher(response.body());
    assertTrue(m.find(), response.body());
    assertNotEquals("", m.group(1));
    return m.group(1);
  }
}
