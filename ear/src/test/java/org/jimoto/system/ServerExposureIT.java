package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a city's server exposes when started as documented (issue #8): only the portals' HTTP and
 * HTTPS ports face the network; Payara's administration needs the generated password; the files
 * that hold passwords, secrets and the database are readable by their owner only. In simulator
 * (demo) mode, which the launcher turns on with the demo data, the inboxes that show everybody's
 * SMS codes and mails answer this machine only (#10 security review).
 */
class ServerExposureIT {

  private static final int PORT = Integer.parseInt(System.getProperty("jimoto.it.port"));
  private static final int ADMIN_PORT = PORT - 80 + 48;
  private static final Path DATA = Path.of(System.getProperty("jimoto.it.dataDir"));

  /** A listening TCP socket: its local address (hex, as /proc shows it) and port. */
  private record Listener(String address, int port) {
    boolean loopback() {
      return address.equals("0100007F") // 127.0.0.1
          || address.equals("00000000000000000000000001000000") // ::1
          || address.equals("0000000000000000FFFF00000100007F"); // ::ffff:127.0.0.1
    }
  }

  @Test
  void onlyThePortalsListenBeyondLoopback() throws IOException {
    Map<String, Listener> byInode = new HashMap<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> rows = Files.readAllLines(Path.of(table));
      for (String line : rows.subList(1, rows.size())) {
        String[] f = line.trim().split("\\s+");
        if (f[3].equals("0A")) { // LISTEN
          String[] local = f[1].split(":");
          byInode.put(f[9], new Listener(local[0], Integer.parseInt(local[1], 16)));
        }
      }
    }
    String server = pidListeningOn(byInode, PORT);
    List<Listener> exposed = new ArrayList<>();
    Set<Integer> ports = new TreeSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", server, "fd"))) {
      for (Path fd : fds.toList()) {
        String target = readLink(fd);
        if (target.startsWith("socket:[")) {
          Listener l = byInode.get(target.substring(8, target.length() - 1));
          if (l != null) {
            ports.add(l.port());
            if (!l.loopback() && l.port() != PORT && l.port() != PORT + 1) {
              exposed.add(l);
            }
          }
        }
      }
    }
    assertTrue(ports.contains(ADMIN_PORT), "the admin listener is up (on loopback): " + ports);
    assertEquals(List.of(), exposed, "listening beyond loopback besides HTTP/HTTPS; all: " + ports);
  }

  @Test
  void payarasAdministrationNeedsTheGeneratedPassword() throws Exception {
    Path passwordFile = DATA.resolve("payara-admin-password");
    assertTrue(Files.readString(passwordFile).matches("AS_ADMIN_PASSWORD=[A-Za-z0-9]{24}\\s*"));
    Path wrong = Files.createTempFile("wrong", ".pw");
    Files.writeString(wrong, "AS_ADMIN_PASSWORD=guess\n");
    assertNotEquals(0, asadmin("--user", "admin", "--passwordfile", wrong.toString()).exitCode);
    assertNotEquals(0, asadmin("--user", "admin").exitCode, "no password");
    Result ok = asadmin("--user", "admin", "--passwordfile", passwordFile.toString());
    assertEquals(0, ok.exitCode, ok.output);
    assertTrue(ok.output.contains("jimoto"), ok.output);
  }

  @Test
  void secretsAndTheDatabaseAreTheOwnersAlone() throws IOException {
    assertEquals("rwx------", mode(DATA));
    assertEquals("rw-------", mode(DATA.resolve("demo-logins.txt")));
    assertEquals("rw-------", mode(DATA.resolve("payara-admin-password")));
    Path h2 = DATA.resolve("db/jimoto.mv.db");
    if (Files.exists(h2)) { // the embedded database (not in CI's PostgreSQL run)
      assertEquals("rw-------", mode(h2));
    }
  }

  /**
   * #10 security review: /sms.xhtml and /mail.xhtml show every one-time code and sign-up link, so
   * they answer loopback clients only: 404 from the machine's other address, and 404 through a
   * reverse proxy that is not trusted (X-Forwarded-For); the root page links to them only locally.
   * The bank simulator's page, the resident's own flow, answers from anywhere, with the demo
   * banner.
   */
  @Test
  void theSimulatorsInboxesAnswerThisMachineOnly() throws Exception {
    String other = nonLoopbackAddress();
    assumeTrue(
        other != null,
        "this machine has no address besides loopback: a non-local client cannot be tried");
    for (String page : List.of("/sms.xhtml", "/mail.xhtml")) {
      HttpResponse<String> local = get("127.0.0.1", page);
      assertEquals(200, local.statusCode(), page + " from 127.0.0.1");
      assertTrue(local.body().contains("id=\"simulatorBanner\""), page + ": the demo banner");
      assertEquals(404, get(other, page).statusCode(), page + " from " + other);
      assertEquals(
          404,
          get("127.0.0.1", page, "X-Forwarded-For", "203.0.113.9").statusCode(),
          page + " through an untrusted proxy");
    }
    assertTrue(get("127.0.0.1", "/").body().contains("id=\"toSms\""), "linked locally");
    HttpResponse<String> root = get(other, "/");
    assertEquals(200, root.statusCode());
    assertFalse(root.body().contains("sms.xhtml"), "no link to the SMS inbox from " + other);
    HttpResponse<String> bank = get(other, "/resident/sim/bank.xhtml");
    assertEquals(200, bank.statusCode(), "the bank simulator from " + other);
    assertTrue(bank.body().contains("id=\"simulatorBanner\""), "the bank simulator's banner");
  }

  // ------------------------------------------------------------------ helpers

  private static HttpResponse<String> get(String host, String path, String... headers)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + PORT + path))
            .header("Accept-Language", "ja");
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build()
        .send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** An IPv4 address of this machine that is not loopback (the portals listen on all), or null. */
  private static String nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address
              && !address.isLoopbackAddress()
              && !address.isLinkLocalAddress()) {
            return address.getHostAddress();
          }
        }
      }
    }
    return null;
  }

  private static String pidListeningOn(Map<String, Listener> byInode, int port) throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
          for (Path fd : fds.toList()) {
            String target = readLink(fd);
            if (target.startsWith("socket:[")) {
              Listener l = byInode.get(target.substring(8, target.length() - 1));
              if (l != null && l.port() == port) {
                return proc.getFileName().toString();
              }
            }
          }
        } catch (IOException e) {
          // another user's process, or one that has just ended
        }
      }
    }
    throw new IllegalStateException("no process listens on port " + port);
  }

  private static String readLink(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return "";
    }
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private record Result(int exitCode, String output) {}

  private static Result asadmin(String... auth) throws Exception {
    Path payara;
    try (Stream<Path> dirs = Files.list(Launcher.ROOT.resolve(".jimoto"))) {
      payara =
          dirs.filter(d -> d.getFileName().toString().startsWith("payara-"))
              .findFirst()
              .orElseThrow();
    }
    List<String> command = new ArrayList<>();
    command.add(payara.resolve("payara6/bin/asadmin").toString());
    command.addAll(List.of("--port", String.valueOf(ADMIN_PORT), "--interactive=false"));
    command.addAll(List.of(auth));
    command.add("list-applications");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("asadmin hung: " + out);
    }
    return new Result(p.exitValue(), out);
  }
}
