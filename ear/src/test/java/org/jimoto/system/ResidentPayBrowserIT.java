package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The resident portal's paying (#10 items 4-6) in headless Chromium: paying at a till found by its
 * typed terminal code with a confirmation for the staff and a completion screen with a live
 * clock, which the shop's register screen shows as it arrives; a combined payment and its
 * cancellation in the history; a store QR code image decoded to its terminal's pay page,
 * also as an uploaded photo; my QR code used once by a terminal through the POS API;
 * refusals in the chosen language that pay nothing; and one resident never seeing
 * another's transaction, whatever id is put in the address. Every page is checked by
 * axe-core and saved in Japanese and English at 360 and 1280 px ({@link Browser#check}).
 */
class ResidentPayBrowserIT {

  private static final String API = PortalClient.BASE_URL + "/merchant/api/v1/payments";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String COIN = "WAKABA_COIN";
  private static final String POINTS = "WAKABA_POINT";

  private static String mainTill; // T0001 at S0001 (POS API credential)

  private Browser browser;
  private final List<Browser> others = new ArrayList<>();

  @BeforeAll
  static void demoCredentials() throws Exception {
    String logins =
        Files.readString(Path.of(System.getProperty("jimoto.it.dataDir"), "demo-logins.txt"));
    Matcher m = Pattern.compile("(?m)^T0001\\s+\\S+\\s+([0-9a-f]{64})$").matcher(logins);
    assertTrue(m.find(), "credential of T0001 in demo-logins.txt");
    mainTill =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("T0001:" + m.group(1)).getBytes(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("pay-" + test.getTestMethod().orElseThrow().getName(), "ja");
  }

  @AfterEach
  void stopBrowsers() {
    browser.close();
    others.forEach(Browser::close);
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Opens a resident page, logging in on the way if asked to. The pay page brings the resident back
   * by itself (a store QR code opened by a phone's camera, R-30); another page, like every
   * portal's, goes on to the home page after the login, and is opened again.
   */
  private void openAs(Browser b, String login, String path) {
    b.open("resident", path);
    if (b.path().endsWith("/login.xhtml")) {
      b.login(login, PortalClient.PASSWORD);
      if (!path.startsWith("/pay.xhtml")) {
        b.open("resident", path);
      }
    }
    assertEquals("/resident" + path.replaceAll("\\?.*", ""), b.path(), "on the page asked");
  }

  private WebElement amountField(String service) {
    return browser
        .element("payPanel")
        .findElement(By.cssSelector("input[data-service='" + service + "']"));
  }

  private long spendable(String service) {
    return Long.parseLong(amountField(service).getAttribute("data-spendable"));
  }

  private void typeAmount(String service, String yen) {
    WebElement field = amountField(service);
    field.clear();
    field.sendKeys(yen);
  }

  private void waitFor(String id) {
    browser.element(id);
  }

  private static String decodeQr(byte[] png) throws Exception {
    var image = ImageIO.read(new ByteArrayInputStream(png));
    return new QRCodeReader()
        .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
        .getText();
  }

  private static HttpResponse<String> posPay(String key, String payer, long yen) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(API))
            .header("Content-Type", "application/json")
            .header("Authorization", mainTill)
            .header("Idempotency-Key", key)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"payer\":\""
                        + payer
                        + "\",\"service\":\""
                        + COIN
                        + "\",\"amount\":"
                        + yen
                        + "}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> posCancel(String paymentId) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(API + "/" + paymentId + "/cancel"))
            .header("Authorization", mainTill)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  // ------------------------------------------------------------------ tests

  /**
   * the till found by the code printed under its QR code; the amount; the confirmation for
   * the staff; pay (a double click pays once, R-35); "支払い完了" with the time and a clock that runs.
   * The shop's register screen shows the payment as it arrives.
   */
  @Test
  void taroPaysAtATillFoundByItsTypedCode_R30_R35() throws Exception {
    Browser register = new Browser("pay-register-feed", "ja");
    others.add(register);
    register.open("merchant", "/app/register.xhtml?terminal=T0001");
    register.login("wakaba-honten", PortalClient.PASSWORD);
    register.open("merchant", "/app/register.xhtml?terminal=T0001");
    register.element("feedForm:feed");
    new WebDriverWait(register.driver(), Duration.ofSeconds(20))
        .until(d -> "open".equals(d.findElement(By.tagName("body")).getAttribute("data-live")));

    openAs(browser, "taro@example.jp", "/app/scan.xhtml");
    browser.check("scan");
    // The camera (web-common's qr-camera.js loading html5-qrcode from its WebJar) starts on
    // Chromium's test camera and stops again.
    browser.click("cameraStart");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(d -> d.findElement(By.id("cameraStop")).isDisplayed());
    assertTrue(browser.driver().findElement(By.id("camera")).isDisplayed());
    browser.click("cameraStop");
    assertTrue(browser.driver().findElement(By.id("cameraStart")).isDisplayed());
    browser.type("codeForm:input", "t0001"); // as typed on a phone: small letters
    browser.click("codeForm:go");
    assertEquals("/resident/pay.xhtml", browser.path());
    assertEquals("わかば商店 本店", browser.text("shopName"));
    assertTrue(browser.text("terminalName").endsWith("(T0001)"), browser.text("terminalName"));
    long before = spendable(COIN);
    assertTrue(before >= 1_000, "taro holds coins: " + before);
    browser.check("amount");

    typeAmount(COIN, "１,２００"); // full-width digits and a comma, as a Japanese keyboard types
    browser.element("amountForm:next").click();
    assertEquals("1,200円", browser.text("confirmAmount").replace("\n", ""));
    assertEquals("わかば商店 本店", browser.text("confirmShop"));
    assertTrue(browser.text("confirmLegs").contains("わかばコイン"), browser.text("confirmLegs"));
    browser.check("confirm");

    browser
        .driver()
        .executeScript(
            "var b = document.getElementById('confirmForm:payButton'); b.click(); b.click();");
    assertEquals("支払い完了", browser.text("doneTitle"));
    assertEquals("1,200円", browser.text("doneAmount").replace("\n", ""));
    assertTrue(browser.text("doneTime").matches("\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d"));
    // The clock runs from the page's script: a time within a second, then another.
    String clock =
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
            .until(
                d -> {
                  String t = d.findElement(By.id("liveClock")).getText();
                  return t.matches("\\d\\d:\\d\\d:\\d\\d") ? t : null;
                });
    new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
        .until(d -> !clock.equals(d.findElement(By.id("liveClock")).getText()));
    String paymentId = browser.text("donePayment");
    browser.check("done");

    // the staff see it on their register screen, pushed without a reload.
    new WebDriverWait(register.driver(), Duration.ofSeconds(20))
        .until(
            d -> !d.findElements(By.cssSelector("[data-payment='" + paymentId + "']")).isEmpty());

    // Paid once, whatever the double click sent.
    openAs(browser, "taro@example.jp", "/pay.xhtml?code=T0001");
    assertEquals(before - 1_200, spendable(COIN));
  }

  /**
   * one purchase from two services is one payment with two legs; cancelled by the shop, both
   * legs come back, and the history shows each cancellation against its original.
   */
  @Test
  void aCombinedPaymentIsOnePaymentAndItsCancellationShowsInTheHistory_R33_R44() throws Exception {
    openAs(browser, "taro@example.jp", "/pay.xhtml?code=T0001");
    long coins = spendable(COIN);
    long points = spendable(POINTS);
    assertTrue(points >= 50, "taro holds points: " + points);
    typeAmount(COIN, "300");
    typeAmount(POINTS, "50");
    browser.element("amountForm:next").click();
    assertEquals("350円", browser.text("confirmAmount").replace("\n", ""));
    String legs = browser.text("confirmLegs");
    assertTrue(legs.contains("わかばコイン") && legs.contains("わかばポイント"), legs);
    browser.element("confirmForm:combinedNote");
    browser.check("combined-confirm");
    browser.element("confirmForm:payButton").click();
    assertEquals("支払い完了", browser.text("doneTitle"));
    List<WebElement> paid = browser.element("doneLegs").findElements(By.tagName("li"));
    assertEquals(2, paid.size());
    String paymentId = browser.text("donePayment");
    List<String> tranIds = paid.stream().map(li -> li.getAttribute("data-tran")).toList();

    openAs(browser, "taro@example.jp", "/pay.xhtml?code=T0001");
    assertEquals(coins - 300, spendable(COIN));
    assertEquals(points - 50, spendable(POINTS));

    // The shop cancels the whole payment: both legs come back.
    var cancel = posCancel(paymentId);
    assertEquals(200, cancel.statusCode(), cancel.body());
    browser.open("resident", "/pay.xhtml?code=T0001");
    assertEquals(coins, spendable(COIN));
    assertEquals(points, spendable(POINTS));

    openAs(browser, "taro@example.jp", "/app/history.xhtml");
    for (String tranId : tranIds) {
      WebElement original =
          browser
              .element("historyList")
              .findElement(By.cssSelector("li[data-tran='" + tranId + "']"));
      assertTrue(original.getText().contains("取消済み"), original.getText());
    }
    List<WebElement> cancellations =
        browser
            .element("historyList")
            .findElements(By.cssSelector("li[data-operation='USE_CANCEL']"));
    List<String> originals = new ArrayList<>();
    for (WebElement c : cancellations) {
      for (String tranId : tranIds) {
        if (c.getText().contains("元の取引: " + tranId)) {
          originals.add(tranId);
        }
      }
    }
    assertTrue(originals.containsAll(tranIds), "each leg's cancellation names it: " + originals);
    browser.check("history");

    // Narrowed to points: the points leg and its cancellation only.
    new org.openqa.selenium.support.ui.Select(browser.element("filterForm:service"))
        .selectByValue(POINTS);
    browser.click("filterForm:show");
    for (WebElement row :
        browser.element("historyList").findElements(By.cssSelector("li.jm-history-item"))) {
      assertTrue(row.getText().contains("わかばポイント"), row.getText());
    }

    // The detail of the coin leg: its tranId, cancelled, and the cancellation that reversed it.
    browser.open("resident", "/app/history-detail.xhtml?tran=" + tranIds.get(0));
    assertEquals(tranIds.get(0), browser.text("detailTranId"));
    assertEquals("取消済み", browser.text("detailStatus"));
    assertEquals("利用", browser.text("detailOperation"));
    assertFalse(
        browser.driver().findElements(By.cssSelector("a.jm-detail-cancel")).isEmpty(),
        "the cancellation is linked");
    browser.check("detail");
  }

  /**
   * the terminal's store QR code, as the merchant portal draws it, decodes to the pay page of
   * that terminal; a phone's camera opening it lands there after the login. A photo of it uploaded
   * on the scan page, read by the server, leads to the same till.
   */
  @Test
  void aStoreQrCodeImageLandsOnThePayPageOfItsTerminal_R30() throws Exception {
    var merchant = new PortalClient("merchant");
    merchant.login("wakaba-honten", PortalClient.PASSWORD);
    var png = merchant.getFile("/app/terminal-qr.png?terminal=T0002");
    assertEquals(200, png.statusCode());
    String url = decodeQr(png.bodyAsBytes());
    assertTrue(url.contains("/resident/pay.xhtml?t="), url);
    String token = url.substring(url.indexOf("?t=") + 3);

    // The phone's own camera app opens the URL: login, then back on the pay page with the token.
    browser.open("resident", "/pay.xhtml?t=" + token);
    assertTrue(browser.path().endsWith("/login.xhtml"), browser.path());
    browser.login("taro@example.jp", PortalClient.PASSWORD);
    assertEquals("/resident/pay.xhtml", browser.path());
    assertTrue(browser.driver().getCurrentUrl().contains("t=" + token), "the token came along");
    assertTrue(browser.text("terminalName").endsWith("(T0002)"), browser.text("terminalName"));
    assertEquals("わかば商店 本店", browser.text("shopName"));

    // The same image as a photo on the scan page.
    Path photo = Files.createTempFile("store-qr", ".png");
    Files.write(photo, png.bodyAsBytes());
    browser.open("resident", "/app/scan.xhtml");
    browser.element("photoForm:photo").sendKeys(photo.toString());
    browser.click("photoForm:upload");
    assertEquals("/resident/pay.xhtml", browser.path());
    assertTrue(browser.text("terminalName").endsWith("(T0002)"), browser.text("terminalName"));

    // Not a picture: refused with its reason, nothing opened.
    Path text = Files.createTempFile("not-a-photo", ".png");
    Files.writeString(text, "hello");
    browser.open("resident", "/app/scan.xhtml");
    browser.element("photoForm:photo").sendKeys(text.toString());
    browser.click("photoForm:upload");
    assertEquals("/resident/app/scan.xhtml", browser.path());
    assertEquals("JPEG または PNG の写真を選んでください。", browser.text("messages").trim());

    // A made-up token and an unknown code: said plainly.
    browser.open("resident", "/pay.xhtml?t=madeUpToken123");
    assertEquals("このQRコードは、このサービスの店舗QRコードではありません。お店の方にお尋ねください。", browser.text("placeRefused"));
    browser.check("unknown-qr");
    browser.open("resident", "/app/scan.xhtml");
    browser.type("codeForm:input", "T9999");
    browser.click("codeForm:go");
    assertTrue(browser.text("messages").contains("その端末コードのレジはありません"), browser.text("messages"));
  }

  /**
   * my QR code, read by a shop terminal through the POS API, pays once; the page sees it
   * used; the same code again is refused and pays nothing.
   */
  @Test
  void myQrCodeIsUsedOnceByATerminalThroughThePosApi_R31() throws Exception {
    openAs(
        browser,
        "taro@example.jp",
        "/app/myqr.xhtml"); // not hanako: ResidentChargeBrowserIT counts on her demo balance
    String code = browser.element("qrCode").getAttribute("data-code");
    assertTrue(code.matches("[0-9]{16}"), code);
    assertEquals(code.replaceAll("(.{4})(?!$)", "$1 "), browser.text("qrCode"));
    assertTrue(
        (Boolean)
            browser
                .driver()
                .executeScript("return document.getElementById('qrImage').naturalWidth > 0"));
    assertTrue(
        browser.text("qrLeft").startsWith("あと 4:") || browser.text("qrLeft").startsWith("あと 5:"));
    browser.check("myqr");

    // The page's image is the code itself.
    String src = browser.element("qrImage").getAttribute("src");
    assertEquals(code, decodeQr(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))));

    var first = posPay("myqr-" + UUID.randomUUID(), code, 110);
    assertEquals(201, first.statusCode(), first.body());
    long after = Long.parseLong(field(first.body(), "balanceAfter"));

    // The page notices within a few seconds that the shop used it.
    browser.element("qrUsed");
    assertTrue(browser.text("qrUsed").startsWith("お店でこのQRコードが使われました"));
    browser.check("myqr-used");

    var again = posPay("myqr-" + UUID.randomUUID(), code, 110);
    assertEquals(422, again.statusCode(), again.body());
    assertEquals("UNKNOWN_RESIDENT", field(again.body(), "code"));
    assertTrue(again.body().contains("\"message_en\""), again.body());

    // A new code works; the used one stayed used (one debit of 110 only).
    browser.click("qrForm:renew");
    String next = browser.element("qrCode").getAttribute("data-code");
    assertNotEquals(code, next);
    var third = posPay("myqr-" + UUID.randomUUID(), next, 1);
    assertEquals(201, third.statusCode(), third.body());
    assertEquals(after - 1, Long.parseLong(field(third.body(), "balanceAfter")));
  }

  /**
   * and the per-payment limit: each refusal says why, in the page's language, and
   * nothing is paid; the resident can correct the amount and go on.
   */
  @Test
  void refusalsSayWhyInTheChosenLanguageAndPayNothing_R34() throws Exception {
    openAs(browser, "taro@example.jp", "/pay.xhtml?code=T0001");
    long coins = spendable(COIN);

    typeAmount(COIN, String.valueOf(coins + 1));
    browser.element("amountForm:next").click();
    browser.element("confirmForm:payButton").click();
    assertEquals("INSUFFICIENT_BALANCE", browser.element("refusal").getAttribute("data-refusal"));
    assertTrue(
        browser.text("refusalMessage").startsWith("わかばコインの残高が不足しています"),
        browser.text("refusalMessage"));
    browser.check("refused-balance");
    browser.language("en");
    assertTrue(
        browser.text("refusalMessage").toLowerCase().contains("balance"),
        browser.text("refusalMessage"));
    browser.language("ja");

    typeAmount(COIN, "200000");
    browser.element("amountForm:next").click();
    browser.element("confirmForm:payButton").click();
    assertEquals("AMOUNT_TOO_LARGE", browser.element("refusal").getAttribute("data-refusal"));
    assertTrue(browser.text("refusalMessage").contains("上限"), browser.text("refusalMessage"));

    typeAmount(COIN, "12.5");
    browser.element("amountForm:next").click();
    assertTrue(browser.text("messages").contains("円単位の数字で入力してください"), browser.text("messages"));

    browser.open("resident", "/pay.xhtml?code=T0001");
    assertEquals(coins, spendable(COIN), "nothing was paid");

    // the station shop takes no points: said before anything is typed.
    browser.open("resident", "/pay.xhtml?code=T0003");
    assertEquals("わかば商店 駅前店", browser.text("shopName"));
    WebElement notAccepted =
        browser
            .element("payPanel")
            .findElement(By.cssSelector("p.jm-pay-not-accepted[data-service='" + POINTS + "']"));
    assertEquals("わかばポイントはこのお店では利用できません。", notAccepted.getText().trim());
    assertTrue(
        browser
            .driver()
            .findElements(By.cssSelector("input[data-service='" + POINTS + "']"))
            .isEmpty(),
        "no amount for points there");
    browser.check("not-accepted");
    browser.language("en");
    assertTrue(
        browser
            .element("payPanel")
            .findElement(By.cssSelector("p.jm-pay-not-accepted"))
            .getText()
            .contains("Wakaba Points"));
    browser.language("ja");
  }

  /**
   * resident B (taro) opening resident A's (hanako's) transaction by its tranId, edited into
   * the address, gets "not found" (404) and nothing of it; neither list shows the other's.
   */
  @Test
  void aResidentNeverSeesAnothersTransaction_R93() throws Exception {
    var hanako = new PortalClient("resident");
    hanako.login("hanako@example.jp", PortalClient.PASSWORD);
    assertEquals(200, hanako.get("/app/history.xhtml").statusCode());
    Element first = hanako.page().selectFirst("li[data-tran]");
    assertTrue(first != null, "hanako has a history: " + hanako.page().text());
    String hanakosTran = first.attr("data-tran");
    var own = hanako.get("/app/history-detail.xhtml?tran=" + hanakosTran);
    assertEquals(200, own.statusCode());
    assertEquals(hanakosTran, hanako.page().getElementById("detailTranId").text());

    var taro = new PortalClient("resident");
    taro.login("taro@example.jp", PortalClient.PASSWORD);
    var other = taro.get("/app/history-detail.xhtml?tran=" + hanakosTran);
    assertEquals(404, other.statusCode());
    assertTrue(taro.page().getElementById("detailTranId") == null, "no detail of hanako's");
    assertEquals("該当する取引はありません。", taro.page().getElementById("notFound").text());
    assertFalse(taro.page().outerHtml().contains(hanakosTran), "nothing of hanako's on the page");
    taro.get("/app/history.xhtml");
    assertTrue(
        taro.page().select("li[data-tran='" + hanakosTran + "']").isEmpty(), "not in taro's list");

    openAs(browser, "taro@example.jp", "/app/history-detail.xhtml?tran=" + hanakosTran);
    assertEquals("該当する取引はありません。", browser.text("notFound"));
    browser.check("detail-not-found");
  }
}
