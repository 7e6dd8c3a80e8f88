package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Connection;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * The packaged EAR on a real Payara Server, over HTTP: the three portals, health, per-portal
 * logins, lockout, CSRF refusal and Japanese input. The server is started by the launcher in the
 * pre-integration-test phase with a fresh database and the demo data.
 */
class PortalHttpIT {

  @Test
  void everyPortalServesItsLoginPageAndHealthIsUp() throws IOException {
    for (String portal : new String[] {"resident", "merchant", "admin"}) {
      var client = new PortalClient(portal);
      var response = client.get("/login.xhtml");
      assertEquals(200, response.statusCode(), portal);
      assertNotNull(client.page().getElementById("loginForm"), portal);
      // City and currency names come from configuration, Japanese by default.
      assertEquals("若葉川市", client.page().getElementById("cityName").text());
      assertEquals("わかばコイン", client.page().getElementById("currencyName").text());
    }
    var health =
        Jsoup.connect(PortalClient.BASE_URL + "/health/ready")
            .ignoreContentType(true)
            .ignoreHttpErrors(true)
            .execute();
    assertEquals(200, health.statusCode());
    String body = health.body();
    assertTrue(body.contains("\"status\":\"UP\""), body);
    assertTrue(body.contains("\"jimoto-database\""), body);
    // #8 finding 9: the public sees UP/DOWN, not what the database is or its schema state.
    assertFalse(
        body.contains("pendingMigrations") || body.contains("H2") || body.contains("Postgre"),
        body);

    // The details: from the server itself without a login ...
    String details = PortalClient.BASE_URL + "/admin/api/v1/health";
    var local = Jsoup.connect(details).ignoreContentType(true).ignoreHttpErrors(true).execute();
    assertEquals(200, local.statusCode(), local.body());
    assertTrue(local.body().contains("\"pendingMigrations\":0"), local.body());
    String expectedDatabase = System.getenv("JIMOTO_DB_URL");
    String product =
        expectedDatabase != null && expectedDatabase.startsWith("jdbc:postgresql:")
            ? "PostgreSQL"
            : "H2";
    assertTrue(local.body().contains("\"database\":\"" + product), local.body());
    // ... through a proxy on this machine, or from elsewhere, only for a city role.
    var proxied =
        Jsoup.connect(details)
            .header("X-Forwarded-For", "203.0.113.7")
            .ignoreContentType(true)
            .ignoreHttpErrors(true)
            .execute();
    assertEquals(401, proxied.statusCode(), proxied.body());
    var auditor =
        Jsoup.connect(details)
            .header("X-Forwarded-For", "203.0.113.7")
            .header(
                "Authorization",
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString(
                            ("city-auditor:" + PortalClient.PASSWORD)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .ignoreContentType(true)
            .ignoreHttpErrors(true)
            .execute();
    assertEquals(200, auditor.statusCode(), auditor.body());
    assertTrue(auditor.body().contains("\"database\":\"" + product), auditor.body());

    // #8 finding 9: Payara's metrics are not public.
    var metrics =
        Jsoup.connect(PortalClient.BASE_URL + "/metrics")
            .ignoreContentType(true)
            .ignoreHttpErrors(true)
            .execute();
    assertNotEquals(200, metrics.statusCode(), metrics.body());
  }

  @Test
  void protectedPagesSendAnonymousVisitorsToTheirPortalsLogin() throws IOException {
    for (String portal : new String[] {"resident", "merchant", "admin"}) {
      var client = new PortalClient(portal);
      var response = client.getWithoutRedirect("/app/home.xhtml");
      assertEquals(302, response.statusCode(), portal);
      assertTrue(
          response.header("Location").endsWith("/" + portal + "/login.xhtml"),
          response.header("Location"));
    }
  }

  @Test
  void eachPortalAcceptsItsOwnUsersOnly() throws IOException {
    var resident = new PortalClient("resident");
    resident.login("taro@example.jp", PortalClient.PASSWORD);
    assertTrue(resident.last().url().getPath().endsWith("/resident/app/home.xhtml"));
    assertTrue(resident.page().getElementById("welcome").text().contains("佐藤 太郎"));

    for (String other : new String[] {"merchant", "admin"}) {
      var client = new PortalClient(other);
      client.login("taro@example.jp", PortalClient.PASSWORD);
      assertTrue(client.last().url().getPath().endsWith("/login.xhtml"), other);
      assertEquals("ログインIDまたはパスワードが正しくありません。", client.errorMessage(), other);
      // and the resident's session does not open the other portal either
      assertEquals(
          302, resident.getAbsoluteWithoutRedirect("/" + other + "/app/home.xhtml").statusCode());
    }
  }

  private static final int PORT = Integer.parseInt(System.getProperty("jimoto.it.port"));
  private static final String INVALID = "ログインIDまたはパスワードが正しくありません。";
  private static final String THROTTLED = "ログインの失敗が続いたため、しばらく受け付けません。時間をおいてから、もう一度お試しください。";

  /**
   * #8 finding 4: five wrong passwords block the attacker's address for that login, not the login:
   * its owner, from another address, gets in at once. No unlock time is shown.
   */
  @Test
  void fiveWrongPasswordsBlockTheAttackersAddressNotTheOwner() throws IOException {
    // The attacker comes from the machine's other address, so that the block it earns does not
    // stand in the way of the other tests, which log in from localhost.
    var attacker =
        new PortalClient(
            "merchant", PortalClient.BASE_URL.replace("localhost", otherLocalAddress()));
    List<String> real = new ArrayList<>();
    List<String> unknown = new ArrayList<>(); // an unknown login must answer exactly alike
    for (int attempt = 1; attempt <= 5; attempt++) {
      attacker.login("wakaba-ekimae", "wrong-" + attempt);
      real.add(attacker.errorMessage());
      attacker.login("wakaba-nobody", "wrong-" + attempt);
      unknown.add(attacker.errorMessage());
    }
    attacker.login("wakaba-nobody", PortalClient.PASSWORD);
    unknown.add(attacker.errorMessage());
    attacker.login("wakaba-ekimae", PortalClient.PASSWORD); // sixth, with the right password
    real.add(attacker.errorMessage());
    assertEquals(List.of(INVALID, INVALID, INVALID, INVALID, INVALID, THROTTLED), real);
    assertEquals(real, unknown);
    assertFalse(attacker.errorMessage().matches(".*\\d{1,2}:\\d{2}.*"), "no unlock time");
    assertTrue(attacker.last().url().getPath().endsWith("/login.xhtml"));

    var owner = new PortalClient("merchant");
    owner.login("wakaba-ekimae", PortalClient.PASSWORD);
    assertTrue(
        owner.last().url().getPath().endsWith("/app/home.xhtml"),
        owner.last().url() + ": " + owner.errorMessage());
  }

  /**
   * Review of #8 (finding 4): the growing delay on a name under attack from many addresses kept its
   * owner out from every new network. A device that logged in to the name before carries a signed
   * cookie that lets it past the delay; a stranger's device does not.
   */
  @Test
  void aNameUnderAttackStillLetsInItsOwnersKnownDevice() throws Exception {
    var office = new PortalClient("admin");
    office.login("city-clerk", PortalClient.PASSWORD);
    assertTrue(
        office.last().url().getPath().endsWith("/app/home.xhtml"),
        office.last().url() + ": " + office.errorMessage());
    String device = office.cookie("jimoto_device");
    assertNotNull(device, "a known-device cookie after the login");

    // Nine wrong passwords from two other addresses (the admin API's Basic login counts alike),
    // each past the delay the one before set: the name's delay grows to 8 s.
    String wrong =
        "Authorization: Basic "
            + java.util.Base64.getEncoder()
                .encodeToString("city-clerk:wrong-password".getBytes(StandardCharsets.UTF_8));
    int failures = 0;
    while (failures < 9) {
      String attacker = failures < 5 ? "127.0.0.2" : "127.0.0.3";
      var answer = RawHttp.getFrom(attacker, PORT, "/admin/api/v1/ledger/invariants", wrong);
      if (answer.status() == 429) {
        sleep(500); // delayed: not heard, not counted
        continue;
      }
      assertEquals(401, answer.status(), answer.body());
      failures++;
    }
    // The owner on a network this name never logged in from (the machine's other address).
    String newNetwork = PortalClient.BASE_URL.replace("localhost", otherLocalAddress());
    var stranger = new PortalClient("admin", newNetwork);
    stranger.login("city-clerk", PortalClient.PASSWORD);
    assertEquals(THROTTLED, stranger.errorMessage(), "a device the name never saw waits");

    var owner = new PortalClient("admin", newNetwork);
    owner.carryCookie("jimoto_device", device);
    owner.login("city-clerk", PortalClient.PASSWORD);
    assertTrue(
        owner.last().url().getPath().endsWith("/app/home.xhtml"),
        owner.last().url() + ": " + owner.errorMessage());
  }

  @Test
  void theThrottleMessageFollowsTheChosenLanguage() throws IOException {
    var client = new PortalClient("admin");
    client.get("/login.xhtml");
    client.switchLanguage("en");
    assertEquals("Log in", client.page().getElementById("loginForm:submit").text());
    for (int attempt = 1; attempt <= 6; attempt++) {
      client.submit("loginForm", "submit", Map.of("loginName", "city-temp", "password", "nope"));
    }
    assertEquals(
        "Too many failed logins: please wait a while before trying again.", client.errorMessage());
  }

  /**
   * R-62, #8 finding 11: a newly issued account sees only the password page until it has set a
   * password the policy accepts; then its home page opens.
   */
  @Test
  void aNewlyIssuedAccountMustChangeItsPasswordFirst_R62() throws IOException {
    var elsewhere = new PortalClient("merchant"); // a session on another device, opened first
    elsewhere.login("wakaba-honten-new", PortalClient.PASSWORD);
    var clerk = new PortalClient("merchant");
    clerk.login("wakaba-honten-new", PortalClient.PASSWORD);
    assertTrue(
        clerk.last().url().getPath().endsWith("/app/password.xhtml"),
        clerk.last().url().toString());
    assertNotNull(clerk.page().getElementById("mustChange"));
    clerk.get("/app/home.xhtml");
    assertTrue(clerk.last().url().getPath().endsWith("/app/password.xhtml"), "home stays closed");

    clerk.submit(
        "passwordForm",
        "submit",
        Map.of(
            "current",
            PortalClient.PASSWORD,
            "next",
            "password123",
            "confirmation",
            "password123"));
    assertEquals("よく使われている、または推測されやすいパスワードです。別のものにしてください。", clerk.errorMessage());
    clerk.submit(
        "passwordForm",
        "submit",
        Map.of(
            "current",
            "wrong",
            "next",
            "kawase-bridge-7716",
            "confirmation",
            "kawase-bridge-7716"));
    assertEquals("現在のパスワードが正しくありません。", clerk.errorMessage());
    clerk.submit(
        "passwordForm",
        "submit",
        Map.of(
            "current", PortalClient.PASSWORD,
            "next", "kawase-bridge-7716",
            "confirmation", "kawase-bridge-7716"));
    assertTrue(
        clerk.last().url().getPath().endsWith("/app/home.xhtml"), clerk.last().url().toString());
    assertEquals("パスワードを変更しました。", clerk.page().selectFirst(".ui-messages-info-summary").text());
    clerk.get("/app/home.xhtml");
    assertTrue(clerk.last().url().getPath().endsWith("/app/home.xhtml"), "the changer stays in");
    // The change ends every other session of the login at its next request (#8).
    var ended = elsewhere.getWithoutRedirect("/app/password.xhtml");
    assertEquals(302, ended.statusCode());
    assertTrue(
        ended.header("Location").endsWith("/merchant/login.xhtml"), ended.header("Location"));

    var again = new PortalClient("merchant");
    again.login("wakaba-honten-new", "kawase-bridge-7716");
    assertTrue(again.last().url().getPath().endsWith("/app/home.xhtml"), "the new password works");
  }

  /**
   * #8 finding 10: the city disables a login and its open session ends at its next request, not
   * after a cache's time; it cannot log in again until enabled.
   */
  @Test
  void aDisabledAccountLosesItsOpenSessionAtItsNextRequest() throws Exception {
    var taro = new PortalClient("resident");
    taro.login("taro@example.jp", PortalClient.PASSWORD);
    assertEquals(200, taro.getWithoutRedirect("/app/home.xhtml").statusCode());
    assertEquals(
        422, cityAdmin("resident/taro@example.jp/disable", "").statusCode(), "reason needed");
    try {
      assertEquals(
          200, cityAdmin("resident/taro@example.jp/disable", "reason=leaked").statusCode());
      var next = taro.getWithoutRedirect("/app/home.xhtml");
      assertEquals(302, next.statusCode());
      assertTrue(
          next.header("Location").contains("/resident/login.xhtml"), next.header("Location"));
      taro.login("taro@example.jp", PortalClient.PASSWORD);
      assertEquals(INVALID, taro.errorMessage(), "same answer as a wrong password");
    } finally {
      assertEquals(
          200, cityAdmin("resident/taro@example.jp/enable", "reason=restored").statusCode());
    }
    taro.login("taro@example.jp", PortalClient.PASSWORD);
    assertTrue(taro.last().url().getPath().endsWith("/app/home.xhtml"));
  }

  private static java.net.http.HttpResponse<String> cityAdmin(String path, String form)
      throws Exception {
    return cityAdmin(path, form, "X-Requested-By", "PortalHttpIT");
  }

  private static java.net.http.HttpResponse<String> cityAdmin(
      String path, String form, String... headers) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(PortalClient.BASE_URL + "/admin/api/v1/accounts/" + path))
                .header(
                    "Authorization",
                    "Basic "
                        + java.util.Base64.getEncoder()
                            .encodeToString(
                                ("city-admin:" + PortalClient.PASSWORD)
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .headers(headers)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /**
   * An address of this machine other than loopback, so that the server sees a second client
   * address; IPv6 loopback when the machine has no other (the portals listen on all interfaces).
   */
  private static void sleep(long millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  static String otherLocalAddress() throws IOException {
    for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (var address : java.util.Collections.list(nic.getInetAddresses())) {
          if (address instanceof java.net.Inet4Address) {
            return address.getHostAddress();
          }
        }
      }
    }
    return "[::1]";
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws IOException {
    var client = new PortalClient("resident");
    client.login("hanako@example.jp", PortalClient.PASSWORD);
    assertTrue(client.last().url().getPath().endsWith("/app/home.xhtml"));

    // A forged logout (e.g. from another site) carries no ViewState: refused, still logged in.
    Connection.Response forged =
        client.postRaw(
            "/app/home.xhtml",
            Map.of("userForm", "userForm", "userForm:logout", "userForm:logout"));
    assertEquals(403, forged.statusCode());
    assertTrue(forged.body().contains("CSRF"), forged.body());
    assertEquals(200, client.getWithoutRedirect("/app/home.xhtml").statusCode());

    // A made-up token is refused as well.
    Connection.Response guessed =
        client.postRaw(
            "/app/home.xhtml",
            Map.of(
                "userForm", "userForm",
                "userForm:logout", "userForm:logout",
                "jakarta.faces.ViewState", "1234567890:987654321"));
    assertEquals(403, guessed.statusCode());
    assertEquals(200, client.getWithoutRedirect("/app/home.xhtml").statusCode());

    // A post of the login page's own ViewState without the page's CSP nonce (a replayed or
    // scripted post): refused as forged, not a server error (a scanner found 500 here).
    var anonymous = new PortalClient("resident");
    anonymous.get("/login.xhtml");
    String viewState =
        anonymous.page().selectFirst("input[name=jakarta.faces.ViewState]").attr("value");
    Connection.Response noNonce =
        anonymous.postRaw(
            "/login.xhtml", Map.of("langForm", ";env;", "jakarta.faces.ViewState", viewState));
    assertEquals(403, noNonce.statusCode(), noNonce.body());

    // The real form logs out.
    client.get("/app/home.xhtml");
    client.submit("userForm", "logout", Map.of());
    assertTrue(client.last().url().toString().contains("/login.xhtml?loggedOut=true"));
    assertEquals(302, client.getWithoutRedirect("/app/home.xhtml").statusCode());
  }

  @Test
  void japaneseInputRoundTripsUnchanged() throws IOException {
    var client = new PortalClient("resident");
    client.login("山田　花子＠わかば", "違うパスワード");
    assertEquals("山田　花子＠わかば", client.page().getElementById("loginForm:loginName").attr("value"));
  }
}
