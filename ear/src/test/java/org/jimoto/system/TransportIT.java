package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 finding 6: HTTPS. A server of its own, started as a city would start it with
 * JIMOTO_HTTPS=true, its own certificate (made here with keytool) and behind a TLS-terminating
 * proxy (JIMOTO_PROXY=true): plain HTTP is redirected (portals) or refused (APIs), cookies are
 * Secure, HSTS is sent. The server the build started (HTTPS not required) shows the out-of-the-box
 * HTTPS port with Payara's self-signed certificate.
 */
class TransportIT {

  private static final int BUILD_SERVER = Integer.parseInt(System.getProperty("jimoto.it.port"));
  // Beside the build's server (its ports run from port - 80 to port + 6), clear of other builds.
  private static final int PORT = BUILD_SERVER + 100;
  private static final int HTTPS_PORT = PORT + 1;
  private static final String CERTIFICATE_NAME = "CN=jimoto-transport-it";
  private static final String[] PORTALS = {"resident", "merchant", "admin"};
  private static Path work;
  private static Map<String, String> env;
  private static Launcher.Result started;

  @BeforeAll
  static void startAnHttpsOnlyServer() throws Exception {
    work =
        Files.createTempDirectory(
            Path.of(System.getProperty("jimoto.it.dataDir")).getParent(), "transport-");
    Path keystore = work.resolve("city.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "city",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        CERTIFICATE_NAME,
        "-ext",
        "SAN=dns:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        "it-tls-pass");
    env = new HashMap<>();
    env.put("JIMOTO_PORT", String.valueOf(PORT));
    env.put("JIMOTO_DATA_DIR", work.resolve("data").toString());
    env.put("JIMOTO_HTTPS", "true");
    env.put("JIMOTO_PROXY", "true");
    env.put("JIMOTO_BIND", "127.0.0.1"); // the launcher refuses the proxy setting on all interfaces
    env.put("JIMOTO_PUBLIC_HTTPS_PORT", String.valueOf(HTTPS_PORT)); // no proxy here: its own port
    env.put("JIMOTO_TLS_KEYSTORE", keystore.toString());
    env.put("JIMOTO_TLS_KEYSTORE_PASSWORD", "it-tls-pass");
    started = Launcher.run(env, "start");
    assertEquals(0, started.exitCode(), started.output());
  }

  @AfterAll
  static void stop() throws Exception {
    if (env != null) {
      Launcher.run(env, "stop");
    }
  }

  @Test
  void theHttpsPortPresentsTheCitysCertificateAndTheBannerItsAddress() throws Exception {
    String subject = RawHttp.certificate(HTTPS_PORT).getSubjectX500Principal().getName();
    assertEquals(CERTIFICATE_NAME, subject);
    assertTrue(
        started.output().contains("https://localhost:" + HTTPS_PORT + "/resident/"),
        started.output());
  }

  @Test
  void portalsSendPlainHttpToHttpsKeepingMethodAndAddress() throws Exception {
    for (String portal : PORTALS) {
      for (String method : List.of("GET", "POST")) {
        var response =
            RawHttp.exchange(
                PORT,
                false,
                method
                    + " /"
                    + portal
                    + "/login.xhtml?x=1 HTTP/1.1\r\nHost: localhost:"
                    + PORT
                    + "\r\nContent-Length: 0",
                null);
        assertEquals(308, response.status(), portal + " " + method);
        assertEquals(
            "https://localhost:" + HTTPS_PORT + "/" + portal + "/login.xhtml?x=1",
            response.header("Location"));
        assertTrue(response.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
      }
    }
  }

  @Test
  void theApisRefusePlainHttpInsteadOfRedirectingTheirCredentials() throws Exception {
    for (String path : List.of("/merchant/api/v1/payments", "/admin/api/v1/ledger/invariants")) {
      var response =
          RawHttp.get(PORT, false, path, "Authorization: Basic VDAwMDE6bm90LWEtc2VjcmV0");
      assertEquals(403, response.status(), path);
      assertNull(response.header("Location"), path);
      assertTrue(response.body().contains("\"code\":\"HTTPS_REQUIRED\""), response.body());
      assertTrue(response.body().contains("HTTPS でのみ"), response.body());
      assertTrue(response.body().contains("over HTTPS only"), response.body());
      assertEquals(
          "default-src 'none'; frame-ancestors 'none'", response.header("Content-Security-Policy"));
    }
  }

  @Test
  void overHttpsCookiesAreSecureAndBrowsersAreToldToStayOnHttps() throws Exception {
    for (String portal : PORTALS) {
      var page = RawHttp.get(HTTPS_PORT, true, "/" + portal + "/login.xhtml");
      assertEquals(200, page.status(), portal);
      assertEquals("max-age=31536000", page.header("Strict-Transport-Security"), portal);
      assertSecureCookies(page.all("Set-Cookie"), portal);
    }
    var api = RawHttp.get(HTTPS_PORT, true, "/merchant/api/v1/payments");
    assertEquals(401, api.status(), api.body());
    assertEquals("max-age=31536000", api.header("Strict-Transport-Security"));
  }

  @Test
  void behindTheProxyForwardedHttpsCountsAsHttps() throws Exception {
    String proxied = "X-Forwarded-Proto: https";
    var page =
        RawHttp.exchange(
            PORT,
            false,
            "GET /resident/login.xhtml HTTP/1.1\r\nHost: city.example.jp\r\n" + proxied,
            null);
    assertEquals(200, page.status(), "not redirected: the client used HTTPS");
    assertEquals("max-age=31536000", page.header("Strict-Transport-Security"));
    assertSecureCookies(page.all("Set-Cookie"), "proxied");
    // The login redirect points at the address the client used, over HTTPS.
    var home =
        RawHttp.exchange(
            PORT,
            false,
            "GET /resident/app/home.xhtml HTTP/1.1\r\nHost: city.example.jp\r\n" + proxied,
            null);
    assertEquals(302, home.status());
    assertEquals("https://city.example.jp/resident/login.xhtml", home.header("Location"));
    // The proxy's plain-HTTP side (X-Forwarded-Proto: http) is sent to HTTPS too.
    var plain =
        RawHttp.exchange(
            PORT,
            false,
            "GET /merchant/login.xhtml HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: http",
            null);
    assertEquals(308, plain.status());
  }

  @Test
  void outOfTheBoxTheHttpsPortWorksWithPayarasCertificateWithoutForcingIt() throws Exception {
    var page = RawHttp.get(BUILD_SERVER + 1, true, "/resident/login.xhtml");
    assertEquals(200, page.status());
    assertNull(page.header("Strict-Transport-Security"), "HTTPS is not required there");
    for (String cookie : page.all("Set-Cookie")) {
      assertTrue(cookie.contains("SameSite=Lax"), cookie);
    }
    assertFalse(
        RawHttp.certificate(BUILD_SERVER + 1).getSubjectX500Principal().getName().isBlank());
    assertEquals(200, RawHttp.get(BUILD_SERVER, false, "/resident/login.xhtml").status());
  }

  @Test
  void badTlsSettingsStopTheStartWithWhatToFix() throws Exception {
    Map<String, String> bad = new HashMap<>();
    bad.put("JIMOTO_PORT", String.valueOf(BUILD_SERVER + 200)); // refused before it starts
    bad.put("JIMOTO_DATA_DIR", work.resolve("bad").toString());
    try {
      bad.put("JIMOTO_TLS_KEYSTORE", work.resolve("missing.p12").toString());
      bad.put("JIMOTO_TLS_KEYSTORE_PASSWORD", "x");
      assertRefused(Launcher.run(bad, "start"), "is not a readable file");
      bad.put("JIMOTO_TLS_KEYSTORE", work.resolve("city.p12").toString());
      bad.put("JIMOTO_TLS_KEYSTORE_PASSWORD", "wrong-password");
      assertRefused(Launcher.run(bad, "start"), "or the wrong password");
      bad.remove("JIMOTO_TLS_KEYSTORE");
      bad.put("JIMOTO_HTTPS", "yes");
      assertRefused(Launcher.run(bad, "start"), "JIMOTO_HTTPS='yes' is neither true nor false");
    } finally {
      Launcher.run(bad, "stop");
    }
  }

  private static void assertRefused(Launcher.Result result, String expected) {
    assertEquals(1, result.exitCode(), result.output());
    assertTrue(result.output().contains(expected), result.output());
  }

  private static void assertSecureCookies(List<String> cookies, String where) {
    assertFalse(cookies.isEmpty(), where);
    for (String cookie : cookies) {
      assertTrue(cookie.contains("Secure"), where + ": " + cookie);
      assertTrue(cookie.contains("HttpOnly"), where + ": " + cookie);
      assertTrue(cookie.contains("SameSite=Lax"), where + ": " + cookie);
    }
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
  }
}
