package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Merchant onboarding in the browser (#11 item 1, R-60..R-64): the public application form, the
 * city's review queue, the approval whose credentials mail arrives over SMTP, the shop published in
 * the directory, and the merchant's first login with its forced password change, the city
 * reissuing a login's credentials by mail (#11 reissue); a form lacking one eligibility declaration
 * is refused and stores nothing; a window clerk has no part in the review. Each test makes its own
 * applicant (unique names and address), so it depends on no other test. Every page is checked by
 * axe-core and saved in ja/en at 360 and 1280 px.
 */
class OnboardingBrowserIT {

  private static final String NEW_PASSWORD = "hinode-bridge-4821";

  private Browser browser;
  private String unique;
  private String email;

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("onboarding-" + test.getTestMethod().orElseThrow().getName(), "ja");
    unique = String.valueOf(System.currentTimeMillis() % 100_000_000L);
    email = "apply-" + unique + "@example.jp";
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  /**
   * R-60 → R-61 → R-62 → R-64: an applicant fills the public form (no login) with every
   * declaration; a CITY_ADMIN approves it; the mail with both logins arrives over SMTP; the city
   * publishes the shop; the shop account's first login must change its one-time password.
   */
  @Test
  void anApprovedApplicationMailsTheLoginsAndTheFirstLoginChangesThePassword_R60_R61_R62_R64() {
    browser.open("merchant", "/login.xhtml");
    browser.click("toApply");
    assertTrue(browser.path().endsWith("/merchant/apply.xhtml"), browser.path());
    browser.check("apply-form");
    fillForm();
    for (int i = 0; i < 5; i++) {
      tick(i);
    }
    browser.click("applyForm:submit");
    String sent = browser.text("applySentText");
    Matcher number = Pattern.compile("申請番号 (\\d+)").matcher(sent);
    assertTrue(number.find(), sent);
    String id = number.group(1);
    browser.check("apply-sent");

    // The city's review: the queue lists it; opened, it shows the form and declarations.
    browser.forgetCookies();
    browser.open("admin", "/app/applications.xhtml");
    browser.login("city-admin", PortalClient.PASSWORD);
    browser.open("admin", "/app/applications.xhtml");
    assertTrue(browser.path().endsWith("/admin/app/applications.xhtml"), browser.path());
    assertTrue(browser.text("applicationList").contains("テスト商事 " + unique));
    browser.check("queue");
    browser.open("admin", "/app/applications.xhtml?status=SUBMITTED&id=" + id);
    assertEquals("テスト商事 " + unique, browser.text("openedBusiness"));
    assertTrue(browser.text("openedBank").contains("****345"), "the number masked");
    assertTrue(browser.text("openedBank").contains("ﾔﾏﾀﾞ ﾀﾛｳ"), "the holder in half-width kana");
    assertEquals(5, browser.driver().findElements(By.cssSelector("#declarations li")).size());
    browser.check("review");
    browser.click("decideForm:approve");
    assertEquals("申請 " + id + " を承認しました。ログイン情報を申請者にメールします。", browser.text("messages").trim());
    assertEquals("承認済み", browser.text("openedStatus"));
    assertEquals("未公開", browser.text("openedPublished"), "R-64: not in the directory yet");
    browser.check("approved");

    // the logins arrive by mail, over SMTP.
    MailInbox.Mail mail = MailInbox.await(email, 1);
    assertTrue(mail.subject().contains("加盟店登録のご案内"), mail.subject());
    List<String[]> logins = logins(mail.body());
    assertEquals(2, logins.size(), mail.body());
    String ownerLogin = logins.get(0)[0];
    String shopLogin = logins.get(1)[0];
    assertNotEquals(ownerLogin, shopLogin);
    assertTrue(browser.text("openedCodes").toLowerCase().contains(shopLogin), "the shop's code");

    // published once the kit was handed over, by its own action.
    browser.click("publishForm:publish");
    assertEquals("公開中", browser.text("openedPublished"));
    assertFalse(browser.present("publishForm"), "published once");
    browser.click("toKitOrders");
    assertTrue(browser.path().endsWith("/admin/app/kit-orders.xhtml"), "kit orders still listed");

    // the shop account's first login only opens the password page.
    browser.forgetCookies();
    browser.open("merchant", "/app/home.xhtml");
    browser.login(shopLogin, logins.get(1)[1]);
    assertTrue(browser.path().endsWith("/merchant/app/password.xhtml"), browser.path());
    assertEquals("はじめてのログインです。続けるには、パスワードを変更してください。", browser.text("mustChange"));
    browser.type("passwordForm:current", logins.get(1)[1]);
    browser.type("passwordForm:next", NEW_PASSWORD);
    browser.type("passwordForm:confirmation", NEW_PASSWORD);
    browser.click("passwordForm:submit");
    assertTrue(browser.path().endsWith("/merchant/app/home.xhtml"), browser.path());
    assertEquals("ようこそ、テスト商店 " + unique + " さん", browser.text("welcome"));
    browser.check("merchant-home");

    // #11 reissue: the business account's person lost the mail; the city sends new
    // credentials, after a confirmation with the reason. The new password arrives by mail only.
    browser.forgetCookies();
    browser.open("admin", "/app/applications.xhtml");
    browser.login("city-admin", PortalClient.PASSWORD);
    browser.open("admin", "/app/applications.xhtml?status=APPROVED&id=" + id);
    assertTrue(browser.text("login-" + ownerLogin).contains("仮パスワード"), "still temporary");
    assertTrue(browser.text("login-" + shopLogin).contains("加盟店が設定済み"), "changed above");
    browser.check("merchant-logins");
    browser.click("loginsForm:logins:0:reissue"); // the business account is listed first
    browser.type("reissueForm:reissueReason", "メール紛失(電話で依頼)");
    assertEquals(List.of(), browser.axeViolations(), "the confirmation dialog");
    browser.screenshot("reissue-confirm");
    browser.click("reissueForm:confirmReissue");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(d -> browser.text("messages").contains(ownerLogin + " の新しいログイン情報を事業者にメールで送りました"));
    MailInbox.Mail again = MailInbox.await(email, 2);
    assertTrue(again.subject().contains("ログイン情報の再発行"), again.subject());
    List<String[]> reissued = logins(again.body());
    assertEquals(1, reissued.size(), again.body());
    assertEquals(ownerLogin, reissued.get(0)[0]);
    assertFalse(browser.driver().getPageSource().contains(reissued.get(0)[1]), "never shown");

    // An auditor sees the logins, without the action.
    browser.forgetCookies();
    browser.open("admin", "/app/applications.xhtml");
    browser.login("city-auditor", PortalClient.PASSWORD);
    browser.open("admin", "/app/applications.xhtml?status=APPROVED&id=" + id);
    assertTrue(browser.present("login-" + ownerLogin));
    assertFalse(browser.present("loginsForm:logins:0:reissue"), "an auditor reissues nothing");

    // The first mail's password no longer opens the business account; the new one does, and
    // must be changed first.
    browser.forgetCookies();
    browser.open("merchant", "/app/home.xhtml");
    browser.login(ownerLogin, logins.get(0)[1]);
    assertTrue(browser.present("loginForm:password"), "refused: " + browser.path());
    browser.forgetCookies();
    browser.open("merchant", "/app/home.xhtml");
    browser.login(ownerLogin, reissued.get(0)[1]);
    assertTrue(browser.path().endsWith("/merchant/app/password.xhtml"), browser.path());
  }

  /**
   * #11 review finding 5: the correction link's page fills the form again, but never shows the full
   * bank account number: it is masked and typed again.
   */
  @Test
  void aCorrectionLinkShowsTheAccountNumberMaskedOnly() {
    browser.open("merchant", "/apply.xhtml");
    fillForm();
    for (int i = 0; i < 5; i++) {
      tick(i);
    }
    browser.click("applyForm:submit");
    Matcher number = Pattern.compile("申請番号 (\\d+)").matcher(browser.text("applySentText"));
    assertTrue(number.find(), browser.text("applySentText"));
    String id = number.group(1);

    browser.forgetCookies();
    browser.open("admin", "/app/applications.xhtml");
    browser.login("city-admin", PortalClient.PASSWORD);
    browser.open("admin", "/app/applications.xhtml?status=SUBMITTED&id=" + id);
    browser.type("decideForm:reason", "店舗の電話番号をご確認ください。");
    browser.click("decideForm:askCorrection");

    MailInbox.Mail mail = MailInbox.await(email, 1);
    Matcher link = Pattern.compile("apply\\.xhtml\\?correction=(\\S+)").matcher(mail.body());
    assertTrue(link.find(), mail.body());
    browser.forgetCookies();
    browser.open("merchant", "/apply.xhtml?correction=" + link.group(1));
    assertEquals(
        "テスト商事 " + unique, browser.element("applyForm:businessName").getAttribute("value"));
    assertEquals("", browser.element("applyForm:number").getAttribute("value"));
    assertTrue(browser.text("applyForm:numberAgain").contains("****345"), "masked");
    assertFalse(browser.driver().getPageSource().contains("12345<"), "never the full number");
    browser.check("correction");
  }

  /**
   * a form without one declaration is refused with a message naming it, and nothing is
   * stored: the city's queue does not list it. A CITY_AUDITOR reads the queue without the decision
   * buttons; a CITY_CLERK is refused the page.
   */
  @Test
  void anApplicationWithoutEveryDeclarationIsRefusedAndNothingIsStored_R60() {
    browser.open("merchant", "/apply.xhtml");
    fillForm();
    for (int i = 0; i < 4; i++) { // not the fifth: 取扱物品や役務等が適切である
      tick(i);
    }
    browser.click("applyForm:submit");
    assertEquals(
        "「取扱物品・役務が適切であること」の確認がありません。加盟店登録要件のすべてを確認し、チェックを入れてください。",
        browser.text("messages").trim());
    assertFalse(browser.present("applySent"));
    browser.check("apply-refused");
    browser.language("en");
    browser.click("applyForm:submit");
    assertEquals(
        "The declaration \"Appropriate goods and services\" is not ticked. Read every eligibility"
            + " requirement and tick each one.",
        browser.text("messages").trim());
    browser.language("ja");

    browser.forgetCookies();
    browser.open("admin", "/app/applications.xhtml");
    browser.login("city-auditor", PortalClient.PASSWORD);
    browser.open("admin", "/app/applications.xhtml");
    assertTrue(browser.path().endsWith("/admin/app/applications.xhtml"), browser.path());
    assertFalse(
        browser.driver().findElement(By.tagName("main")).getText().contains("テスト商事 " + unique),
        "nothing stored");
    browser.check("queue-auditor");
    List<WebElement> open = browser.driver().findElements(By.cssSelector("#applicationList a"));
    if (!open.isEmpty()) { // another test's application: the auditor reads it, cannot decide
      browser.click(open.get(0).getAttribute("id"));
      browser.element("openedStatus");
      assertFalse(browser.present("decideForm"), "an auditor decides nothing");
    }

    browser.forgetCookies();
    browser.open("admin", "/app/home.xhtml");
    browser.login("city-clerk", PortalClient.PASSWORD);
    assertFalse(browser.present("nav-applications"), "not in a clerk's menu");
    browser.open("admin", "/app/applications.xhtml");
    assertFalse(browser.present("applicationsTitle"), "a clerk has no part in the review");
  }

  private void fillForm() {
    browser.type("applyForm:businessName", "テスト商事 " + unique);
    browser.type("applyForm:representative", "試験 太郎");
    browser.type("applyForm:businessAddress", "若葉川市本町3-1-" + (unique.length()));
    browser.type("applyForm:businessPhone", "0270-11-2233");
    browser.type("applyForm:email", email);
    browser.type("applyForm:shopName", "テスト商店 " + unique);
    browser.type("applyForm:shopNameEn", "Test Shop " + unique);
    new org.openqa.selenium.support.ui.Select(browser.element("applyForm:shopCategory"))
        .selectByValue("RETAIL");
    browser.type("applyForm:shopAddress", "若葉川市本町3-1-2");
    browser.type("applyForm:shopPhone", "0270-11-2234");
    choose("applyForm:bankCode", "みずほ", "0001 みずほ");
    waitForText("applyForm:bankLookup", "みずほ (0001)");
    choose("applyForm:branchCode", "001", "001 東京営業部");
    waitForText("applyForm:branchLookup", "東京営業部 (001)");
    browser.driver().findElement(By.cssSelector("label[for='applyForm:type:0']")).click();
    browser.type("applyForm:number", "12345");
    browser.type("applyForm:holder", "やまだ　たろう");
    browser.element("applyForm:number").click(); // leaves the holder field: its preview
    waitForText("holderKana", "ﾔﾏﾀﾞ ﾀﾛｳ");
  }

  private void tick(int declaration) {
    WebElement box = browser.element("applyForm:decls:" + declaration + ":declaration");
    if (!box.isSelected()) {
      box.click();
    }
  }

  /** The (login, one-time password) pairs of the mail, business account first. */
  private static List<String[]> logins(String body) {
    Matcher m = Pattern.compile("ログインID: (\\S+)\\s+仮パスワード: (\\S+)").matcher(body);
    List<String[]> found = new ArrayList<>();
    while (m.find()) {
      found.add(new String[] {m.group(1), m.group(2)});
    }
    return found;
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
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> text.equals(d.findElement(By.id(id)).getText().trim()));
  }
}
