package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * #10 items 2 and 3 in the browser: the resident's home (balance with its expiry, bonuses on the
 * way, the city's notices, the maintenance banner) and charging through the simulated bank with its
 * SMS code (R-20, the 1 % premium of R-10, 3 % in points the next day of R-22), and a card charge
 * the card company declines, which shows its message and changes nothing. Every page is checked by
 * axe-core and saved as screenshots in Japanese and English at 360 and 1280 px.
 *
 * <p>Hanako (demo) starts with 10,000 yen charged from her bank plus the 1 % premium, and 300
 * points due tomorrow from that charge.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResidentChargeBrowserIT {

  private static final String HANAKO = "hanako@example.jp";

  private Browser browser;

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("resident-" + test.getTestMethod().orElseThrow().getName(), "ja");
    browser.width(Browser.PHONE);
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  private static LocalDate fiscalYearEnd() {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
    int year = today.getMonthValue() >= 4 ? today.getYear() + 1 : today.getYear();
    return LocalDate.of(year, 3, 31);
  }

  private void waitForText(String id, String text) {
    try {
      new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
          .until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    } catch (org.openqa.selenium.TimeoutException e) {
      browser.screenshot("FAILED-" + id);
      throw new AssertionError(
          "no '"
              + text
              + "' in #"
              + id
              + ":\n"
              + browser.driver().findElement(By.tagName("body")).getText(),
          e);
    }
  }

  private String coinBalance() {
    browser.open("resident", "/app/home.xhtml");
    return browser.element("balance-WAKABA_COIN").findElement(By.className("jr-balance")).getText();
  }

  private void openCharge(String amount, boolean card) {
    browser.open("resident", "/app/charge.xhtml");
    if (card) {
      browser.element("chargeForm:channel:1").click();
      waitForText("limits", "49,000");
    }
    browser.type("chargeForm:amount", amount);
  }

  /**
   * R-22: the demo charge's 300 points are due the day after the server loaded the demo data (JST).
   * Before the 00:20 bonus job they are listed as due "明日" (same day) or "今日" (the JST date has
   * turned since the load); after it they are in the point balance and no longer listed.
   */
  private void demoBonusIsOnItsWayOrPaid() {
    String points = browser.text("balance-WAKABA_POINT");
    if (points.contains("3,300 pt")) {
      return; // paid by the 00:20 job: the balance above is the proof
    }
    assertTrue(points.contains("3,000 pt"), points);
    String pending = browser.text("pending");
    assertTrue(pending.contains("明日 300 pt") || pending.contains("今日 300 pt"), pending);
  }

  @Test
  void homeThenBankChargeWithTheOnePercentPremium_R10_R20_R22() {
    browser.open("resident", "/app/home.xhtml");
    browser.login(HANAKO, PortalClient.PASSWORD);
    assertTrue(browser.path().endsWith("/resident/app/home.xhtml"), browser.path());

    // Home: the balance, what expires first, the rest of the breakdown, bonuses and notices.
    String card = browser.text("balance-WAKABA_COIN");
    assertTrue(card.contains("10,100 円"), card);
    String nextExpiring = "100 円 は " + fiscalYearEnd() + " まで"; // the premium part
    assertTrue(card.contains(nextExpiring), card);
    assertTrue(card.contains("10,000 円 は "), card); // the charged part, two years
    demoBonusIsOnItsWayOrPaid();
    assertTrue(browser.text("notices").contains("いつでもチャージ 1% 実施中"));
    // R-57: the demo's night maintenance three days ahead, on every portal's pages.
    assertTrue(browser.text("maintenanceBanner").contains("メンテナンスのお知らせ"));
    assertTrue(browser.text("maintenanceBanner").contains("システム更新のため"));
    browser.check("home");

    // Charge: limits before typing, then the ledger's live preview.
    browser.click("chargeLink");
    assertTrue(browser.path().endsWith("/app/charge.xhtml"), browser.path());
    String limits = browser.text("limits");
    assertTrue(limits.contains("1回 1,000 円 〜 10,000 円(1 円 単位)"), limits);
    assertTrue(limits.contains("保有上限 100,000 円"), limits);
    browser.type("chargeForm:amount", "10000");
    waitForText("previewLines", "プレミアム +1% = 100 円、" + fiscalYearEnd() + " まで");
    String preview = browser.text("previewLines");
    assertTrue(preview.contains("+3% = 300 pt(わかばポイント、明日に付与)"), preview);
    assertTrue(preview.contains("チャージ後の残高 20,200 円"), preview);
    browser.check("charge");

    // The bank's page, its SMS code, and back.
    browser.click("chargeForm:start");
    assertTrue(browser.path().endsWith("/resident/sim/bank.xhtml"), browser.path());
    assertEquals("10,000 円", browser.text("simAmount"));
    browser.check("bank");
    browser.click("bankForm:sendCode");
    browser.type("bankForm:code", SmsInbox.newestCodeTo("090-0000-0001"));
    browser.click("bankForm:approve");
    assertTrue(browser.path().endsWith("/app/charge-result.xhtml"), browser.path());
    assertEquals("わかばコインに 10,100 円をチャージしました", browser.text("headline"));
    String lines = browser.text("resultLines");
    assertTrue(lines.contains("プレミアム分 100 円(" + fiscalYearEnd() + " まで)"), lines);
    assertTrue(lines.contains("わかばコインの残高 20,200 円"), lines);
    browser.check("result");
    // Reloading the result page answers with the same charge: credited once.
    browser.driver().navigate().refresh();
    assertEquals("わかばコインに 10,100 円をチャージしました", browser.text("headline"));

    browser.click("homeLink");
    assertTrue(browser.text("balance-WAKABA_COIN").contains("20,200 円"));
    assertTrue(browser.text("pending").contains("明日 300 pt"));
  }

  @Test
  void aDeclinedCardChargeShowsItsMessageAndChangesNothing() {
    browser.open("resident", "/app/home.xhtml");
    browser.login(HANAKO, PortalClient.PASSWORD);
    String before = coinBalance();

    // 1,111 yen asks the card simulator to decline (listed on its page).
    openCharge("1111", true);
    waitForText("previewLines", "プレミアム +1% = 11 円");
    browser.click("chargeForm:start");
    assertTrue(
        browser.path().endsWith("/resident/sim/card.xhtml"),
        () -> browser.path() + "\n" + browser.driver().findElement(By.tagName("body")).getText());
    assertTrue(browser.driver().getPageSource().contains("1,111 円"));
    browser.type("cardForm:cardNumber", "4111 1111 1111 1111");
    browser.type("cardForm:password", "1234");
    browser.check("card"); // the language switch re-renders the page: the fields are empty again
    browser.type("cardForm:cardNumber", "4111 1111 1111 1111");
    browser.type("cardForm:password", "1234");
    browser.click("cardForm:approve");
    assertTrue(browser.path().endsWith("/app/charge-result.xhtml"), browser.path());
    assertEquals("チャージできませんでした", browser.text("headline"));
    assertTrue(
        browser.text("refusal").startsWith("カード会社がチャージを承認しませんでした。チャージは行われていません。"),
        browser.text("refusal"));
    browser.check("card-declined");
    browser.language("en");
    assertTrue(
        browser
            .text("refusal")
            .startsWith("The card company declined the charge. Nothing was charged."),
        browser.text("refusal"));
    browser.language("ja");

    assertEquals(before, coinBalance());

    // Over the bank's per-charge maximum: the ledger's preview says so before any provider.
    openCharge("10001", false);
    waitForText("previewRefusal", "1回あたりのチャージ上限額は 10,000 円です");
  }

  /**
   * #10 money review (V19): a card approval whose answer is lost (3,333 yen at the simulator) is
   * "being confirmed", not a failure; the charge page lists it until the card company's late answer
   * credits it once.
   */
  @Test
  @Order(Integer.MAX_VALUE) // last: the other tests count on Hanako's demo balance
  void aLostAnswerIsBeingConfirmedAndCreditedOnceWhenItArrives() {
    browser.open("resident", "/app/home.xhtml");
    browser.login(HANAKO, PortalClient.PASSWORD);
    long before = Long.parseLong(coinBalance().replaceAll("[^0-9]", ""));

    openCharge("3333", true);
    waitForText("previewLines", "プレミアム +1% = 33 円");
    browser.click("chargeForm:start");
    assertTrue(browser.path().endsWith("/resident/sim/card.xhtml"), browser.path());
    browser.type("cardForm:cardNumber", "4111 1111 1111 1111");
    browser.type("cardForm:password", "1234");
    browser.click("cardForm:approve");
    assertTrue(browser.path().endsWith("/app/charge-result.xhtml"), browser.path());
    assertEquals("確認中", browser.text("headline"));
    String confirming = browser.text("confirming");
    assertTrue(confirming.contains("3,333 円"), confirming);
    assertTrue(confirming.contains("カード会社に確認しています"), confirming);
    assertTrue(!browser.present("refusal"), "not shown as a failure");
    browser.check("result-confirming");
    String simulator = browser.element("simulatorLink").getAttribute("href");

    browser.open("resident", "/app/charge.xhtml");
    String unfinished = browser.text("unfinished");
    assertTrue(unfinished.contains("3,333 円"), unfinished);
    assertTrue(unfinished.contains("確認中"), unfinished);
    browser.check("charge-unfinished");

    browser.driver().get(simulator);
    browser.click("lateForm:sendLate");
    assertEquals(before + 3_366, Long.parseLong(coinBalance().replaceAll("[^0-9]", "")));
    browser.driver().get(simulator);
    browser.click("lateForm:sendLate"); // sent again: credited once
    assertEquals(before + 3_366, Long.parseLong(coinBalance().replaceAll("[^0-9]", "")));
    browser.open("resident", "/app/charge.xhtml");
    assertTrue(!browser.present("unfinished"), "nothing left to confirm");
  }

  @Test
  void anUnverifiedResidentIsSentToIdentityVerification_R21_R91() {
    browser.open("resident", "/app/charge.xhtml");
    browser.login("taro@example.jp", PortalClient.PASSWORD);
    browser.open("resident", "/app/charge.xhtml");
    assertEquals("わかばコインのチャージには、先にマイナンバーカードによる本人確認が必要です。", browser.text("identityMessage"));
    assertTrue(browser.present("chargeForm:identityLink"));
    assertTrue(!browser.present("chargeForm:start"), "no way to the bank's page");
    browser.check("charge-unverified");
    browser.language("en");
    assertEquals(
        "Charging Wakaba Coin requires My Number Card verification first.",
        browser.text("identityMessage"));
    browser.language("ja");
  }
}
