package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
    assertTrue(body.contains("\"pendingMigrations\":\"0\""), body);
    String expectedDatabase = System.getenv("JIMOTO_DB_URL");
    String product =
        expectedDatabase != null && expectedDatabase.startsWith("jdbc:postgresql:")
            ? "PostgreSQL"
            : "H2";
    assertTrue(body.contains("\"database\":\"" + product), body);
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

  @Test
  void sixthAttemptAfterFiveWrongPasswordsIsLockedWithAJapaneseMessage() throws IOException {
    var client = new PortalClient("merchant");
    for (int attempt = 1; attempt <= 4; attempt++) {
      client.login("wakaba-ekimae", "wrong-" + attempt);
      assertEquals("ログインIDまたはパスワードが正しくありません。", client.errorMessage(), "attempt " + attempt);
    }
    client.login("wakaba-ekimae", "wrong-5");
    client.login("wakaba-ekimae", PortalClient.PASSWORD); // sixth, with the right password
    String message = client.errorMessage();
    assertNotNull(message);
    assertTrue(message.startsWith("ログインに続けて失敗したため、アカウントをロックしました。"), message);
    assertTrue(client.last().url().getPath().endsWith("/login.xhtml"));
  }

  @Test
  void lockoutMessageFollowsTheChosenLanguage() throws IOException {
    var client = new PortalClient("admin");
    client.get("/login.xhtml");
    client.switchLanguage("en");
    assertEquals("Log in", client.page().getElementById("loginForm:submit").text());
    for (int attempt = 1; attempt <= 6; attempt++) {
      client.submit("loginForm", "submit", Map.of("loginName", "city-clerk", "password", "nope"));
    }
    String message = client.errorMessage();
    assertNotNull(message);
    assertTrue(message.startsWith("This account is locked after repeated failed logins."), message);
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
