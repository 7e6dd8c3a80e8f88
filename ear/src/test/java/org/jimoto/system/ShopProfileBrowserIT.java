package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The shop page in the browser (#9 item 8): a shop account edits its shop's profile and uploads a
 * photo (and has a fake one refused), and cannot touch the bank account; the business account looks
 * up a bank and branch in the Zengin list, has a wrong branch code refused, and sets the account
 * with the holder's name converted to half-width kana as it types. Every page state is checked by
 * axe-core and saved in Japanese and English at 360 and 1280 px ({@link Browser#check}).
 *
 * <p>It runs against the shared test server: it changes no shop name other tests read, and removes
 * the photo it adds (a shop has at most five).
 */
class ShopProfileBrowserIT {

  private Browser browser;

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("shop-" + test.getTestMethod().orElseThrow().getName(), "ja");
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  private void logIn(String loginName) {
    browser.open("merchant", "/app/shop.xhtml");
    browser.login(loginName, PortalClient.PASSWORD);
    if (!browser.path().endsWith("/app/shop.xhtml")) {
      browser.open("merchant", "/app/shop.xhtml");
    }
    assertTrue(browser.path().endsWith("/merchant/app/shop.xhtml"), browser.path());
  }

  private String messages() {
    return browser.text("messages").trim();
  }

  private static Path file(String name, byte[] content) throws Exception {
    Path dir = Files.createTempDirectory("jimoto-shop-photo");
    return Files.write(dir.resolve(name), content);
  }

  private static Path photo() throws Exception {
    var img = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(0xFFF3E0));
    g.fillRect(0, 0, 800, 600);
    g.setColor(new Color(0x2E7D32));
    g.fillRect(100, 200, 600, 300);
    g.setColor(new Color(0xE65100));
    g.fillOval(300, 60, 200, 200);
    g.dispose();
    Path dir = Files.createTempDirectory("jimoto-shop-photo");
    Path png = dir.resolve("storefront.png");
    ImageIO.write(img, "png", png.toFile());
    return png;
  }

  private int photos() {
    return browser.driver().findElements(By.cssSelector(".jm-photos img")).size();
  }

  @Test
  void aShopAccountEditsItsProfileAndUploadsAPhoto() throws Exception {
    logIn("wakaba-ekimae");
    assertEquals("わかば商店 駅前店", browser.element("profileForm:nameJa").getAttribute("value"));
    assertEquals("不可", browser.text("cardAccepted"), "R-01: set by the city, shown read-only");
    assertTrue(browser.text("services").contains("わかばコイン"), browser.text("services"));
    assertFalse(browser.present("profileForm:cardAccepted"), "no field for it");
    // a shop account at the till sees the bank account, masked, but cannot change it.
    assertFalse(browser.present("bankForm"));
    assertTrue(browser.text("bankBusinessOnly").startsWith("振込先口座を変更できるのは事業者アカウントだけです。"));
    browser.check("profile");

    // A bad phone number: named, nothing saved.
    browser.type("profileForm:phone", "03-12");
    new Select(browser.element("profileForm:category")).selectByValue("");
    browser.type("profileForm:hours", "10:00〜19:00\n水曜定休");
    browser.click("profileForm:save");
    // Every refused field is named at once.
    assertEquals(
        "業種: 業種を選んでください。\n電話番号: 電話番号は0で始まる10桁または11桁で入力してください(例: 0270-24-1111)。", messages());
    assertEquals("true", browser.element("profileForm:phone").getAttribute("aria-invalid"));
    browser.check("profile-refused");

    browser.type("profileForm:phone", "0270-00-0002");
    browser.type("profileForm:nameEn", "Wakaba Shoten Ekimae");
    new Select(browser.element("profileForm:category")).selectByValue("GROCERY");
    browser.click("profileForm:save");
    assertEquals("店舗情報を保存しました。", messages());
    assertEquals(
        "Wakaba Shoten Ekimae", browser.element("profileForm:nameEn").getAttribute("value"));
    assertEquals("10:00〜19:00\n水曜定休", browser.element("profileForm:hours").getAttribute("value"));
    browser.check("profile-saved");

    // A text file named .png is refused by its content, whatever its name says.
    int before = photos();
    browser
        .element("photoForm:photo")
        .sendKeys(
            file("storefront.png", "not a photo at all\n".getBytes(StandardCharsets.UTF_8))
                .toString());
    browser.click("photoForm:upload");
    assertEquals(
        "写真: このファイルはJPEGまたはPNGの写真ではありません(ファイル名に関係なく、中身で判断しています)。JPEGかPNGを選んでください。", messages());
    assertEquals(before, photos());
    browser.check("photo-refused");

    browser.element("photoForm:photo").sendKeys(photo().toString());
    browser.click("photoForm:upload");
    assertEquals("写真を追加しました。", messages());
    assertEquals(before + 1, photos());
    List<WebElement> images = browser.driver().findElements(By.cssSelector(".jm-photos img"));
    WebElement added = images.get(images.size() - 1);
    new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
        .until(
            d ->
                Boolean.TRUE.equals(
                    browser
                        .driver()
                        .executeScript(
                            "return arguments[0].complete && arguments[0].naturalWidth === 800",
                            added)));
    browser.check("photo-added");

    // the photo is served to the logins of its shop's business only, whatever id is asked.
    String src =
        browser.driver().findElements(By.cssSelector(".jm-photos img")).stream()
            .reduce((a, b) -> b)
            .orElseThrow()
            .getAttribute("src");
    String photoPath = src.substring(src.indexOf("/app/shop-photo"));
    var owner = new PortalClient("merchant");
    owner.login("wakaba-owner", PortalClient.PASSWORD);
    var served = owner.get(photoPath);
    assertEquals(200, served.statusCode());
    assertTrue(served.contentType().startsWith("image/png"), served.contentType());
    assertEquals(
        800, ImageIO.read(new java.io.ByteArrayInputStream(served.bodyAsBytes())).getWidth());
    var till = new PortalClient("merchant");
    till.login("wakaba-honten", PortalClient.PASSWORD); // the business's other shop
    assertEquals(404, till.get(photoPath).statusCode());
    assertEquals(404, till.get("/app/shop-photo?id=x").statusCode());

    // Removed again (the test server is shared; a shop holds five at most).
    List<WebElement> shown = browser.driver().findElements(By.cssSelector(".jm-photos li button"));
    String removeId = shown.get(shown.size() - 1).getAttribute("id");
    browser.click(removeId);
    assertEquals("写真を削除しました。", messages());
    assertEquals(before, photos());
  }

  @Test
  void theBusinessAccountSetsTheBankAccountFromTheZenginList_R54() {
    logIn("wakaba-owner");
    assertTrue(browser.present("bankForm"));
    browser.check("bank");

    // The bank by its name: the suggestion gives the code.
    choose("bankForm:bankCode", "みずほ", "0001 みずほ");
    waitForText("bankForm:bankLookup", "みずほ (0001)");
    // A branch code みずほ does not have.
    browser.type("bankForm:branchCode_input", "999");
    browser.element("bankForm:number").click(); // leaves the field: its lookup
    waitForText("bankForm:branchLookup", "この金融機関に、このコードの支店はありません。");
    browser
        .element("bankForm:type")
        .findElement(By.cssSelector("label[for='bankForm:type:0']"))
        .click();
    browser.type("bankForm:number", "12345");
    browser.type("bankForm:holder", "やまだ　たろう");
    waitForText("holderKana", "ﾔﾏﾀﾞ ﾀﾛｳ");
    browser.click("bankForm:saveBank");
    assertEquals("支店: みずほ に支店コード 999 の支店はありません。", messages());
    browser.check("bank-refused");

    choose("bankForm:branchCode", "001", "001 東京営業部");
    waitForText("bankForm:branchLookup", "東京営業部 (001)");
    browser.type("bankForm:number", "12345");
    browser.type("bankForm:holder", "やまだ　たろう");
    waitForText("holderKana", "ﾔﾏﾀﾞ ﾀﾛｳ");
    browser.check("bank-filled");
    browser.click("bankForm:saveBank");
    assertEquals("振込先口座を保存しました。", messages());
    assertEquals("みずほ (0001)", browser.text("currentBank"));
    assertEquals("東京営業部 (001)", browser.text("currentBranch"));
    assertEquals("普通", browser.text("currentType"));
    assertEquals("****345", browser.text("currentNumber"), "0012345, masked");
    assertEquals("ﾔﾏﾀﾞ ﾀﾛｳ", browser.text("currentHolder"));
    browser.check("bank-saved");
  }

  /** Types into a PrimeFaces autoComplete and picks the suggestion with that label. */
  private void choose(String id, String typed, String label) {
    browser.type(id + "_input", typed);
    WebElement item =
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
            .until(
                d ->
                    d.findElements(By.cssSelector("[id='" + id + "_panel'] li")).stream()
                        .filter(li -> li.isDisplayed() && label.equals(li.getText().trim()))
                        .findFirst()
                        .orElse(null));
    item.click();
  }

  private void waitForText(String id, String text) {
    // An ajax update replaces the element: read it anew until it says so.
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> text.equals(d.findElement(By.id(id)).getText().trim()));
  }
}
