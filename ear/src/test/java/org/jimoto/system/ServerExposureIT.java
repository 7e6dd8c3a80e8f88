package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
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
 * that hold passwords, secrets and the database are readable by their owner only.
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

  // ------------------------------------------------------------------ helpers

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
