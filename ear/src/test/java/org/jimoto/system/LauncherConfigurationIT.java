package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration makes the run command stop at once and say what to fix. */
class LauncherConfigurationIT {

  private static void assertRefused(Launcher.Result result, String expected) {
    assertEquals(1, result.exitCode(), result.output());
    assertTrue(result.output().contains(expected), result.output());
    assertTrue(result.millis() < 15_000, "took " + result.millis() + " ms: " + result.output());
  }

  @Test
  void aPortThatIsNotANumberIsRefused() throws Exception {
    assertRefused(
        Launcher.run(Map.of("JIMOTO_PORT", "80a"), "start"), "JIMOTO_PORT='80a' is not a number");
  }

  @Test
  void aListenAddressThatIsNoIpAddressIsRefused() throws Exception {
    assertRefused(
        Launcher.run(Map.of("JIMOTO_PORT", "18380", "JIMOTO_BIND", "everywhere"), "start"),
        "JIMOTO_BIND='everywhere' is not an IP address");
  }

  /** #9 item 2: store QR codes encode this address; one without http(s):// would print dead. */
  @Test
  void aPublicUrlThatIsNoHttpAddressIsRefused() throws Exception {
    assertRefused(
        Launcher.run(
            Map.of("JIMOTO_PORT", "18380", "JIMOTO_PUBLIC_URL", "pay.example.jp"), "start"),
        "JIMOTO_PUBLIC_URL='pay.example.jp' is not an http:// or https:// address");
  }

  /** #10 security review: simulator mode is on or off, nothing in between. */
  @Test
  void aSimulatorSettingThatIsNoBooleanIsRefused() throws Exception {
    assertRefused(
        Launcher.run(Map.of("JIMOTO_PORT", "18380", "JIMOTO_SIMULATORS", "yes"), "start"),
        "JIMOTO_SIMULATORS='yes' is neither true nor false");
  }

  @Test
  void aPortOutOfRangeIsRefused() throws Exception {
    assertRefused(
        Launcher.run(Map.of("JIMOTO_PORT", "80"), "start"), "JIMOTO_PORT=80 is out of range");
  }

  @Test
  void aPortInUseIsRefused() throws Exception {
    try (var taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      if (port < 1104 || port > 65449) {
        return; // the OS gave a port the launcher would refuse for range; covered above
      }
      assertRefused(
          Launcher.run(Map.of("JIMOTO_PORT", String.valueOf(port)), "start"),
          "port " + port + " is already in use");
    }
  }

  @Test
  void anUnreachablePostgresqlIsRefusedWithTheSettingToFix() throws Exception {
    assertRefused(
        Launcher.run(
            Map.of("JIMOTO_PORT", "18480", "JIMOTO_DB_URL", "jdbc:postgresql://127.0.0.1:1/jimoto"),
            "start"),
        "PostgreSQL is not reachable at 127.0.0.1:1");
  }

  @Test
  void anUnknownDatabaseIsRefused() throws Exception {
    assertRefused(
        Launcher.run(
            Map.of("JIMOTO_PORT", "18480", "JIMOTO_DB_URL", "jdbc:oracle:thin:@x:1521:y"), "start"),
        "Fix JIMOTO_DB_URL");
  }
}
