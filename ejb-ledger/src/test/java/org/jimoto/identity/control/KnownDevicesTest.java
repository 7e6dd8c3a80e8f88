package org.jimoto.identity.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** #8 finding 4: the token that makes a device known to a login name. */
class KnownDevicesTest {

  private final KnownDevices devices =
      new KnownDevices("0123456789abcdef0123456789abcdef".getBytes());
  private final Instant t0 = Instant.parse("2026-11-23T09:00:00Z");
  private static final String ADMIN = "ADMIN:city-admin";

  @Test
  void aTokenVouchesForItsNameWithinNinetyDays() {
    String token = devices.issue(ADMIN, t0);
    assertTrue(devices.vouchFor(token, ADMIN, t0));
    assertTrue(devices.vouchFor(token, ADMIN, t0.plus(Duration.ofDays(90))));
    assertFalse(devices.vouchFor(token, ADMIN, t0.plus(Duration.ofDays(91))), "expired");
    assertFalse(devices.vouchFor(token, "ADMIN:city-clerk", t0), "another name");
    assertFalse(devices.vouchFor(token, "MERCHANT:city-admin", t0), "another portal");
  }

  @Test
  void aForgedOrMangledTokenVouchesForNothing() {
    String token = devices.issue(ADMIN, t0);
    String[] parts = token.split("\\.");
    long day = Long.parseLong(parts[1]);
    assertFalse(devices.vouchFor("1." + (day + 30) + "." + parts[2], ADMIN, t0), "day moved");
    assertFalse(devices.vouchFor(token + "x", ADMIN, t0));
    assertFalse(devices.vouchFor("2." + parts[1] + "." + parts[2], ADMIN, t0));
    assertFalse(devices.vouchFor("1.x." + parts[2], ADMIN, t0));
    assertFalse(devices.vouchFor("", ADMIN, t0));
    assertFalse(devices.vouchFor(null, ADMIN, t0));
    var otherKey = new KnownDevices("fedcba9876543210fedcba9876543210".getBytes());
    assertFalse(otherKey.vouchFor(token, ADMIN, t0), "another city's key");
  }
}
