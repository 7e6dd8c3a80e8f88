package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 finding 3: password hashing must not be a denial of service. 64 clients hammer the admin
 * API's Basic login with a real password (every attempt costs a PBKDF2 check) while a shop takes
 * payments: the payments keep their latency, and logins beyond the hashing bound are answered 429
 * at once. Before the fix every attempt held a pooled connection and the account's row lock while
 * it hashed, and the payments stalled behind them.
 *
 * <p>The clients wait the Retry-After second a 429 asks for: this test is about the cost of
 * password checks, not about an HTTP flood (which costs the same on any URL, and which the load
 * generator, sharing this machine's cores, would itself produce).
 */
class LoginLoadIT {

  private static final String BASE = PortalClient.BASE_URL;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void paymentsKeepTheirLatencyWhile64ClientsHammerALogin() throws Exception {
    String terminal = terminalCredential("T0001");
    String clerk = // CITY_CLERK: a right password, then 403 (not an auditor) — the hash is the work
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    ("city-clerk:" + PortalClient.PASSWORD).getBytes(StandardCharsets.UTF_8));

    pay(terminal, 20); // warm the path
    long quiet = median(pay(terminal, 30));

    Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    List<Long> busyMillis = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean hammering = new AtomicBoolean(true);
    ExecutorService clients = Executors.newFixedThreadPool(64);
    for (int i = 0; i < 64; i++) {
      clients.submit(
          () -> {
            while (hammering.get()) {
              try {
                long sent = System.nanoTime();
                var r =
                    HTTP.send(
                        HttpRequest.newBuilder(URI.create(BASE + "/admin/api/v1/ledger/invariants"))
                            .header("Authorization", clerk)
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                        HttpResponse.BodyHandlers.discarding());
                answers.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                if (r.statusCode() == 429) {
                  busyMillis.add((System.nanoTime() - sent) / 1_000_000);
                  Thread.sleep(
                      1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("1")));
                }
              } catch (Exception e) {
                answers.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
              }
            }
            return null;
          });
    }
    List<Long> loaded;
    try {
      Thread.sleep(2_000); // let the hammer reach full strength
      loaded = pay(terminal, 30);
    } finally {
      hammering.set(false);
      clients.shutdown();
      clients.awaitTermination(90, TimeUnit.SECONDS);
      awaitNoLoginBusy(clerk); // the next test class must not meet a check still running
    }
    long underLoad = median(loaded);
    String figures =
        "median payment ms quiet="
            + quiet
            + " hammered="
            + underLoad
            + " login answers="
            + answers
            + " median 429 ms="
            + (busyMillis.isEmpty() ? "-" : median(busyMillis));
    System.out.println("LoginLoadIT: " + figures);

    assertTrue(
        answers.containsKey(403),
        "some logins were checked (right password, not auditor): " + figures);
    assertTrue(answers.containsKey(429), "logins beyond the hashing bound get 429: " + figures);
    // At once: not queued behind the running checks (a quarter second of a core each; 64 queued
    // ones would take well over ten seconds).
    assertTrue(median(busyMillis) < 500, "the 429 comes at once, without a hash: " + figures);
    assertEquals(null, answers.get(-1), "no login request failed to get an answer: " + figures);
    assertTrue(
        underLoad <= Math.max(4 * quiet, quiet + 150),
        "payments keep their latency while logins are hammered: " + figures);
  }

  /** Waits (at most a minute) until a login is checked again rather than answered busy. */
  private static void awaitNoLoginBusy(String clerk) throws Exception {
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < until) {
      var r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(BASE + "/admin/api/v1/ledger/invariants"))
                  .header("Authorization", clerk)
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 429) {
        return;
      }
      Thread.sleep(500);
    }
  }

  /** Sequential payments of 1 yen with the demo card; their latencies in ms. */
  private static List<Long> pay(String terminal, int count) throws Exception {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      var r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(BASE + "/merchant/api/v1/payments"))
                  .header("Authorization", terminal)
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", "load-" + UUID.randomUUID())
                  .timeout(Duration.ofSeconds(60))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"payer\":\""
                              + PosApiIT.CARD
                              + "\",\"service\":\"WAKABA_COIN\",\"amount\":1}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      millis.add((System.nanoTime() - start) / 1_000_000);
      assertEquals(201, r.statusCode(), r.body());
    }
    return millis;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String terminalCredential(String terminal) throws Exception {
    String logins =
        Files.readString(Path.of(System.getProperty("jimoto.it.dataDir"), "demo-logins.txt"));
    Matcher m = Pattern.compile("(?m)^" + terminal + "\\s+\\S+\\s+([0-9a-f]{64})$").matcher(logins);
    assertTrue(m.find(), "credential of " + terminal + " in demo-logins.txt");
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((terminal + ":" + m.group(1)).getBytes(StandardCharsets.UTF_8));
  }
}
