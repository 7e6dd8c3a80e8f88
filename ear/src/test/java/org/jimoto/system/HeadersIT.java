package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 finding 8: every response of the portals and their APIs carries the security headers
 * (CSP without inline script except PrimeFaces' nonced ones, frame-ancestors 'none', nosniff,
 * Referrer-Policy, no-store on pages), none names the server, and errors are the portal's own pages
 * in the visitor's language, without exception text or server version. Finding 6 (all settings
 * off): SameSite=Lax cookies.
 */
class HeadersIT {

  private static final int PORT = Integer.parseInt(System.getProperty("jimoto.it.port"));
  private static final String[] PORTALS = {"resident", "merchant", "admin"};
  private static final Pattern NONCE =
      Pattern.compile("script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'");

  @Test
  void everyPortalPageHasAStrictPolicyAndEveryScriptOnItCarriesItsNonce() throws Exception {
    for (String portal : PORTALS) {
      var page = RawHttp.get(PORT, false, "/" + portal + "/login.xhtml");
      assertEquals(200, page.status(), portal);
      assertEquals(1, page.all("Content-Security-Policy").size(), "one policy: " + page.headers());
      String csp = page.header("Content-Security-Policy");
      assertTrue(csp.contains("default-src 'self'"), csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), csp);
      assertTrue(csp.contains("object-src 'none'"), csp);
      String scriptSrc = csp.substring(csp.indexOf("script-src"));
      assertFalse(scriptSrc.contains("unsafe"), "no inline or eval scripts: " + csp);
      Matcher nonce = NONCE.matcher(csp);
      assertTrue(nonce.find(), csp);
      Document html = Jsoup.parse(page.body());
      assertFalse(html.select("script").isEmpty(), "PrimeFaces' scripts");
      for (Element script : html.select("script")) {
        assertEquals(nonce.group(1), script.attr("nonce"), portal + ": " + script.outerHtml());
      }
      for (Element e : html.getAllElements()) {
        e.attributes()
            .forEach(
                a ->
                    assertFalse(
                        a.getKey().startsWith("on"), "inline handler " + portal + ": " + e));
      }
      assertSecurityHeaders(page, portal);
      assertEquals("no-store", page.header("Cache-Control"), "the login page is not cached");
    }
  }

  @Test
  void loggedInPagesAreNotStoredAndCarryTheHeaders() throws Exception {
    var client = new PortalClient("merchant");
    client.login("wakaba-honten", PortalClient.PASSWORD);
    var home = client.last();
    assertTrue(home.url().getPath().endsWith("/app/home.xhtml"), home.url().toString());
    assertEquals("no-store", home.header("Cache-Control"));
    assertTrue(home.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    assertEquals("nosniff", home.header("X-Content-Type-Options"));
    assertNull(home.header("Server"));
    assertNull(home.header("X-Powered-By"));
  }

  @Test
  void theApisAnswerWithTheJsonPolicyAndTheSameHeaders() throws Exception {
    for (String path :
        List.of(
            "/merchant/api/v1/payments",
            "/merchant/api/v1/payments/nope",
            "/admin/api/v1/ledger/invariants")) {
      var response = RawHttp.get(PORT, false, path);
      assertEquals(401, response.status(), path);
      assertEquals(
          "default-src 'none'; frame-ancestors 'none'",
          response.header("Content-Security-Policy"),
          path);
      assertSecurityHeaders(response, path);
      assertEquals("no-store", response.header("Cache-Control"), path);
    }
    String invariants = "city-auditor:" + PortalClient.PASSWORD;
    var ok =
        RawHttp.get(
            PORT,
            false,
            "/admin/api/v1/ledger/invariants",
            "Authorization: Basic "
                + java.util.Base64.getEncoder().encodeToString(invariants.getBytes()));
    assertEquals(200, ok.status(), ok.body());
    assertEquals(
        "default-src 'none'; frame-ancestors 'none'", ok.header("Content-Security-Policy"));
    assertSecurityHeaders(ok, "invariants");
  }

  @Test
  void cookiesAreSameSiteLaxAndHttpOnly() throws Exception {
    for (String portal : PORTALS) {
      var page = RawHttp.get(PORT, false, "/" + portal + "/login.xhtml");
      List<String> cookies = page.all("Set-Cookie");
      assertFalse(cookies.isEmpty(), portal);
      for (String cookie : cookies) {
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertFalse(cookie.matches("(?i).*SameSite=(None|Strict).*"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP, HTTPS not required: " + cookie);
      }
    }
  }

  @Test
  void errorPagesSpeakTheVisitorsLanguageAndHideTheServer() throws Exception {
    String[][] cases = {
      // path, status, Japanese title, English title
      {"/resident/nope.xhtml", "404", "ページが見つかりません", "Page not found"},
      {"/merchant/nope.txt", "404", "ページが見つかりません", "Page not found"},
      {"/admin/jimoto/layout.xhtml", "403", "アクセスできません", "Access denied"},
    };
    for (String[] c : cases) {
      var ja = RawHttp.get(PORT, false, c[0]);
      assertErrorPage(ja, Integer.parseInt(c[1]), c[2]);
      var en = RawHttp.get(PORT, false, c[0], "Accept-Language: en-US,en;q=0.9");
      assertErrorPage(en, Integer.parseInt(c[1]), c[3]);
    }
  }

  @Test
  void aFormPostWithAForeignNonceGetsTheRefusalPageWithoutTheException() throws Exception {
    // A form post whose PrimeFaces nonce does not match its page makes PrimeFaces throw: that is
    // a replayed or forged post, refused (403) like a forged ViewState, not a server error.
    var client = new PortalClient("resident");
    client.get("/login.xhtml");
    Map<String, String> form = new java.util.HashMap<>();
    ((org.jsoup.nodes.FormElement) client.page().getElementById("loginForm"))
        .formData()
        .forEach(kv -> form.put(kv.key(), kv.value()));
    form.put("loginForm:submit", "loginForm:submit");
    form.put("primefaces.nonce", "bm90LXRoZS1ub25jZQ==");
    var failed = client.postRaw("/login.xhtml", form);
    assertEquals(403, failed.statusCode());
    String body = failed.body();
    assertEquals("画面の有効期限が切れました", Jsoup.parse(body).getElementById("errorTitle").text());
    assertFalse(body.contains("Exception"), body);
    assertFalse(body.contains("at org."), body);
    assertNull(failed.header("Server"));
    assertTrue(failed.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
  }

  @Test
  void theLanguageChosenInTheSessionAlsoHoldsForErrorPages() throws Exception {
    var client = new PortalClient("admin");
    client.get("/login.xhtml");
    client.switchLanguage("en");
    var missing = client.getWithoutRedirect("/nope.xhtml");
    assertEquals(404, missing.statusCode());
    assertEquals("Page not found", missing.parse().getElementById("errorTitle").text());
  }

  @Test
  void nothingNamesTheServerOrItsVersion() throws Exception {
    for (String path :
        List.of(
            "/",
            "/nope",
            "/health/ready",
            "/openapi",
            "/resident/login.xhtml",
            "/resident/nope",
            "/merchant/api/v1/x")) {
      var response = RawHttp.get(PORT, false, path);
      assertNull(response.header("Server"), path);
      assertNull(response.header("X-Powered-By"), path);
      for (String word : List.of("Payara", "GlassFish", "Grizzly", "6.2025")) {
        assertFalse(
            response.body().contains(word), path + " names " + word + ": " + response.body());
        assertFalse(response.headers().toString().contains(word), path + ": " + response.headers());
      }
    }
  }

  @Test
  void theServerRootAndPayarasOwnEndpointsCarryTheHeadersToo() throws Exception {
    // Served outside the portals: the root page, an address outside every portal, and the
    // health and OpenAPI documents that Payara registers in the root web module.
    var root = RawHttp.get(PORT, false, "/", "Accept-Language: en");
    assertEquals(200, root.status(), root.body());
    Document page = Jsoup.parse(root.body());
    assertNotNull(page.getElementById("toResident"), root.body());
    assertNotNull(page.getElementById("toMerchant"), root.body());
    assertNotNull(page.getElementById("toAdmin"), root.body());
    assertTrue(root.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    assertSecurityHeaders(root, "/");
    assertErrorPage(RawHttp.get(PORT, false, "/nope"), 404, "ページが見つかりません");
    assertErrorPage(
        RawHttp.get(PORT, false, "/nope/deeper.html", "Accept-Language: en"),
        404,
        "Page not found");
    for (String path : List.of("/health", "/health/ready", "/openapi")) {
      var response = RawHttp.get(PORT, false, path);
      assertEquals(200, response.status(), path + ": " + response.body());
      assertEquals(
          "default-src 'none'; frame-ancestors 'none'",
          response.header("Content-Security-Policy"),
          path);
      assertEquals("no-store", response.header("Cache-Control"), path);
      assertSecurityHeaders(response, path);
    }
  }

  @Test
  void theRedirectToTheLoginPageCarriesTheHeaders() throws Exception {
    // Authentication runs before any filter: the redirect comes from the login mechanism.
    for (String portal : PORTALS) {
      var response = RawHttp.get(PORT, false, "/" + portal + "/app/home.xhtml");
      assertEquals(302, response.status(), portal);
      assertTrue(response.header("Location").endsWith("/" + portal + "/login.xhtml"), portal);
      assertTrue(
          response.header("Content-Security-Policy").contains("frame-ancestors 'none'"), portal);
      assertEquals("no-store", response.header("Cache-Control"), portal);
      assertSecurityHeaders(response, portal);
    }
  }

  private static void assertSecurityHeaders(RawHttp.Response response, String where) {
    assertEquals("nosniff", response.header("X-Content-Type-Options"), where);
    assertEquals("same-origin", response.header("Referrer-Policy"), where);
    assertEquals("DENY", response.header("X-Frame-Options"), where);
    assertNull(response.header("Server"), where);
    assertNull(response.header("X-Powered-By"), where);
    assertNull(response.header("Strict-Transport-Security"), "HTTPS is not required: " + where);
  }

  private static void assertErrorPage(RawHttp.Response response, int status, String title) {
    assertEquals(status, response.status(), response.body());
    Document page = Jsoup.parse(response.body());
    Element h1 = page.getElementById("errorTitle");
    assertNotNull(h1, response.body());
    assertEquals(title, h1.text());
    assertFalse(response.body().contains("Payara"), response.body());
    assertFalse(response.body().contains("Exception"), response.body());
    assertTrue(response.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    assertSecurityHeaders(response, title);
  }
}
