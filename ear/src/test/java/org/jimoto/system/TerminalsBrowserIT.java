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
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;

/**
 * Terminals and QR codes in the browser (#9 item 2, seed 001 レジ一覧, R-30, R-93): a shop account adds
 * a terminal, shows its QR code with the shop and terminal name, downloads the PNG (decoded here
 * with ZXing to exactly the terminal's pay URL), prints it on A4 and A5 stands and renames it; the
 * business account issues the terminal's POS API credential (shown once, in a dialog), takes a
 * payment with it, revokes it, and retires the terminal, whose QR code and credential are then
 * refused at once. Every page state is checked by axe-core and saved as screenshots in Japanese and
 * English at 360 and 1280 px ({@link Browser#check}).
 */
class TerminalsBrowserIT {

  private static final String PAY_URL = PortalClient.BASE_URL + "/resident/pay.xhtml?t=";
  private static final Pattern ADDED = Pattern.compile("(T\\d{4,})");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Browser browser;

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("terminals-" + test.getTestMethod().orElseThrow().getName(), "ja");
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  private void logIn(String loginName) {
    browser.open("merchant", "/app/terminals.xhtml");
    assertTrue(browser.path().endsWith("/merchant/login.xhtml"), browser.path());
    browser.login(loginName, PortalClient.PASSWORD);
    browser.open("merchant", "/app/terminals.xhtml");
    assertTrue(browser.path().endsWith("/app/terminals.xhtml"), browser.path());
  }

  private List<String> listedCodes() {
    return browser.driver().findElements(By.cssSelector("#terminalTable tbody .jm-code")).stream()
        .map(WebElement::getText)
        .toList();
  }

  /** Adds a terminal with the list page's form; returns its code (from the message). */
  private String addTerminal(String name) {
    browser.type("addForm:name", name);
    browser.click("addForm:add");
    new org.openqa.selenium.support.ui.WebDriverWait(
            browser.driver(), java.time.Duration.ofSeconds(20))
        .until(d -> d.findElement(By.id("messages")).getText().contains(name));
    Matcher m = ADDED.matcher(browser.text("messages"));
    assertTrue(m.find(), browser.text("messages"));
    return m.group(1);
  }

  /** A GET with the browser's session cookie (the merchant portal's JSESSIONID). */
  private HttpResponse<byte[]> getWithSession(String path) throws Exception {
    Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(PortalClient.BASE_URL + "/merchant" + path))
            .header("Cookie", "JSESSIONID=" + session.getValue())
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String decodeQr(byte[] png) throws Exception {
    var image = ImageIO.read(new ByteArrayInputStream(png));
    return new QRCodeReader()
        .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
        .getText();
  }

  /**
   * Seed 001: 「レジ一覧>「QRコード表示」>「画像形式でダウンロード」もしくは「印刷用ページを表示」」, done by the main shop's account
   * (S0001).
   */
  @Test
  void aShopAccountAddsATerminalDownloadsPrintsAndRenamesItsQrCode() throws Exception {
    logIn("wakaba-honten");
    assertTrue(
        listedCodes().containsAll(List.of("T0001", "T0002", "T0004")), listedCodes().toString());
    assertFalse(listedCodes().contains("T0003"), "the station shop's terminal is not listed");
    assertEquals("端末の停止とPOS API認証情報の発行・失効は、事業者アカウントで行います。", browser.text("rightsNote"));
    browser.check("list");

    browser.type("addForm:name", " ");
    browser.click("addForm:add");
    assertEquals("端末名は1〜40文字で入力してください。", browser.text("messages").trim());
    browser.check("add-refused");

    String name = "本店 レジ" + (System.nanoTime() % 100_000);
    String code = addTerminal(name);
    assertTrue(listedCodes().contains(code), listedCodes().toString());
    browser.check("added");

    browser.open("merchant", "/app/terminal.xhtml?terminal=" + code);
    assertEquals("わかば商店 本店", browser.text("qrShop"));
    assertEquals(name, browser.text("qrTerminal"));
    assertEquals(code, browser.text("qrCode"));
    String payUrl = browser.text("payUrl");
    assertTrue(payUrl.startsWith(PAY_URL), payUrl);
    String token = payUrl.substring(PAY_URL.length());
    assertTrue(token.matches("[A-Za-z0-9_-]{27}"), "a random token, not the code: " + token);
    assertEquals("この操作は事業者アカウントで行います。", browser.text("retireOwnerOnly"));
    assertFalse(browser.present("retireForm"), "a shop account does not retire");
    assertFalse(browser.present("credentialForm"), "nor issue credentials");
    assertTrue(
        (Boolean)
            browser
                .driver()
                .executeScript("return document.getElementById('qrImage').naturalWidth === 600"),
        "the QR code image is shown");
    browser.check("qr");

    // 「画像形式でダウンロード」: the PNG the link names, with this browser's session.
    String href = browser.element("download").getAttribute("href");
    assertTrue(href.startsWith(PortalClient.BASE_URL + "/merchant/app/terminal-qr.png?"), href);
    HttpResponse<byte[]> png =
        getWithSession(href.substring((PortalClient.BASE_URL + "/merchant").length()));
    assertEquals(200, png.statusCode());
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
    assertEquals(
        "attachment; filename=\"qr-" + code + ".png\"",
        png.headers().firstValue("Content-Disposition").orElse(""));
    assertEquals(payUrl, decodeQr(png.body()), "the QR code is exactly the terminal's pay URL");
    assertFalse(decodeQr(png.body()).contains(code), "and never carries the terminal code");
    String other = decodeQr(getWithSession("/app/terminal-qr.png?terminal=T0001").body());
    assertTrue(other.startsWith(PAY_URL), other);
    assertNotEquals(payUrl, other, "each terminal its own token");

    // 「印刷用ページを表示」: A4 and A5 stands with the currency, shop, terminal and code.
    browser.click("printA4");
    assertTrue(browser.path().endsWith("/app/terminal-print.xhtml"), browser.path());
    assertEquals("わかばコイン", browser.text("standCurrency"));
    assertEquals("わかば商店 本店", browser.text("standShop"));
    assertEquals(name, browser.text("standTerminal"));
    assertEquals(code, browser.text("standCode"));
    assertTrue(
        (Boolean)
            browser
                .driver()
                .executeScript("return document.getElementById('standQr').naturalWidth === 1200"));
    browser.check("print-a4");
    savePdf("print-a4", 29.7, 21.0);
    browser.click("paperA5");
    assertTrue(browser.element("stand").getAttribute("class").contains("jm-stand-a5"));
    assertEquals(code, browser.text("standCode"));
    browser.check("print-a5");
    savePdf("print-a5", 21.0, 14.8);

    browser.click("back");
    browser.type("renameForm:name", name + " 改");
    browser.click("renameForm:rename");
    assertEquals("端末 " + code + " の名前を「" + name + " 改」にしました。", browser.text("messages").trim());
    assertEquals(name + " 改", browser.text("qrTerminal"));
    browser.check("renamed");
  }

  /** The stand as Chromium prints it (PDF, beside the screenshots), for a person to look at. */
  private void savePdf(String page, double heightCm, double widthCm) throws Exception {
    var options = new PrintOptions();
    options.setBackground(true);
    options.setPageSize(new PageSize(heightCm, widthCm)); // WebDriver's own default is Letter
    String pdf = browser.driver().print(options).getContent();
    Path dir = Path.of(System.getProperty("jimoto.it.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    Files.write(dir.resolve("terminals-stand-" + page + ".pdf"), Base64.getDecoder().decode(pdf));
  }

  private static HttpResponse<String> pos(String terminal, String secret, String method)
      throws Exception {
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((terminal + ":" + secret).getBytes(StandardCharsets.UTF_8));
    var b =
        HttpRequest.newBuilder(URI.create(PortalClient.BASE_URL + "/merchant/api/v1/payments"))
            .header("Authorization", auth)
            .header("Accept-Language", "ja");
    if (method.equals("POST")) {
      b.header("Content-Type", "application/json")
          .header("Idempotency-Key", "term-" + UUID.randomUUID())
          .POST(
              HttpRequest.BodyPublishers.ofString(
                  "{\"payer\":\"12345674\",\"service\":\"WAKABA_COIN\",\"amount\":100}"));
    } else {
      b.GET();
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * #9 item 2: the business account issues a POS API credential (its secret shown once, in a
   * dialog), pays with it, revokes it, issues another and retires the terminal: the credential and
   * the QR code are refused at once with a clear message.
   */
  @Test
  void theBusinessAccountIssuesACredentialOnceAndRetiresATerminal() throws Exception {
    logIn("wakaba-owner");
    assertEquals("事業者アカウントでは、端末の停止とPOS API認証情報の発行・失効もできます。", browser.text("rightsNote"));
    assertTrue(browser.present("shopSelector:shop"), "a business account chooses the shop");
    browser.check("owner-list");
    String code = addTerminal("テスト用 レジ" + (System.nanoTime() % 100_000));

    browser.open("merchant", "/app/terminal.xhtml?terminal=" + code);
    assertEquals("認証情報は発行されていません。", browser.text("credentialState"));
    browser.check("owner-terminal");
    browser.click("credentialForm:issue");
    String secret = browser.text("secret");
    assertTrue(secret.matches("[0-9a-f]{64}"), secret);
    assertEquals(code, browser.text("secretUser"));
    browser.check("credential-dialog");
    assertEquals(secret, browser.text("secret"), "still there until dismissed");

    HttpResponse<String> paid = pos(code, secret, "POST");
    assertEquals(201, paid.statusCode(), paid.body());

    browser.click("secretForm:dismiss");
    assertEquals("シークレットは表示されなくなりました。POSシステムにのみ保管してください。", browser.text("messages").trim());
    assertFalse(browser.driver().getPageSource().contains(secret), "never shown again");
    browser.open("merchant", "/app/terminal.xhtml?terminal=" + code);
    assertFalse(browser.driver().getPageSource().contains(secret), "not after a reload either");
    assertTrue(browser.text("credentialState").startsWith("認証情報は発行済みです。"));
    browser.check("credential-issued");

    browser.type("revokeForm:reason", "POS入替え");
    browser.click("revokeForm:revoke");
    assertEquals(
        "端末 " + code + " のPOS API認証情報を失効させました。そのPOSは次のリクエストから拒否されます。",
        browser.text("messages").trim());
    HttpResponse<String> revoked = pos(code, secret, "POST");
    assertEquals(401, revoked.statusCode(), revoked.body());
    assertTrue(revoked.body().contains("UNKNOWN_TERMINAL"), revoked.body());
    browser.check("credential-revoked");

    browser.click("credentialForm:issue");
    String second = browser.text("secret");
    assertNotEquals(secret, second);
    browser.click("secretForm:dismiss");
    assertEquals(200, pos(code, second, "GET").statusCode());

    // Retire: confirmed, with a reason.
    browser.type("retireForm:reason", "レジ撤去");
    browser.click("retireForm:retire");
    assertEquals("この端末での決済がすぐに止まることを確認し、チェックを入れてください。", browser.text("messages").trim());
    browser.check("retire-not-confirmed");
    browser.type("retireForm:reason", "レジ撤去");
    browser.element("retireForm:confirmed").findElement(By.className("ui-chkbox-box")).click();
    browser.click("retireForm:retire");
    assertTrue(browser.text("messages").contains("を停止しました。"), browser.text("messages"));
    assertTrue(browser.text("retiredNote").startsWith("この端末は停止済みです。"));
    assertFalse(browser.present("qrImage"), "no QR code to show or print any more");
    browser.check("retired");

    // At once: the POS credential, the QR code image and the print page are refused.
    HttpResponse<String> retired = pos(code, second, "POST");
    assertEquals(403, retired.statusCode(), retired.body());
    assertTrue(retired.body().contains("\"TERMINAL_INACTIVE\""), retired.body());
    assertTrue(retired.body().contains("この端末(レジ)は店舗で停止されたため、決済に使えません。"), retired.body());
    HttpResponse<byte[]> png = getWithSession("/app/terminal-qr.png?terminal=" + code);
    assertEquals(403, png.statusCode());
    assertEquals("この端末(レジ)は店舗で停止されたため、決済に使えません。", new String(png.body(), StandardCharsets.UTF_8));
    browser.open("merchant", "/app/terminal-print.xhtml?terminal=" + code);
    assertTrue(browser.text("noQr").startsWith("この端末は停止済みです。"));
    assertFalse(browser.present("stand"));

    browser.open("merchant", "/app/terminals.xhtml");
    WebElement row =
        browser.driver().findElement(By.xpath("//span[text()='" + code + "']/ancestor::tr"));
    assertTrue(row.getText().contains("停止済み"), row.getText());
    browser.check("list-retired");
  }
}
