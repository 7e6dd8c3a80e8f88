package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 finding 7: what one request may cost. Bodies are refused before they are read whole (the
 * POS API at 16 KB, everything else at 1 MB), also when they come chunked without a length; request
 * headers are bounded; the POS list covers at most 31 days. The server stays healthy.
 */
class LimitsIT {

  private static final int PORT = Integer.parseInt(System.getProperty("jimoto.it.port"));
  private static final String PAYMENTS = "/merchant/api/v1/payments";
  private static String terminal; // "Authorization: Basic ..." of T0001

  @BeforeAll
  static void terminalCredential() throws Exception {
    String logins =
        Files.readString(Path.of(System.getProperty("jimoto.it.dataDir"), "demo-logins.txt"));
    Matcher m = Pattern.compile("(?m)^T0001\\s+\\S+\\s+([0-9a-f]{64})$").matcher(logins);
    assertTrue(m.find(), "T0001's secret in demo-logins.txt");
    terminal =
        "Authorization: Basic "
            + Base64.getEncoder()
                .encodeToString(("T0001:" + m.group(1)).getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void serverStaysHealthy() throws Exception {
    var health = RawHttp.get(PORT, false, "/health/ready");
    assertEquals(200, health.status(), health.body());
    assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
    var list = RawHttp.get(PORT, false, PAYMENTS + "?limit=1", terminal);
    assertEquals(200, list.status(), list.body());
  }

  @Test
  void aChunked400MegabytePaymentIsRefusedAfterItsFirst16Kilobytes() throws Exception {
    long maxBytes = 400L * 1024 * 1024;
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) ' ');
    byte[] chunkHead =
        (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    long start = System.nanoTime();
    long sent = 0;
    try (Socket socket = new Socket(RawHttp.HOST, PORT)) {
      socket.setSoTimeout(60_000);
      String head =
          "POST "
              + PAYMENTS
              + " HTTP/1.1\r\nHost: localhost\r\n"
              + terminal
              + "\r\nIdempotency-Key: limits-chunked-1\r\nContent-Type: application/json\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      // The answer is read while the body is still being sent, as a client streaming it would.
      CompletableFuture<RawHttp.Response> answer =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return RawHttp.read(socket.getInputStream());
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      try {
        while (sent < maxBytes && !answer.isDone()) {
          out.write(chunkHead);
          out.write(chunk);
          out.write('\r');
          out.write('\n');
          sent += chunk.length;
        }
      } catch (IOException closedByServer) {
        // expected: the server answered and closed the connection without reading the rest
      }
      RawHttp.Response response = answer.get(30, TimeUnit.SECONDS);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(413, response.status(), response.body());
      assertTrue(response.body().contains("\"code\":\"BODY_TOO_LARGE\""), response.body());
      assertTrue(response.body().contains("16,384"), response.body());
      // Not read whole: the server stopped reading long before the 400 MB were through.
      assertTrue(sent < 64L * 1024 * 1024, "sent " + sent + " bytes before the answer");
      assertTrue(millis < 15_000, "answered after " + millis + " ms");
    }
  }

  @Test
  void aPaymentDeclaringMoreThan16KilobytesIsRefusedBeforeTheBodyArrives() throws Exception {
    // Only the headers are sent: an answer proves the server did not wait for the body.
    var response =
        RawHttp.exchange(
            PORT,
            false,
            "POST "
                + PAYMENTS
                + " HTTP/1.1\r\nHost: localhost\r\n"
                + terminal
                + "\r\nIdempotency-Key: limits-declared-1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200000",
            null);
    assertEquals(413, response.status(), response.body());
    assertTrue(response.body().contains("\"code\":\"BODY_TOO_LARGE\""), response.body());
  }

  @Test
  void aPaymentDeclaringMoreThanTwoGigabytesIsRefusedLikeAnyLargeOne() throws Exception {
    // Beyond an int: Jersey's own length reads -1 there; this was a 500 (review of #8).
    var response =
        RawHttp.exchange(
            PORT,
            false,
            "POST "
                + PAYMENTS
                + " HTTP/1.1\r\nHost: localhost\r\n"
                + terminal
                + "\r\nIdempotency-Key: limits-huge-1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 99999999999",
            null);
    assertEquals(413, response.status(), response.body());
    assertTrue(response.body().contains("\"code\":\"BODY_TOO_LARGE\""), response.body());
  }

  @Test
  void aFormPostOverOneMegabyteIsRefusedByTheServerBeforeItArrives() throws Exception {
    var response =
        RawHttp.exchange(
            PORT,
            false,
            "POST /resident/login.xhtml HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000",
            null);
    assertRefusedWithThePortalsPage(response, 413, "データが大きすぎます");
    // Also outside the portals, and in English for an English browser.
    var root =
        RawHttp.exchange(
            PORT,
            false,
            "POST /nope HTTP/1.1\r\nHost: localhost\r\nAccept-Language: en\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000000",
            null);
    assertRefusedWithThePortalsPage(root, 413, "Too much data");
  }

  @Test
  void aFormPostWithoutALengthIsRefusedBeforeItIsRead() throws Exception {
    // Browsers declare a form's length; an undeclared (chunked) body would be parsed unbounded.
    var response =
        RawHttp.exchange(
            PORT,
            false,
            "POST /merchant/login.xhtml HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked",
            "5\r\na=b&c\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertRefusedWithThePortalsPage(response, 411, "要求を受け付けられません");
  }

  /** #8 finding 8: the refusal is the portal's page, not Payara's (which names its version). */
  private static void assertRefusedWithThePortalsPage(
      RawHttp.Response response, int status, String title) {
    assertEquals(status, response.status(), response.body());
    assertEquals(title, org.jsoup.Jsoup.parse(response.body()).getElementById("errorTitle").text());
    for (String word : List.of("Payara", "GlassFish", "Grizzly", "6.2025")) {
      assertFalse(response.body().contains(word), response.body());
    }
    assertTrue(response.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    assertNull(response.header("Server"));
  }

  @Test
  void requestHeadersAreBoundedInNumberAndSize() throws Exception {
    StringBuilder many = new StringBuilder("GET /resident/login.xhtml HTTP/1.1\r\nHost: localhost");
    for (int i = 0; i < 80; i++) {
      many.append("\r\nX-Filler-").append(i).append(": x");
    }
    assertEquals(400, RawHttp.exchange(PORT, false, many.toString(), null).status(), "80 headers");
    String big =
        "GET /resident/login.xhtml HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(9000);
    assertEquals(400, RawHttp.exchange(PORT, false, big, null).status(), "a 9 KB header");
    var normal = RawHttp.get(PORT, false, "/resident/login.xhtml");
    assertEquals(200, normal.status(), "an ordinary request");
  }

  @Test
  void thePaymentListCoversAtMost31Days() throws Exception {
    var tooLong =
        RawHttp.get(PORT, false, PAYMENTS + "?from=2026-01-01T00:00&to=2026-02-01T00:01", terminal);
    assertEquals(400, tooLong.status(), tooLong.body());
    assertTrue(tooLong.body().contains("\"code\":\"MALFORMED_REQUEST\""), tooLong.body());
    assertTrue(tooLong.body().contains("31日以内"), tooLong.body());
    assertTrue(tooLong.body().contains("at most 31 days"), tooLong.body());
    var backwards =
        RawHttp.get(PORT, false, PAYMENTS + "?from=2026-02-01T00:00&to=2026-01-01T00:00", terminal);
    assertEquals(400, backwards.status(), backwards.body());
    var month =
        RawHttp.get(PORT, false, PAYMENTS + "?from=2026-01-01T00:00&to=2026-02-01T00:00", terminal);
    assertEquals(200, month.status(), month.body());
  }
}
