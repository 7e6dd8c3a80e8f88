package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * #11 item 2 in the browser: the city administrator creates a service of its own (a unique code, so
 * the demo's わかばコイン and its 1 % stay as other tests expect them) and a 5 % campaign on it with a
 * budget cap, in force now; a resident's bank charge then gets the premium, and the campaign list
 * shows the budget used and remaining. A window clerk reads the campaigns but gets no form to
 * change them (the ledger refuses the change itself: CampaignAdministrationIntegrationTest). Every
 * page is checked by axe-core and saved as screenshots in Japanese and English.
 */
class CampaignBrowserIT {

  private static final String HANAKO = "hanako@example.jp";

  private Browser browser;

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("campaign-" + test.getTestMethod().orElseThrow().getName(), "ja");
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  private void logIn(String portal, String loginName) {
    browser.open(portal, "/app/home.xhtml");
    browser.login(loginName, PortalClient.PASSWORD);
    assertTrue(browser.path().endsWith("/app/home.xhtml"), browser.path());
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

  @Test
  void anAdministratorsCampaignAppliesToTheNextChargeWithinItsBudget() {
    String suffix = Long.toString(System.currentTimeMillis() % 100_000_000L, 36).toUpperCase();
    String service = "IT" + suffix;
    String campaign = "ブラウザテスト 5% " + suffix;

    // A service of its own: money, charged by bank transfer 1,000 to 10,000 yen.
    logIn("admin", "city-admin");
    browser.click("nav-services");
    assertTrue(browser.path().endsWith("/app/services.xhtml"), browser.path());
    browser.check("services");
    browser.type("serviceForm:code", service);
    browser.type("serviceForm:nameJa", "テスト通貨 " + suffix);
    browser.type("serviceForm:nameEn", "Test coin " + suffix);
    browser.type("serviceForm:holdingLimit", "50000"); // R-14; the charge page shows it below
    browser.element("serviceForm:rules:0:offered").click(); // BANK
    browser.type("serviceForm:rules:0:min", "1000");
    browser.type("serviceForm:rules:0:max", "10000");
    browser.type("serviceForm:rules:0:unit", "1");
    browser.click("serviceForm:create");
    assertTrue(
        browser.text("messages").contains("サービス " + service + " を作成しました"),
        browser.text("messages"));
    String row = browser.text("service-" + service);
    assertTrue(row.contains("銀行: 1,000〜10,000 円(1 円単位)"), row);
    assertTrue(row.contains("50,000"), row);

    // A new version of its rules: at the earliest 30 seconds ahead, when every server's cache of
    // the old rules has expired; the list shows it as announced.
    browser.driver().findElement(By.xpath("//tr[@id='service-" + service + "']//a")).click();
    assertTrue(browser.present("shopsForm"), browser.path());
    browser.type("serviceForm:effectiveFrom", "2020-01-01 00:00");
    browser.click("serviceForm:saveRules");
    assertTrue(browser.text("messages").contains("今から30秒後以降に適用できます"), browser.text("messages"));
    browser.type("serviceForm:effectiveFrom", "");
    browser.click("serviceForm:saveRules");
    assertTrue(
        browser.text("messages").contains(service + " の新しい条件を保存しました"), browser.text("messages"));
    // As soon as possible is seconds away: the time promised is shown to the second.
    assertTrue(
        browser.text("messages").matches("(?s).*\\d{2}:\\d{2}:\\d{2} から適用されます.*"),
        browser.text("messages"));
    assertTrue(
        browser.text("service-" + service).matches("(?s).*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}.*"));
    browser.check("service-rules");

    // Bad input changes nothing and says why, in the page's language.
    browser.click("nav-campaigns");
    assertTrue(browser.path().endsWith("/app/campaigns.xhtml"), browser.path());
    new Select(browser.element("campaignForm:service")).selectByValue(service);
    browser.type("campaignForm:name", campaign);
    browser.type("campaignForm:rate", "0");
    browser.click("campaignForm:save");
    assertTrue(
        browser.text("messages").contains("プレミアムは0%より大きく100%以下にしてください。"), browser.text("messages"));
    assertFalse(browser.text("campaignList").contains(campaign));

    // A 5 % campaign with a budget of 800 yen, in force now.
    new Select(browser.element("campaignForm:service")).selectByValue(service);
    browser.type("campaignForm:name", campaign);
    browser.type("campaignForm:rate", "5");
    browser.type("campaignForm:cap", "800");
    browser.click("campaignForm:save");
    assertTrue(
        browser.text("messages").matches("(?s).*を保存しました。.*\\d{2}:\\d{2}:\\d{2} から適用されます.*"),
        browser.text("messages"));
    String listed = browser.text("campaignList");
    assertTrue(listed.contains(campaign), listed);
    browser.check("campaigns");

    // The resident's bank charge of 10,000 yen gets 5 % = 500 yen.
    browser.open("resident", "/app/home.xhtml");
    browser.login(HANAKO, PortalClient.PASSWORD);
    browser.open("resident", "/app/charge.xhtml");
    browser
        .driver()
        .findElement(By.xpath("//input[@name='chargeForm:service' and @value='" + service + "']"))
        .click();
    waitForText("limits", "保有上限 50,000 円"); // this service's limits, not わかばコイン's
    browser.type("chargeForm:amount", "10000");
    waitForText("previewLines", "プレミアム +5% = 500 円");
    browser.click("chargeForm:start");
    assertTrue(browser.path().endsWith("/resident/sim/bank.xhtml"), browser.path());
    browser.click("bankForm:sendCode");
    browser.type("bankForm:code", SmsInbox.newestCodeTo("090-0000-0001"));
    browser.click("bankForm:approve");
    assertTrue(browser.path().endsWith("/app/charge-result.xhtml"), browser.path());
    assertTrue(browser.text("headline").contains("10,500 円をチャージしました"), browser.text("headline"));

    // The second charge finds 300 yen left of the budget: the preview and the charge give that
    // part.
    browser.open("resident", "/app/charge.xhtml");
    browser
        .driver()
        .findElement(By.xpath("//input[@name='chargeForm:service' and @value='" + service + "']"))
        .click();
    waitForText("limits", "保有上限 50,000 円"); // this service's limits, not わかばコイン's
    browser.type("chargeForm:amount", "10000");
    waitForText("previewLines", "プレミアム +5% = 300 円"); // the part of the budget left
    browser.click("chargeForm:start");
    browser.click("bankForm:sendCode");
    browser.type("bankForm:code", SmsInbox.newestCodeTo("090-0000-0001"));
    browser.click("bankForm:approve");
    assertTrue(browser.text("headline").contains("10,300 円をチャージしました"), browser.text("headline"));

    // The city sees the budget used up.
    browser.open("admin", "/app/campaigns.xhtml");
    String campaignRow =
        browser.driver().findElement(By.xpath("//tr[td[text()='" + campaign + "']]")).getText();
    assertTrue(campaignRow.contains("800"), campaignRow);
    String id =
        browser
            .driver()
            .findElement(By.xpath("//tr[td[text()='" + campaign + "']]"))
            .getAttribute("id")
            .substring("campaign-".length());
    assertEquals("800", browser.text("used-" + id));
    assertEquals("0", browser.text("remaining-" + id));
  }

  @Test
  void aClerkReadsCampaignsButCannotChangeThem() {
    logIn("admin", "city-clerk");
    browser.click("nav-campaigns");
    assertTrue(browser.path().endsWith("/app/campaigns.xhtml"), browser.path());
    assertTrue(browser.text("readOnly").contains("変更はできません"), browser.text("readOnly"));
    assertFalse(browser.present("campaignForm"));
    assertTrue(browser.driver().findElements(By.linkText("変更")).isEmpty());
    browser.check("campaigns-clerk");
    // Asking for the edit form by its address shows no form either.
    browser.open("admin", "/app/campaigns.xhtml?edit=1");
    assertFalse(browser.present("campaignForm"));
    browser.click("nav-services");
    assertFalse(browser.present("serviceForm"));
    assertTrue(browser.present("readOnly"));
    browser.check("services-clerk");
  }

  /**
   * #12 item 1 (R-50): the administrator publishes a service's payout calendar (seed 000's
   * 売上金振込スケジュール, ISECA) on the services page: a file with a payout on a Saturday is refused with
   * its line and changes nothing; the seed's rows are published, 未定 included, and listed.
   */
  @Test
  void anAdministratorPublishesAServicesPayoutCalendar() throws Exception {
    String suffix = Long.toString(System.currentTimeMillis() % 100_000_000L, 36).toUpperCase();
    String service = "PC" + suffix;
    logIn("admin", "city-admin");
    browser.click("nav-services");
    browser.type("serviceForm:code", service);
    browser.type("serviceForm:nameJa", "振込テスト " + suffix);
    browser.type("serviceForm:nameEn", "Payout test " + suffix);
    browser.element("serviceForm:chargeable").click(); // not chargeable: no channel needed
    browser.click("serviceForm:create");
    assertTrue(
        browser.text("messages").contains("サービス " + service + " を作成しました"),
        browser.text("messages"));
    browser.driver().findElement(By.xpath("//tr[@id='service-" + service + "']//a")).click();
    assertTrue(browser.present("payoutCalendarForm"), browser.path());
    assertTrue(browser.present("payoutCalendarNone"));

    String header = "period_first,period_last,payout_date\n";
    java.nio.file.Path bad = java.nio.file.Files.createTempFile("calendar-bad", ".csv");
    java.nio.file.Files.writeString(
        bad, header + "2024-04-01,2024-04-15,2024-05-09\n2024-04-16,2024-04-30,2024-05-18\n");
    browser.element("payoutCalendarForm:calendarFile").sendKeys(bad.toString());
    browser.type("payoutCalendarForm:calendarReason", "令和6年度 公表");
    browser.click("payoutCalendarForm:uploadCalendar");
    assertTrue(
        // the closure in Japanese, not the ledger's code (WEEKEND)
        browser.text("messages").contains("3行目: 振込予定日2024-05-18(土日)は銀行が振り込みをしない日です"),
        browser.text("messages"));
    assertTrue(browser.present("payoutCalendarNone"));

    // seed 000's rows as the city's page prints them: 令和6年4月1日から15日まで → 令和6年5月9日 … 未定
    java.nio.file.Path seed = java.nio.file.Files.createTempFile("calendar-seed", ".csv");
    java.nio.file.Files.writeString(
        seed,
        header
            + "2024-03-16,2024-03-31,2024-04-15\n"
            + "2024-04-01,2024-04-15,2024-05-09\n"
            + "2024-04-16,2024-04-30,2024-05-16\n"
            + "2025-02-16,2025-02-28,2025-03-19\n"
            + "2025-03-01,2025-03-15,未定\n"
            + "2025-03-16,2025-03-31,未定\n");
    browser.element("payoutCalendarForm:calendarFile").sendKeys(seed.toString());
    browser.type("payoutCalendarForm:calendarReason", "令和6年度 公表");
    browser.click("payoutCalendarForm:uploadCalendar");
    assertTrue(
        browser.text("messages").contains(service + "の売上金振込スケジュールを公表しました。6期間(うち未定2期間)"),
        browser.text("messages"));
    String rows = browser.text("payoutCalendarRows");
    assertTrue(rows.contains("2024-04-01 – 2024-04-15 2024-05-09"), rows);
    assertTrue(rows.contains("2025-03-01 – 2025-03-15 未定"), rows);
    browser.check("services-payout-calendar");
  }
}
