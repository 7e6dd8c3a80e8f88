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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The POS REST API on the real EAR: payments with idempotency keys, reads, lists, cancellation, and
 * every kind of bad input answered with a clear 4xx problem that changes nothing. The payer is the
 * demo card member (12345674), the terminals the demo ones with the credentials the demo data load
 * printed. T0002 is left to the guessing test, which suspends it and has the city lift it (#8).
 */
class PosApiIT {

  private static final String API = PortalClient.BASE_URL + "/merchant/api/v1/payments";
  static final String CARD = "12345674";
  private static final String LOST_CARD = "12345682"; // disabled in the demo data
  private static final String UNKNOWN_CARD = "76543214"; // a valid check digit, but no such card
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static String mainShopTerminal; // T0001 at S0001 (accepts cards)
  private static String otherShopTerminal; // T0003 at S0002
  private static String guessingTerminal; // T0002 at S0001

  @BeforeAll
  static void terminalCredentials() throws Exception {
    String logins =
        Files.readString(Path.of(System.getProperty("jimoto.it.dataDir"), "demo-logins.txt"));
    mainShopTerminal = basic(logins, "T0001");
    otherShopTerminal = basic(logins, "T0003");
    guessingTerminal = basic(logins, "T0002");
  }

  private static String basic(String logins, String terminal) {
    Matcher m = Pattern.compile("(?m)^" + terminal + "\\s+\\S+\\s+([0-9a-f]{64})$").matcher(logins);
    assertTrue(m.find(), "credential of " + terminal + " in demo-logins.txt");
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((terminal + ":" + m.group(1)).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> post(String auth, String key, String path, String body)
      throws Exception {
    var b =
        HttpRequest.newBuilder(URI.create(API + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String auth, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(API + path)).header("Authorization", auth).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> pay(String key, String body) throws Exception {
    return post(mainShopTerminal, key, "", body);
  }

  private static String payment(long yen) {
    return payment(CARD, yen);
  }

  private static String payment(String payer, long yen) {
    return "{\"payer\":\"" + payer + "\",\"service\":\"WAKABA_COIN\",\"amount\":" + yen + "}";
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]*)").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  /** The card's balance, read from a 1-yen payment that is then cancelled. */
  private static long balance() throws Exception {
    var probe = pay(UUID.randomUUID().toString(), payment(1));
    assertEquals(201, probe.statusCode(), probe.body());
    long after = Long.parseLong(field(probe.body(), "balanceAfter"));
    var cancel =
        post(mainShopTerminal, null, "/" + field(probe.body(), "paymentId") + "/cancel", "");
    assertEquals(200, cancel.statusCode(), cancel.body());
    return after + 1;
  }

  private static void assertProblem(HttpResponse<String> r, int status, String code) {
    assertEquals(status, r.statusCode(), r.body());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
        r.headers().toString());
    assertEquals(code, field(r.body(), "code"), r.body());
    assertTrue(r.body().contains("\"message_ja\""), r.body());
    assertTrue(r.body().contains("\"message_en\""), r.body());
  }

  @Test
  void aPaymentIsTakenOnceReadBackListedAndCancelled_R35_R40() throws Exception {
    long before = balance();
    String key = "pos-" + UUID.randomUUID();
    var first = pay(key, payment(300));
    assertEquals(201, first.statusCode(), first.body());
    String id = field(first.body(), "paymentId");
    assertEquals(API + "/" + id, first.headers().firstValue("Location").orElse(""));
    assertEquals(before - 300, Long.parseLong(field(first.body(), "balanceAfter")));

    // The response was lost; the terminal retries with the same key: same payment, no new debit.
    var retry = pay(key, payment(300));
    assertEquals(200, retry.statusCode());
    assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(""));
    assertEquals(id, field(retry.body(), "paymentId"));
    assertEquals(before - 300, balance());

    var read = get(mainShopTerminal, "/" + id);
    assertEquals(200, read.statusCode());
    assertEquals("COMPLETED", field(read.body(), "status"));
    assertTrue(get(mainShopTerminal, "?limit=500").body().contains(id));

    var cancel = post(mainShopTerminal, null, "/" + id + "/cancel", "");
    assertEquals(200, cancel.statusCode(), cancel.body());
    assertEquals("CANCELLED", field(cancel.body(), "status"));
    assertEquals(before, balance());
    assertProblem(post(mainShopTerminal, null, "/" + id + "/cancel", ""), 409, "ALREADY_CANCELLED");
  }

  @Test
  void theListsFiguresCoverTheWholePeriodAndNetOutCancellations_R70() throws Exception {
    var before = get(mainShopTerminal, "?limit=1");
    assertEquals(200, before.statusCode(), before.body());
    var kept = pay("pos-" + UUID.randomUUID(), payment(300));
    assertEquals(201, kept.statusCode(), kept.body());
    var undone = pay("pos-" + UUID.randomUUID(), payment(200));
    assertEquals(201, undone.statusCode(), undone.body());
    var cancel =
        post(mainShopTerminal, null, "/" + field(undone.body(), "paymentId") + "/cancel", "");
    assertEquals(200, cancel.statusCode(), cancel.body());

    // A page of one payment; the figures are of every payment of the day, not of the page.
    var after = get(mainShopTerminal, "?limit=1");
    assertEquals(200, after.statusCode(), after.body());
    assertEquals(1, after.body().split("\"paymentId\"", -1).length - 1, after.body());
    assertEquals(figure(before, "count") + 2, figure(after, "count"), after.body());
    assertEquals(figure(before, "cancelledCount") + 1, figure(after, "cancelledCount"));
    // Sales = use − use-cancel (R-70, seed 004): the cancelled 200 counts for nothing.
    assertEquals(figure(before, "salesCount") + 1, figure(after, "salesCount"));
    assertEquals(figure(before, "total") + 300, figure(after, "total"));
  }

  private static long figure(HttpResponse<String> list, String name) {
    return Long.parseLong(field(list.body(), name));
  }

  @Test
  void aBodyDeclaredOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
    long before = balance();
    var declared = pay("pos-" + UUID.randomUUID(), "{\"payer\":\"" + " ".repeat(20_000) + "\"}");
    assertProblem(declared, 413, "BODY_TOO_LARGE");
    assertEquals(before, balance(), "nothing changed, and the server still takes payments");
  }

  @Test
  void badRequestsGetAClear4xxAndChangeNothing() throws Exception {
    long before = balance();
    String key = "bad-" + UUID.randomUUID();
    // idempotency key: missing, invalid, reused with a different request
    assertProblem(pay(null, payment(100)), 400, "IDEMPOTENCY_KEY_MISSING");
    assertProblem(pay("has space", payment(100)), 400, "IDEMPOTENCY_KEY_INVALID");
    assertProblem(pay("x".repeat(101), payment(100)), 400, "IDEMPOTENCY_KEY_INVALID");
    assertEquals(201, pay(key, payment(100)).statusCode());
    assertProblem(pay(key, payment(200)), 422, "IDEMPOTENCY_KEY_REUSED");
    // amounts: negative, zero, huge, not numeric, fractional
    assertProblem(pay(UUID.randomUUID().toString(), payment(-100)), 422, "AMOUNT_NOT_POSITIVE");
    assertProblem(pay(UUID.randomUUID().toString(), payment(0)), 422, "AMOUNT_NOT_POSITIVE");
    assertProblem(pay(UUID.randomUUID().toString(), payment(100_001)), 422, "AMOUNT_TOO_LARGE");
    assertProblem(
        pay(
            UUID.randomUUID().toString(),
            "{\"payer\":\""
                + CARD
                + "\",\"service\":\"WAKABA_COIN\",\"amount\":99999999999999999999999}"),
        422,
        "AMOUNT_TOO_LARGE");
    assertProblem(
        pay(
            UUID.randomUUID().toString(),
            "{\"payer\":\"" + CARD + "\",\"service\":\"WAKABA_COIN\",\"amount\":\"100\"}"),
        400,
        "AMOUNT_NOT_A_WHOLE_NUMBER");
    assertProblem(
        pay(
            UUID.randomUUID().toString(),
            "{\"payer\":\"" + CARD + "\",\"service\":\"WAKABA_COIN\",\"amount\":100.5}"),
        400,
        "AMOUNT_NOT_A_WHOLE_NUMBER");
    // malformed JSON, missing fields, unknown service or payer
    assertProblem(pay(UUID.randomUUID().toString(), "{\"payer\": "), 400, "MALFORMED_REQUEST");
    assertProblem(pay(UUID.randomUUID().toString(), "[1,2]"), 400, "MALFORMED_REQUEST");
    assertProblem(pay(UUID.randomUUID().toString(), "{\"amount\":1}"), 400, "MALFORMED_REQUEST");
    assertProblem(
        pay(
            UUID.randomUUID().toString(),
            "{\"payer\":\"" + CARD + "\",\"service\":\"NOPE\",\"amount\":1}"),
        422,
        "UNKNOWN_SERVICE");
    assertProblem(
        pay(
            UUID.randomUUID().toString(),
            "{\"payer\":\"99999999\",\"service\":\"WAKABA_COIN\",\"amount\":1}"),
        422,
        "CARD_REFUSED");
    // unknown terminal, wrong credential, no credential
    String unknown =
        "Basic " + Base64.getEncoder().encodeToString("T9999:abc".getBytes(StandardCharsets.UTF_8));
    String wrong =
        "Basic " + Base64.getEncoder().encodeToString("T0001:abc".getBytes(StandardCharsets.UTF_8));
    assertProblem(
        post(unknown, UUID.randomUUID().toString(), "", payment(100)), 401, "UNKNOWN_TERMINAL");
    var wrongCredential = post(wrong, UUID.randomUUID().toString(), "", payment(100));
    assertProblem(wrongCredential, 401, "UNKNOWN_TERMINAL");
    assertTrue(wrongCredential.headers().firstValue("WWW-Authenticate").isPresent());
    assertProblem(
        post(null, UUID.randomUUID().toString(), "", payment(100)), 401, "UNKNOWN_TERMINAL");
    // the card at a shop that does not take cards
    assertProblem(
        post(otherShopTerminal, UUID.randomUUID().toString(), "", payment(100)),
        422,
        "CARD_REFUSED");

    assertEquals(before - 100, balance(), "only the one valid payment changed the balance");
  }

  /**
   * #8 finding 5: an unknown card, a disabled one and one at a shop that takes no cards
   * get the very same answer, so a terminal cannot tell which card numbers exist.
   */
  @Test
  void unknownDisabledAndNotAcceptedCardsGetTheSameAnswer_R01_R84() throws Exception {
    long before = balance();
    var unknown = pay(UUID.randomUUID().toString(), payment(UNKNOWN_CARD, 100));
    var disabled = pay(UUID.randomUUID().toString(), payment(LOST_CARD, 100));
    var notAccepted = post(otherShopTerminal, UUID.randomUUID().toString(), "", payment(100));
    for (var answer : java.util.List.of(unknown, disabled, notAccepted)) {
      assertProblem(answer, 422, "CARD_REFUSED");
      assertEquals(unknown.body(), answer.body());
      assertEquals(
          unknown.headers().firstValue("Content-Type"),
          answer.headers().firstValue("Content-Type"));
    }
    assertTrue(unknown.body().contains("このカードはご利用いただけません。"), unknown.body());
    assertEquals(before, balance(), "nothing was paid");
  }

  /**
   * #8 finding 5: ten refused card lookups within ten minutes suspend the terminal; then even a
   * real card is refused, and so is every other request of that terminal. Other terminals go on.
   * The city is alerted on its portal's home page and lifts the suspension there.
   */
  @Test
  void aTerminalThatGuessesCardNumbersIsSuspended() throws Exception {
    var random = new java.util.Random();
    for (int i = 0; i < 10; i++) {
      String guess = "5" + String.format("%07d", random.nextInt(10_000_000)); // no demo card
      var r = post(guessingTerminal, UUID.randomUUID().toString(), "", payment(guess, 100));
      assertProblem(r, 422, "CARD_REFUSED");
    }
    var realCard = post(guessingTerminal, UUID.randomUUID().toString(), "", payment(100));
    assertProblem(realCard, 403, "TERMINAL_SUSPENDED");
    assertTrue(realCard.body().contains("一時停止"), realCard.body());
    assertProblem(get(guessingTerminal, "?limit=1"), 403, "TERMINAL_SUSPENDED");
    balance(); // T0001 pays (and cancels) as before

    // The city sees it on the administration portal's home, and lifts it with a reason.
    var admin = new PortalClient("admin");
    admin.login("city-admin", PortalClient.PASSWORD);
    var row =
        admin.page().select("#suspended tbody tr").stream()
            .filter(tr -> tr.text().contains("T0002"))
            .findFirst();
    assertTrue(row.isPresent(), admin.page().text());
    assertTrue(row.get().text().contains("S0001"), row.get().text());
    String lift = row.get().selectFirst("button[id$=lift]").id().replace("suspendedForm:", "");
    admin.submit("suspendedForm", lift, java.util.Map.of("reason", ""));
    assertEquals("理由を入力してください(監査記録に残ります)。", admin.errorMessage(), "a reason is needed");
    lift =
        admin.page().select("#suspended tbody tr").stream()
            .filter(tr -> tr.text().contains("T0002"))
            .findFirst()
            .orElseThrow()
            .selectFirst("button[id$=lift]")
            .id()
            .replace("suspendedForm:", "");
    admin.submit("suspendedForm", lift, java.util.Map.of("reason", "店舗に電話で確認"));
    assertTrue(admin.page().text().contains("端末 T0002 を再開しました。"), admin.page().text());
    assertEquals(200, get(guessingTerminal, "?limit=1").statusCode(), "running again");
  }

  @Test
  void anotherShopsPaymentCanBeNeitherReadNorCancelled_R93() throws Exception {
    var paid = pay(UUID.randomUUID().toString(), payment(10));
    assertEquals(201, paid.statusCode());
    String id = field(paid.body(), "paymentId");
    assertProblem(get(otherShopTerminal, "/" + id), 404, "PAYMENT_NOT_FOUND");
    assertProblem(
        post(otherShopTerminal, null, "/" + id + "/cancel", ""), 404, "PAYMENT_NOT_FOUND");
    assertEquals("COMPLETED", field(get(mainShopTerminal, "/" + id).body(), "status"));
    assertFalse(get(otherShopTerminal, "?limit=500").body().contains(id), "not in the other list");
    assertEquals(200, post(mainShopTerminal, null, "/" + id + "/cancel", "").statusCode());
  }

  @Test
  void theLedgerCheckIsForCityAdministratorsAndAuditorsOnly() throws Exception {
    String url = PortalClient.BASE_URL + "/admin/api/v1/ledger/invariants";
    var auditor =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                ("city-auditor:" + PortalClient.PASSWORD)
                                    .getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, auditor.statusCode(), auditor.body());
    assertTrue(auditor.body().contains("\"ok\":true"), auditor.body());
    var anonymous =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode());
    var resident =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                ("hanako@example.jp:" + PortalClient.PASSWORD)
                                    .getBytes(StandardCharsets.UTF_8)))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, resident.statusCode(), "a resident is no admin-portal user");
  }

  @Test
  void theApiIsDescribedByOpenApi() throws Exception {
    var r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(PortalClient.BASE_URL + "/openapi")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("/api/v1/payments"), r.body());
    assertTrue(r.body().contains("Jimoto POS API"), r.body());
  }

  /**
   * #8 finding 10: the city replaces a terminal's credential or retires it, and it stops at its
   * next request — a payment too, although the POS filter keeps payment credentials in a cache.
   */
  @Test
  void aReplacedCredentialOrARetiredTerminalStopsAtItsNextRequest() throws Exception {
    String logins =
        Files.readString(Path.of(System.getProperty("jimoto.it.dataDir"), "demo-logins.txt"));
    String spare = basic(logins, "T0004");
    assertEquals(201, post(spare, "spare-" + UUID.randomUUID(), "", payment(1)).statusCode());

    var replaced = terminalAdmin("T0004/credential", "reason=tablet+lost");
    assertEquals(200, replaced.statusCode(), replaced.body());
    String fresh = field(replaced.body(), "secret");
    assertProblem(
        post(spare, "spare-" + UUID.randomUUID(), "", payment(1)), 401, "UNKNOWN_TERMINAL");
    assertProblem(get(spare, ""), 401, "UNKNOWN_TERMINAL");
    String renewed =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("T0004:" + fresh).getBytes(StandardCharsets.UTF_8));
    assertEquals(201, post(renewed, "spare-" + UUID.randomUUID(), "", payment(1)).statusCode());

    assertEquals(422, terminalAdmin("T0004/retire", "").statusCode(), "a reason is needed");
    assertEquals(200, terminalAdmin("T0004/retire", "reason=closed").statusCode());
    try {
      // This server's filter reads the retirement; another server with the credential still
      // cached gets the same answer from the payment itself
      // (TerminalAdministrationIntegrationTest).
      assertProblem(
          post(renewed, "spare-" + UUID.randomUUID(), "", payment(1)), 403, "TERMINAL_INACTIVE");
      assertProblem(get(renewed, ""), 403, "TERMINAL_INACTIVE");
    } finally {
      assertEquals(200, terminalAdmin("T0004/reactivate", "reason=reopened").statusCode());
    }
    assertEquals(201, post(renewed, "spare-" + UUID.randomUUID(), "", payment(1)).statusCode());
  }

  private static HttpResponse<String> terminalAdmin(String path, String form) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(
                URI.create(PortalClient.BASE_URL + "/admin/api/v1/terminals/" + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            ("city-admin:" + PortalClient.PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Requested-By", "PosApiIT")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
