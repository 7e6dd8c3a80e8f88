package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Restarting the server keeps the data: the database is not re-created or re-seeded, and what
 * happened before the restart (a login) is still known after it.
 */
class ServerRestartIT {

  @Test
  void restartKeepsDataAndDoesNotReloadDemoData() throws Exception {
    Path dataDir = Path.of(System.getProperty("jimoto.it.dataDir"));
    Path loginsFile = dataDir.resolve("demo-logins.txt");
    String loginsBefore = Files.readString(loginsFile);

    var before = new PortalClient("admin");
    before.login("city-admin", PortalClient.PASSWORD);
    assertTrue(before.last().url().getPath().endsWith("/app/home.xhtml"));

    Map<String, String> env = new HashMap<>();
    env.put("JIMOTO_PORT", System.getProperty("jimoto.it.port"));
    env.put("JIMOTO_DATA_DIR", dataDir.toString());
    env.put("JIMOTO_DEMO_DATA_PASSWORD", PortalClient.PASSWORD);
    env.put("JIMOTO_DEMO_DATA_ENABLED", "true");
    // As ear/pom.xml starts it: later test classes log in from 127.0.0.1 many times a minute.
    env.put("JIMOTO_LOGIN_ADDRESS_MAX_FAILURES", "1000");
    env.put("JIMOTO_LOGIN_ADDRESS_ATTEMPTS_PER_MINUTE", "1000");
    System.getenv()
        .forEach(
            (k, v) -> {
              if (k.startsWith("JIMOTO_DB_")) {
                env.put(k, v); // CI's PostgreSQL run
              }
            });
    assertEquals(0, Launcher.run(env, "stop").exitCode());
    var restarted = Launcher.run(env, "start");
    assertEquals(0, restarted.exitCode(), restarted.output());
    // Passwords and terminal secrets are printed by the start that created them only (#8).
    assertFalse(restarted.output().contains("Password for every demo login"), restarted.output());
    assertFalse(restarted.output().contains("POS API credentials"), restarted.output());
    assertTrue(restarted.output().contains(loginsFile.toString()), restarted.output());

    Path serverLog =
        Launcher.ROOT.resolve(
            ".jimoto/domains-" + System.getProperty("jimoto.it.port") + "/jimoto/logs/server.log");
    String log = Files.readString(serverLog);
    assertTrue(log.contains("Database already holds data: demo data not loaded."), "server.log");
    assertFalse(log.contains("Demo data loaded"), "demo data must not load twice");
    assertEquals(loginsBefore, Files.readString(loginsFile));

    var after = new PortalClient("admin");
    after.login("city-admin", PortalClient.PASSWORD);
    assertTrue(after.last().url().getPath().endsWith("/app/home.xhtml"));
    String previousLogin = after.page().getElementById("lastLogin").text();
    assertFalse(previousLogin.isBlank(), "the login before the restart is remembered");
  }
}
