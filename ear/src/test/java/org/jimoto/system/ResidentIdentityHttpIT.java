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
}
