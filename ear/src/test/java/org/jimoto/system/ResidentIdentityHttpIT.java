package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.jsoup.Connection;
import org.junit.jupiter.api.Test;

/**
 * The resident portal's identity flows over HTTP (#10 identity review, R-90): an unfinished
 * two-step login.
 */
class ResidentIdentityHttpIT {

  /**
   * Item 1: after the right password, before the SMS code, a protected page sends to the code page
   * (not a blank 200); once the half-way login is abandoned, to the login page.
   */
  @Test
  void aProtectedPageDuringAnUnfinishedLoginSendsToTheCodeOrLoginPage_R90() throws IOException {
    var client = new PortalClient("resident");
    client.loginWithoutCode("taro@example.jp", PortalClient.PASSWORD);
    assertTrue(client.last().url().getPath().endsWith("/resident/login-code.xhtml"));

    Connection.Response r = client.getWithoutRedirect("/app/charge.xhtml");
    assertEquals(302, r.statusCode(), "not a blank page: " + r.statusCode() + " " + r.body());
    assertTrue(r.header("Location").endsWith("/resident/login-code.xhtml"), r.header("Location"));
    client.get("/app/home.xhtml");
    assertTrue(client.last().url().getPath().endsWith("/resident/login-code.xhtml"));
    assertNotNull(client.page().getElementById("codeForm"));
    assertNull(client.page().getElementById("welcome"), "logged in without the SMS code");

    // The code still completes the login, to the home page.
    client.enterSmsCode();
    assertTrue(client.last().url().getPath().endsWith("/resident/app/home.xhtml"));

    // Abandoned at the code page: protected pages send to the login page.
    var other = new PortalClient("resident");
    other.loginWithoutCode("taro@example.jp", PortalClient.PASSWORD);
    other.submit("codeOtherForm", "cancel", Map.of());
    assertTrue(other.last().url().getPath().endsWith("/resident/login.xhtml"));
    r = other.getWithoutRedirect("/app/history.xhtml");
    assertEquals(302, r.statusCode(), "not a blank page: " + r.statusCode() + " " + r.body());
    assertTrue(r.header("Location").contains("/resident/login.xhtml"), r.header("Location"));
    other.get("/app/home.xhtml");
    assertTrue(other.last().url().getPath().endsWith("/resident/login.xhtml"));
    assertNotNull(other.page().getElementById("loginForm"));
    // and a fresh login works as before
    other.login("taro@example.jp", PortalClient.PASSWORD);
    assertTrue(other.last().url().getPath().endsWith("/resident/app/home.xhtml"));
  }

  private static final String NEW_PASSWORD = "midori-kawa-4821-tsuki";

  private static String phone() {
    var r = java.util.concurrent.ThreadLocalRandom.current();
    return String.format("080-%04d-%04d", r.nextInt(10_000), r.nextInt(10_000));
  }

  /** Signs up through the pages, the password on the link's page; stops before the phone step. */
  private static void signUpWithoutPhone(PortalClient client, String email) throws IOException {
    client.get("/signup.xhtml");
    assertNull(client.page().getElementById("signupForm:password"), "no password on the form");
    client.submit("signupForm", "submit", Map.of("email", email, "terms_input", "on"));
    assertNotNull(client.page().getElementById("signupSentText"), client.page().text());
    String link = MailInbox.link(MailInbox.await(email, 1));
    client.get(link.substring(link.indexOf("/resident/") + "/resident".length()));
    client.submit(
        "profileForm",
        "submit",
        Map.of(
            "name", "若葉 みどり",
            "kana", "ワカバ ミドリ",
            "birth", "1990-04-01",
            "address", "若葉川市本町2-3-4",
            "inCity", "true",
            "password", NEW_PASSWORD,
            "confirmation", NEW_PASSWORD));
    assertTrue(
        client.last().url().getPath().endsWith("/resident/signup-phone.xhtml"),
        client.last().url() + " " + client.errorMessage());
  }

  /**
   * Item 4: a resident who skipped the sign-up's phone step is sent from the money pages to
   * register one; a registered phone changes only after the current password and a code to it, then
   * a code to the new one; every login then asks for the code to the new phone.
   */
  @Test
  void moneyPagesNeedAPhoneAndChangingItNeedsPasswordAndItsCode_R90() throws IOException {
    String email = "phone-" + System.nanoTime() + "@example.jp";
    signUpWithoutPhone(new PortalClient("resident"), email);

    var client = new PortalClient("resident");
    client.login(email, NEW_PASSWORD); // no phone yet: the password alone
    assertTrue(client.last().url().getPath().endsWith("/resident/app/home.xhtml"));
    for (String page : new String[] {"/app/charge.xhtml", "/app/card-move.xhtml", "/pay.xhtml"}) {
      Connection.Response r = client.getWithoutRedirect(page);
      assertEquals(302, r.statusCode(), page);
      assertTrue(r.header("Location").endsWith("/resident/app/phone.xhtml?required=true"), page);
    }
    client.get("/app/charge.xhtml");
    assertNotNull(client.page().getElementById("phoneRequired"));
    assertNull(client.page().getElementById("phoneAuthForm"), "no phone to prove yet");

    // Registering the first phone: its code.
    String first = phone();
    client.submit("phoneForm", "send", Map.of("number", first));
    client.submit("phoneCodeForm", "confirm", Map.of("code", SmsInbox.newestCodeTo(first)));
    Connection.Response open = client.getWithoutRedirect("/app/charge.xhtml");
    assertTrue(
        open.statusCode() == 200 || !open.header("Location").contains("phone.xhtml"),
        "with a phone the money pages open: " + open.statusCode());

    // Changing it: the number form is not offered before the password and the code.
    client.get("/app/phone.xhtml");
    assertNull(client.page().getElementById("phoneForm"));
    int smsToFirst =
        SmsInbox.messages().stream().filter(m -> m.phone().equals(first)).toList().size();
    client.submit("phoneAuthForm", "start", Map.of("password", "not-the-password-1"));
    assertTrue(client.errorMessage().contains("パスワードが正しくありません"), client.errorMessage());
    assertEquals(
        smsToFirst,
        SmsInbox.messages().stream().filter(m -> m.phone().equals(first)).toList().size());
    client.submit("phoneAuthForm", "start", Map.of("password", NEW_PASSWORD));
    assertTrue(SmsInbox.newestTo(first).orElseThrow().body().contains("電話番号の変更"));
    String code = SmsInbox.newestCodeTo(first);
    client.submit(
        "phoneCurrentForm", "confirm", Map.of("code", code.equals("123456") ? "654321" : "123456"));
    assertTrue(client.errorMessage().contains("確認コードが正しくありません"), client.errorMessage());
    client.submit("phoneCurrentForm", "confirm", Map.of("code", code));
    assertNotNull(client.page().getElementById("phoneForm"), "the new number may be entered");
    String second = phone();
    client.submit("phoneForm", "send", Map.of("number", second));
    client.submit("phoneCodeForm", "confirm", Map.of("code", SmsInbox.newestCodeTo(second)));
    client.get("/app/account.xhtml");
    assertEquals(second, client.page().getElementById("accountPhone").text());

    // Every login now asks for the code, sent to the new phone; the password alone opens nothing.
    var again = new PortalClient("resident");
    again.loginWithoutCode(email, NEW_PASSWORD);
    assertTrue(again.last().url().getPath().endsWith("/resident/login-code.xhtml"));
    assertTrue(again.page().getElementById("codePhone").text().endsWith(second.substring(9)));
    again.get("/app/home.xhtml");
    assertTrue(again.last().url().getPath().endsWith("/resident/login-code.xhtml"));
    again.enterSmsCode();
    assertTrue(again.last().url().getPath().endsWith("/resident/app/home.xhtml"));
  }
}
