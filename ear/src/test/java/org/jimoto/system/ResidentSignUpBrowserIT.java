package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A new resident on a phone (#10 item 1, R-90): sign-up with e-mail and the terms; the verification
 * mail as a real SMTP server (the launcher's mail catcher) received it; the profile and the
 * password (chosen only after the link is opened, #10 identity review); the phone confirmed with an
 * SMS code (read on the SMS simulator's page); the login with its SMS code, which changes the
 * session id; the account page (#10 item 9). Every page is checked by axe-core and saved as
 * screenshots in Japanese and English at 360 and 1280 px.
 */
class ResidentSignUpBrowserIT {

  private static final String PASSWORD = "midori-kawa-4821-tsuki";
  private static final SecureRandom RANDOM = new SecureRandom();

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

  @Test
  void aNewResidentSignsUpConfirmsMailAndPhoneAndLogsInWithTheSmsCode_R90() {
    String email = "signup-" + System.nanoTime() + "@example.jp";
    String phone = String.format("090-%04d-%04d", RANDOM.nextInt(10_000), RANDOM.nextInt(10_000));

    browser.open("resident", "/login.xhtml");
    browser.click("toSignup");
    assertTrue(browser.path().endsWith("/resident/signup.xhtml"), browser.path());
    browser.check("signup");

    // The form asks for no password: whoever fills it need not own the address (#10 review).
    assertFalse(browser.present("signupForm:password"), "the sign-up form asks for a password");
    // The terms are not accepted: refused with its own message, nothing is sent.
    browser.type("signupForm:email", email);
    browser.click("signupForm:submit");
    assertTrue(browser.text("messages").contains("利用規約に同意してください。"), browser.text("messages"));
    assertEquals(0, MailInbox.of(email).size());

    browser.element("signupForm:terms").findElement(By.className("ui-chkbox-box")).click();
    browser.click("signupForm:submit");
    assertTrue(browser.text("signupSentText").contains(email), browser.text("signupSentText"));
    browser.check("signup-sent");

    // The mail, as the SMTP server received it.
    MailInbox.Mail mail = MailInbox.await(email, 1);
    assertTrue(mail.subject().contains("メールアドレスの確認"), mail.subject());
    assertTrue(mail.body().contains("わかばコイン"), mail.body());
    String link = MailInbox.link(mail);
    assertTrue(link.contains("/resident/signup-profile.xhtml?token="), link);

    browser.driver().get(link);
    assertTrue(browser.text("profileEmail").contains(email));
    browser.check("signup-profile");
    browser.type("profileForm:name", "若葉 みどり");
    browser.type("profileForm:kana", "wakaba"); // not katakana: refused
    browser
        .driver()
        .executeScript("document.getElementById('profileForm:birth').value = '1990-04-01'");
    browser.type("profileForm:address", "若葉川市本町2-3-4");
    browser.element("profileForm:inCity:0").click();
    // The password is chosen here, by whoever opened the mailed link, with the password rules.
    browser.type("profileForm:password", "password1234");
    browser.type("profileForm:confirmation", "password1234");
    browser.click("profileForm:submit");
    assertTrue(browser.text("messages").contains("全角カタカナ"), browser.text("messages"));
    assertTrue(browser.text("messages").contains("推測されやすい"), browser.text("messages"));
    browser.type("profileForm:kana", "ワカバ ミドリ");
    browser
        .driver()
        .executeScript("document.getElementById('profileForm:birth').value = '1990-04-01'");
    browser.type("profileForm:password", PASSWORD);
    browser.type("profileForm:confirmation", PASSWORD);
    browser.click("profileForm:submit");
    assertTrue(browser.path().endsWith("/resident/signup-phone.xhtml"), browser.path());
    browser.check("signup-phone");

    // The phone: a landline is refused; the mobile gets a code; a wrong code is refused.
    browser.type("phoneForm:number", "0270-00-1234");
    browser.click("phoneForm:send");
    assertTrue(browser.text("messages").contains("携帯電話番号の形式"), browser.text("messages"));
    browser.type("phoneForm:number", phone);
    browser.click("phoneForm:send");
    assertTrue(browser.text("phoneSentTo").contains(phone));
    String code = SmsInbox.newestCodeTo(phone);
    assertTrue(SmsInbox.newestTo(phone).orElseThrow().body().contains("電話番号の確認"));
    browser.type("phoneCodeForm:code", code.equals("000000") ? "111111" : "000000");
    browser.click("phoneCodeForm:confirm");
    assertTrue(browser.text("messages").contains("確認コードが正しくありません"), browser.text("messages"));
    browser.check("signup-phone-code");
    browser.type("phoneCodeForm:code", code);
    browser.click("phoneCodeForm:confirm");
    assertTrue(browser.text("signupDoneText").contains(email));
    browser.check("signup-done");

    // The login: password, then the SMS code; the session id changes.
    browser.click("toLoginAfterSignup");
    browser.type("loginForm:loginName", email);
    browser.type("loginForm:password", PASSWORD);
    browser.click("loginForm:submit");
    assertTrue(browser.path().endsWith("/resident/login-code.xhtml"), browser.path());
    assertEquals("***-****-" + phone.substring(9), browser.text("codePhone"));
    assertTrue(SmsInbox.newestTo(phone).orElseThrow().body().contains("ログイン"));
    browser.check("login-code");
    String before = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
    browser.open("resident", "/app/home.xhtml"); // the password alone opens nothing
    assertFalse(browser.present("welcome"), "logged in without the SMS code");
    browser.open("resident", "/login-code.xhtml");
    browser.enterSmsCode();
    assertTrue(browser.path().endsWith("/resident/app/home.xhtml"), browser.path());
    String after = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
    assertNotEquals(before, after, "the session id changes at login");

    // The account page.
    browser.open("resident", "/app/account.xhtml");
    assertEquals(email, browser.text("accountEmail"));
    assertEquals(phone, browser.text("accountPhone"));
    assertEquals("若葉 みどり", browser.text("accountName"));
    browser.check("account");
    browser.click("closeForm:show");
    assertTrue(browser.present("forfeitNone"));
    browser.click("closeForm:request");
    assertTrue(browser.text("messages").contains("チェックを入れてください"), browser.text("messages"));
    browser.check("account-close");

    // My Number Card identity proofing through the simulator: consent, PIN, own card.
    browser.open("resident", "/app/account.xhtml");
    assertEquals("未確認", browser.text("accountIdentity"));
    browser.click("toIdentity");
    browser.check("identity");
    browser.type("identityForm:pin", "1234");
    browser.click("identityForm:verify");
    assertTrue(browser.text("messages").contains("同意"), browser.text("messages"));
    browser.element("identityForm:consent").findElement(By.className("ui-chkbox-box")).click();
    browser.type("identityForm:pin", "0000");
    browser.click("identityForm:verify");
    assertTrue(browser.text("messages").contains("あと2回"), browser.text("messages"));
    // (the consent stays ticked on the page shown again)
    browser.element("identityForm:card:1").click(); // someone else's card
    browser.type("identityForm:pin", "1234");
    browser.click("identityForm:verify");
    assertTrue(browser.text("messages").contains("一致しません"), browser.text("messages"));
    browser.element("identityForm:card:0").click();
    browser.type("identityForm:pin", "1234");
    browser.click("identityForm:verify");
    assertTrue(browser.text("messages").contains("本人確認が完了しました"), browser.text("messages"));
    browser.open("resident", "/app/account.xhtml");
    assertEquals("確認済み", browser.text("accountIdentity"));

    // The rest of the chain (#10 acceptance): a bank charge with the 1 % premium,
    // then paying at a till found by its typed code, to the completion screen.
    browser.open("resident", "/app/charge.xhtml");
    browser.type("chargeForm:amount", "10000");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("previewLines"), "+1% = 100 円"));
    browser.click("chargeForm:start");
    assertTrue(browser.path().endsWith("/resident/sim/bank.xhtml"), browser.path());
    browser.click("bankForm:sendCode");
    browser.type("bankForm:code", SmsInbox.newestCodeTo(phone));
    browser.click("bankForm:approve");
    assertEquals("わかばコインに 10,100 円をチャージしました", browser.text("headline"));
    browser.open("resident", "/app/scan.xhtml");
    browser.type("codeForm:input", "T0001");
    browser.click("codeForm:go");
    assertEquals("/resident/pay.xhtml", browser.path());
    WebElement coin =
        browser
            .element("payPanel")
            .findElement(By.cssSelector("input[data-service='WAKABA_COIN']"));
    assertEquals("10100", coin.getAttribute("data-spendable"));
    coin.sendKeys("1000");
    browser.element("amountForm:next").click();
    assertEquals("1,000円", browser.text("confirmAmount").replace("\n", ""));
    browser.element("confirmForm:payButton").click();
    assertEquals("支払い完了", browser.text("doneTitle"));
    assertEquals("1,000円", browser.text("doneAmount").replace("\n", ""));
    browser.check("signup-paid");

    // Login codes allow five tries: the fifth wrong one ends the half-way login, and the right
    // code no longer works.
    browser.forgetCookies(); // another visit, not logged in
    browser.open("resident", "/login.xhtml");
    browser.type("loginForm:loginName", email);
    browser.type("loginForm:password", PASSWORD);
    browser.click("loginForm:submit");
    String right = SmsInbox.newestCodeTo(phone);
    for (int i = 1; i <= 4; i++) {
      browser.type("codeForm:code", wrong(right));
      browser.click("codeForm:submit");
      assertTrue(browser.text("messages").contains("確認コードが正しくありません"), "try " + i);
    }
    browser.type("codeForm:code", wrong(right));
    browser.click("codeForm:submit");
    assertTrue(browser.path().endsWith("/resident/login.xhtml"), browser.path());
    assertTrue(browser.text("messages").contains("続けて間違えた"), browser.text("messages"));
    browser.open("resident", "/login-code.xhtml"); // nothing awaits a code any more
    assertTrue(browser.path().endsWith("/resident/login.xhtml"), browser.path());
  }

  private static String wrong(String code) {
    return code.equals("123456") ? "654321" : "123456";
  }

  @Test
  void hanakoSeesWhatClosingWouldForfeitFirst_R13() {
    browser.open("resident", "/login.xhtml");
    browser.login("hanako@example.jp", PortalClient.PASSWORD);
    assertTrue(browser.path().endsWith("/resident/app/home.xhtml"), browser.path());
    browser.open("resident", "/app/account.xhtml");
    assertEquals("090-0000-0001", browser.text("accountPhone"));
    assertEquals("確認済み", browser.text("accountIdentity"));
    browser.click("closeForm:show");
    String table = browser.text("forfeitTable");
    assertTrue(table.contains("わかばコイン"), table);
    assertTrue(table.contains("わかばポイント"), table);
    browser.check("account-forfeit");
  }
}
