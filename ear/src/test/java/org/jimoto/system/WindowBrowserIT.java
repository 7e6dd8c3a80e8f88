package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.Select;

/**
 * The city window in the browser (#11 items 3, 5): a clerk issues a card after an identity document
 * check and prints its codes, takes cash for a charge in 1,000-yen units, and the
 * card then pays at a till through the POS API with its balance going down; a lost card is stopped
 * (the till refuses it, its balance frozen) and its balance moved to a replacement card. The
 * auditor reads the card but is offered no action, reads the audit log with every money action in
 * it and downloads it as CSV. Every page state is checked by axe-core and saved as
 * screenshots in Japanese and English ({@link Browser#check}). Each test issues its own cards, so
 * no demo balance matters.
 */
class WindowBrowserIT {

  /** The reason the auditor gives for reading the audit log, URL-encoded. */
  private static final String REASON_ENC =
      java.net.URLEncoder.encode("月次監査", StandardCharsets.UTF_8);

  private static final String POS = PortalClient.BASE_URL + "/merchant/api/v1/payments";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static String till; // T0001 at S0001, which accepts cards

  private Browser browser;

  @BeforeAll
  static void terminalCredential() throws Exception {
    String logins =
        Files.readString(Path.of(System.getProperty("jimoto.it.dataDir"), "demo-logins.txt"));
    Matcher m = Pattern.compile("(?m)^T0001\\s+\\S+\\s+([0-9a-f]{64})$").matcher(logins);
    assertTrue(m.find(), "credential of T0001 in demo-logins.txt");
    till =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("T0001:" + m.group(1)).getBytes(StandardCharsets.UTF_8));
  }

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("window-" + test.getTestMethod().orElseThrow().getName(), "ja");
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  private void logIn(String loginName, String page) {
    browser.forgetCookies();
    browser.open("admin", page);
    assertTrue(browser.path().endsWith("/admin/login.xhtml"), browser.path());
    browser.login(loginName, PortalClient.PASSWORD);
    browser.open("admin", page);
    assertTrue(page.startsWith(browser.path().replace("/admin", "")), browser.path());
  }

  private record Card(String memberCode, String securityCode) {}

  /** Issues a card on the issue page and returns its printed codes. */
  private Card issueCard(String label, boolean check) {
    browser.open("admin", "/app/card-issue.xhtml");
    if (check) {
      browser.check("card-issue");
    }
    new Select(browser.element("issueForm:document")).selectByValue("DRIVERS_LICENSE");
    browser.type("issueForm:name", "窓口 " + label);
    browser.type("issueForm:kana", "マドグチ " + label);
    browser.type("issueForm:birthDate", "1952-11-03");
    browser.type("issueForm:address", "若葉川市本町1-1");
    browser.type("issueForm:reason", "新規カードの申込み");
    browser.click("issueForm:issue");
    String code = browser.text("issuedMemberCode");
    String security = browser.text("issuedSecurityCode");
    assertTrue(code.matches("\\d{8}"), code);
    assertTrue(security.matches("\\d{6}"), security);
    if (check) {
      browser.check("card-issued");
    }
    return new Card(code, security);
  }

  /** Opens a card on the window page with a reason. */
  private void openCard(String memberCode) {
    browser.open("admin", "/app/window.xhtml");
    browser.type("openForm:code", memberCode);
    browser.type("openForm:reason", "窓口来庁");
    browser.click("openForm:open");
    assertEquals(memberCode, browser.text("cardCode"));
  }

  private void charge(long yen) {
    browser.type("chargeForm:amount", String.valueOf(yen));
    browser.click("chargeForm:charge");
  }

  private long coinBalance() {
    return Long.parseLong(browser.text("balance-WAKABA_COIN").replace(",", ""));
  }

  private static HttpResponse<String> payAtTill(String card, long yen) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(POS))
            .header("Content-Type", "application/json")
            .header("Authorization", till)
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"payer\":\""
                        + card
                        + "\",\"service\":\"WAKABA_COIN\",\"amount\":"
                        + yen
                        + "}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String unique() {
    return Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
  }

  @Test
  void issuedCardIsChargedInCashAndPaysAtTheTill_R92_R20_R94() throws Exception {
    logIn("city-clerk", "/app/window.xhtml");
    browser.check("window");
    Card card = issueCard("ハッコウ" + unique(), true);

    browser.click("serveCard");
    browser.type("openForm:reason", "窓口来庁・現金チャージ");
    browser.click("openForm:open");
    assertEquals(card.memberCode(), browser.text("cardCode"));
    assertFalse(browser.present("balance-WAKABA_COIN"), "a new card holds nothing");
    browser.check("window-card");

    // cash in 1,000-yen units; 1,500 is refused and changes nothing.
    charge(1_500);
    assertTrue(browser.text("messages").contains("1,000 円単位"), browser.text("messages"));
    browser.check("window-charge-refused");
    charge(3_000);
    assertEquals(3_030, coinBalance()); // with the always-on 1 % premium
    browser.check("window-charged");

    // The card pays at a till through the POS API; the window then shows the lower balance.
    var paid = payAtTill(card.memberCode(), 1_000);
    assertEquals(201, paid.statusCode(), paid.body());
    assertTrue(paid.body().contains("\"balanceAfter\":2030"), paid.body());
    browser.click("openForm:open");
    assertEquals(2_030, coinBalance());

    // The auditor: reads the card (with a reason) but is offered no action, and finds the cash
    // charge in the audit log with the clerk and the reason.
    logIn("city-auditor", "/app/window.xhtml");
    openCard(card.memberCode());
    assertFalse(browser.present("chargeForm:charge"));
    assertFalse(browser.present("lostForm:report"));
    browser.check("window-auditor");
    // reading the log needs a reason; without one nothing is shown (ja/en message).
    browser.open("admin", "/app/audit.xhtml?actor=city-clerk&action=CASH_CHARGE&reason=");
    assertTrue(browser.text("messages").contains("理由"), browser.text("messages"));
    assertFalse(browser.present("events"), "no reason, nothing shown");
    browser.open(
        "admin", "/app/audit.xhtml?actor=city-clerk&action=CASH_CHARGE&reason=" + REASON_ENC);
    String events = browser.text("events");
    assertTrue(events.contains("窓口来庁・現金チャージ"), events);
    assertTrue(events.contains("3000 yen"), events);
    browser.check("audit");
    // The same filter as CSV, with the auditor's session.
    Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
    var csv =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        PortalClient.BASE_URL
                            + "/admin/app/audit.csv?actor=city-clerk&action=CASH_CHARGE&reason="
                            + REASON_ENC))
                .header("Cookie", "JSESSIONID=" + session.getValue())
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(200, csv.statusCode());
    assertTrue(csv.body().startsWith("\uFEFFoccurredAt,portal,actor,action,detail,reason"));
    assertTrue(csv.body().contains("窓口来庁・現金チャージ (window receipt W-"), csv.body());
    var noReason =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        PortalClient.BASE_URL
                            + "/admin/app/audit.csv?actor=city-clerk&action=CASH_CHARGE"))
                .header("Cookie", "JSESSIONID=" + session.getValue())
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(422, noReason.statusCode(), noReason.body());
    assertTrue(noReason.body().contains("理由"), noReason.body());
    // Issuing a card is not the auditor's (web.xml; the ledger refuses it too).
    browser.open("admin", "/app/card-issue.xhtml");
    assertFalse(browser.present("issueForm:issue"));
  }

  @Test
  void aLostCardIsStoppedAndItsBalanceMovesToAReplacement() throws Exception {
    logIn("city-clerk", "/app/window.xhtml");
    String holder = "フンシツ" + unique();
    Card lost = issueCard(holder, false);
    openCard(lost.memberCode());
    charge(5_000);
    assertEquals(5_050, coinBalance());

    browser.click("lostForm:report");
    assertTrue(browser.text("cardState").contains("紛失"), browser.text("cardState"));
    assertEquals(5_050, coinBalance(), "frozen, not forfeited");
    assertFalse(browser.present("chargeForm:charge"), "no charge to a lost card");
    browser.check("window-lost");
    // The till gets the neutral refusal (#8 finding 5) and nothing is paid.
    var refused = payAtTill(lost.memberCode(), 100);
    assertEquals(422, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("CARD_REFUSED"), refused.body());

    new Select(browser.element("replaceForm:document")).selectByValue("MY_NUMBER_CARD");
    browser.click("replaceForm:replace");
    String replacement = browser.text("issuedMemberCode");
    assertTrue(browser.text("issuedSecurityCode").matches("\\d{6}"));
    assertEquals(replacement, browser.text("replacedBy"));
    assertEquals(0, coinBalance(), "the lost card is empty");
    browser.check("window-replaced");

    openCard(replacement);
    assertEquals(5_050, coinBalance());
    var paid = payAtTill(replacement, 50);
    assertEquals(201, paid.statusCode(), paid.body());
    assertTrue(paid.body().contains("\"balanceAfter\":5000"), paid.body());

    // Every money action and the loss are in the audit log.
    logIn("city-auditor", "/app/audit.xhtml?actor=city-clerk&reason=" + REASON_ENC);
    String events = browser.text("events");
    assertTrue(events.contains("card " + lost.memberCode() + ", balance frozen 5050 yen"), events);
    assertTrue(
        events.contains("lost card " + lost.memberCode() + " to card " + replacement), events);
    assertTrue(events.contains("WAKABA_COIN 5000 yen"), events);
    assertTrue(
        browser.driver().findElements(By.cssSelector("#events tbody tr")).size() >= 4,
        "issue, charge, loss, replacement");

    // The resident lookup: the reason first, then both cards of the holder.
    browser.open("admin", "/app/residents.xhtml");
    browser.type("searchForm:query", holder);
    browser.click("searchForm:search");
    assertTrue(browser.text("messages").contains("理由"), "no reason, no personal data");
    assertFalse(browser.present("found"));
    browser.type("searchForm:reason", "監査:紛失処理の確認");
    browser.click("searchForm:search");
    String found = browser.text("found");
    assertTrue(found.contains(lost.memberCode()) && found.contains(replacement), found);
    browser.driver().findElement(By.cssSelector("#found tbody tr button")).click();
    assertTrue(browser.text("detailBalances").contains("わかばコイン"));
    browser.check("residents");
    browser.open(
        "admin", "/app/audit.xhtml?action=RESIDENT_SEARCH&actor=city-auditor&reason=" + REASON_ENC);
    assertTrue(browser.text("events").contains(holder), browser.text("events"));
  }
}
