package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A city starting Jimoto on a database of its own, without demo data (#8, README "Production"): the
 * first start creates the first administrator with a one-time password, prints it once, keeps it in
 * a file only its owner can read, and the first login must change it.
 */
class FirstAdministratorIT {

  @Test
  void aNewDatabaseGetsOneAdministratorWhoMustChangeTheOneTimePassword() throws Exception {
    int port = Integer.parseInt(System.getProperty("jimoto.it.port")) + 300;
    Path data = Files.createTempDirectory("jimoto-first-admin");
    Map<String, String> env =
        Map.of(
            "JIMOTO_PORT", String.valueOf(port),
            "JIMOTO_DATA_DIR", data.toString(),
            "JIMOTO_DEMO_DATA_ENABLED", "false");
    try {
      var started = Launcher.run(env, "start");
      assertEquals(0, started.exitCode(), started.output());
      Matcher m =
          Pattern.compile("login city-admin, one-time password (\\S+)").matcher(started.output());
      assertTrue(m.find(), started.output());
      String oneTime = m.group(1);
      Path file = data.resolve("first-admin.txt");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertFalse(Files.exists(data.resolve("demo-logins.txt")), "no demo data");

      var admin = new PortalClient("admin", "http://localhost:" + port);
      admin.login("city-admin", oneTime);
      assertTrue(
          admin.last().url().getPath().endsWith("/app/password.xhtml"),
          "R-62: the first login changes the password: " + admin.last().url());
      admin.submit(
          "passwordForm",
          "submit",
          Map.of(
              "current", oneTime,
              "next", "wakabagawa-city-hall-7",
              "confirmation", "wakabagawa-city-hall-7"));
      assertTrue(
          admin.last().url().getPath().endsWith("/app/home.xhtml"), admin.last().url().toString());
      assertNotNull(admin.page().getElementById("welcome"));

      // A later start prints where the file is, not the password again, and creates no one else.
      assertEquals(0, Launcher.run(env, "stop").exitCode());
      var again = Launcher.run(env, "start");
      assertEquals(0, again.exitCode(), again.output());
      assertFalse(again.output().contains(oneTime), again.output());
    } finally {
      Launcher.run(env, "stop");
    }
  }
}
