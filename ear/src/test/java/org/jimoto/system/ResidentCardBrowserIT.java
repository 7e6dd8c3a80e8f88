package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * #10 items 7 and 8 in the browser: the public shop directory searched and filtered; the
 * public card balance inquiry with the SMS code read from the simulator's page; Taro moving
 * his own card into his app account, after another person's card is refused. Every page
 * state is checked by axe-core and saved in Japanese and English at 360 and 1280 px ({@link
 * Browser#check}).
 *
 * <p>Runs against the shared test server: it reads card 12345674 without changing it, and moves
 * only Taro's own demo card (12345690), which no other test uses; Taro's balance grows by that
 * card's 3,230 (3,000 + 30 premium in coins, 200 points).
 */
class ResidentCardBrowserIT {

  private static final String HARU_CARD = "12345674";
  private static final String HARU_PHONE = "080-0000-1234";
  private static final String TARO_CARD = "12345690";
  private static final String TARO_CARD_PHONE = "080-0000-5690";

  private Browser browser;

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("resident-card-" + test.getTestMethod().orElseThrow().getName(), "ja");
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  private String messages() {
    return browser.text("messages").trim();
  }

  private List<String> shopNames() {
    return browser.driver().findElements(By.cssSelector("#results .jm-shop h2")).stream()
        .map(WebElement::getText)
        .toList();
  }

  /** The security code printed on a demo card, from demo-logins.txt (shown once at load). */
  private static String securityCode(String card) throws Exception {
    String logins =
        Files.readString(Path.of(System.getProperty("jimoto.it.dataDir"), "demo-logins.txt"));
    Matcher m =
        Pattern.compile("^" + card + " .*security code (\\d{6})", Pattern.MULTILINE)
            .matcher(logins);
    assertTrue(m.find(), "security code of " + card + " in demo-logins.txt");
    return m.group(1);
  }

  @Test
  void theShopDirectoryIsSearchedAndFilteredWithoutLogin_R64() throws Exception {
    browser.open("resident", "/shops.xhtml");
    assertEquals("使えるお店", browser.text("shopsTitle"));
    List<String> all = shopNames();
    assertTrue(
        all.containsAll(List.of("わかば商店 本店", "わかば商店 駅前店", "喫茶 さくら", "わかば薬局 桜台店")), all.toString());
    assertFalse(all.contains("はなまるベーカリー"), "approved but not published by the city");
    browser.check("shops");

    // By name, in the address: the result can be bookmarked.
    browser.type("search:q", "さくら");
    browser.click("search:go");
    assertEquals(List.of("喫茶 さくら"), shopNames());
    assertTrue(browser.driver().getCurrentUrl().contains("q="), browser.driver().getCurrentUrl());

    // Cards and a service, kind of shop, area.
    browser.type("search:q", "");
    browser.element("search:card").click();
    browser.click("search:go");
    assertEquals(List.of("わかば商店 本店", "喫茶 さくら"), shopNames());
    assertTrue(browser.text("count").startsWith("2 件"), browser.text("count"));
    browser.check("shops-card");
    browser.language("en");
    assertEquals(List.of("Wakaba Shoten Main Store", "Cafe Sakura"), shopNames());
    browser.language("ja");

    browser.element("search:card").click();
    new Select(browser.element("search:svc")).selectByValue("WAKABA_POINT");
    new Select(browser.element("search:cat")).selectByValue("RESTAURANT");
    browser.click("search:go");
    assertEquals(List.of("喫茶 さくら"), shopNames());

    new Select(browser.element("search:svc")).selectByValue("");
    new Select(browser.element("search:cat")).selectByValue("");
    browser.type("search:area", "桜台");
    browser.click("search:go");
    assertEquals(List.of("わかば薬局 桜台店"), shopNames());
    assertTrue(browser.text("results").contains("専用カードは使えません"));

    browser.type("search:area", "存在しない町");
    browser.click("search:go");
    assertTrue(browser.present("none"));
    browser.check("shops-none");

    // The main shop's page: its photo (public), hours, address, services.
    browser.open("resident", "/shops.xhtml?q=本店");
    browser.driver().findElement(By.cssSelector("#results a.jm-shop-link")).click();
    assertEquals("わかば商店 本店", browser.text("shopTitle"));
    assertEquals("9:00〜20:00 年中無休", browser.text("hours"));
    assertEquals("若葉川市本町1-2-3", browser.text("address"));
    assertTrue(browser.text("services").contains("わかばポイント"), browser.text("services"));
    String src =
        browser.driver().findElement(By.cssSelector(".jm-detail-photos img")).getAttribute("src");
    var visitor = new PortalClient("resident");
    var photo = visitor.get(src.substring(src.indexOf("/shop-photo")));
    assertEquals(200, photo.statusCode());
    assertTrue(photo.contentType().startsWith("image/png"), photo.contentType());
    assertEquals(404, visitor.get("/shop-photo?id=x").statusCode());
    browser.check("shop-detail");
    // The language switch keeps the shop shown, now with its English name.
    browser.language("en");
    assertEquals("Wakaba Shoten Main Store", browser.text("shopTitle"));
    browser.language("ja");

    // An unknown or unpublished shop's page says only that it is not listed.
    browser.open("resident", "/shop.xhtml?id=999999999");
    assertTrue(browser.present("notListed"));
  }

  @Test
  void aCardMemberSeesTheBalanceWithTheSmsCode_R85() {
    browser.open("resident", "/card.xhtml");
    assertEquals("専用カードの残高照会", browser.text("cardTitle"));
    browser.check("card");

    browser.type("inquiry:memberCode", "12345675"); // a typing error: the check digit says so
    browser.click("inquiry:sendCode");
    assertTrue(messages().startsWith("会員番号が正しくありません。"), messages());

    browser.type("inquiry:memberCode", HARU_CARD);
    browser.click("inquiry:sendCode");
    assertTrue(messages().startsWith("このカードに携帯電話が登録されていれば"), messages());
    browser.check("card-code");

    String code = SmsInbox.newestCodeTo(HARU_PHONE);
    String wrong = code.equals("000000") ? "111111" : "000000";
    browser.type("inquiry:oneTimeCode", wrong);
    browser.click("inquiry:show");
    assertTrue(messages().startsWith("確認コードが正しくないか"), messages());

    browser.type("inquiry:oneTimeCode", code);
    browser.click("inquiry:show");
    assertTrue(browser.text("cardNumber").contains(HARU_CARD));
    String coins = browser.text("balance-WAKABA_COIN");
    assertTrue(coins.endsWith(" 円"), coins);
    assertFalse(browser.driver().findElements(By.cssSelector("tr.jm-lot")).isEmpty());
    assertFalse(browser.driver().findElements(By.cssSelector("tr.jm-recent")).isEmpty());
    assertTrue(browser.text("recent").contains("チャージ"), browser.text("recent"));
    browser.check("card-statement");
    browser.language("en");
    assertTrue(browser.text("balance-WAKABA_COIN").endsWith(" yen"), "the statement stays");
  }

  @Test
  void taroMovesHisOwnCardIntoTheApp_andAnotherPersonsCardIsRefused_R84() throws Exception {
    browser.open("resident", "/app/card-move.xhtml");
    browser.login("taro@example.jp", PortalClient.PASSWORD);
    if (!browser.path().endsWith("/app/card-move.xhtml")) {
      browser.open("resident", "/app/card-move.xhtml");
    }
    assertEquals("カードをアプリに移す", browser.text("moveTitle"));
    browser.check("card-move");

    // Haru's card with its right security code: not Taro's, one answer, no SMS to Haru.
    long haruMessages =
        SmsInbox.messages().stream().filter(m -> m.phone().equals(HARU_PHONE)).count();
    browser.type("move:memberCode", HARU_CARD);
    browser.type("move:securityCode", securityCode(HARU_CARD));
    browser.click("move:next");
    assertTrue(messages().startsWith("会員番号かセキュリティコードが正しくないか"), messages());
    assertEquals(
        haruMessages,
        SmsInbox.messages().stream().filter(m -> m.phone().equals(HARU_PHONE)).count());
    browser.check("card-move-refused");

    // His own card: the SMS goes to the card's phone; what will move is shown first.
    browser.type("move:memberCode", TARO_CARD);
    browser.type("move:securityCode", securityCode(TARO_CARD));
    browser.click("move:next");
    assertTrue(messages().contains("***-****-5690"), messages());
    assertEquals(3, browser.driver().findElements(By.cssSelector("#preview tr.jm-lot")).size());
    browser.check("card-move-code");

    browser.type("move:smsCode", SmsInbox.newestCodeTo(TARO_CARD_PHONE));
    browser.click("move:confirm");
    assertTrue(messages().startsWith("カードの残高をアプリに移しました。"), messages());
    List<String> moved =
        browser.driver().findElements(By.cssSelector("#moved tr.jm-lot")).stream()
            .map(WebElement::getText)
            .toList();
    assertEquals(3, moved.size(), moved.toString());
    assertTrue(moved.stream().anyMatch(r -> r.contains("3,000")), moved.toString());
    assertTrue(moved.stream().anyMatch(r -> r.contains("200")), moved.toString());
    browser.check("card-move-done");

    // The same card again: already moved, nothing moves twice.
    browser.open("resident", "/app/card-move.xhtml");
    browser.type("move:memberCode", TARO_CARD);
    browser.type("move:securityCode", securityCode(TARO_CARD));
    browser.click("move:next");
    assertTrue(messages().startsWith("このカードはすでにアプリに移してあります。"), messages());
  }
}
