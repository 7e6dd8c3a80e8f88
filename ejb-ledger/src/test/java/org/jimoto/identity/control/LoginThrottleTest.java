package org.jimoto.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * #8 finding 4: throttling per address and per login name, so an attacker cannot lock out the
 * owner.
 */
class LoginThrottleTest {

  private final LoginThrottle throttle =
      new LoginThrottle(5, 30, 5, Duration.ofMinutes(15), Duration.ofSeconds(30), 20);
  private final Instant t0 = Instant.parse("2026-04-01T00:00:00Z");
  private static final String ADMIN = "ADMIN:city-admin";

  @Test
  void fiveFailuresBlockThatAddressForThatNameOnlyAndNotTheOwnersAddress() {
    for (int i = 0; i < 4; i++) {
      assertFalse(throttle.failed(ADMIN, "203.0.113.9", t0.plusSeconds(i)), "failure " + (i + 1));
      assertFalse(throttle.refuses(ADMIN, "203.0.113.9", t0.plusSeconds(i)));
    }
    assertTrue(throttle.failed(ADMIN, "203.0.113.9", t0.plusSeconds(4)), "the 5th starts a block");
    assertTrue(throttle.refuses(ADMIN, "203.0.113.9", t0.plusSeconds(5)));
    assertTrue(throttle.refuses(ADMIN, "203.0.113.9", t0.plusSeconds(4 + 15 * 60 - 1)));
    assertFalse(throttle.refuses(ADMIN, "203.0.113.9", t0.plusSeconds(4 + 15 * 60)));
    // The owner, elsewhere, is heard at once; the attacker may still try other names.
    assertFalse(throttle.refuses(ADMIN, "198.51.100.20", t0.plusSeconds(5)));
    assertFalse(throttle.refuses("ADMIN:city-clerk", "203.0.113.9", t0.plusSeconds(5)));
  }

  @Test
  void aPasswordTheCityReissuedLiftsThatNamesLockoutFromEveryAddressOnly_R62() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("MERCHANT:s1", "203.0.113.9", t0);
      throttle.failed("MERCHANT:s1", "198.51.100.20", t0);
      throttle.failed("MERCHANT:s10", "203.0.113.9", t0);
    }
    assertTrue(throttle.refuses("MERCHANT:s1", "203.0.113.9", t0.plusSeconds(1)));
    assertTrue(throttle.refuses("MERCHANT:s1", "192.0.2.1", t0.plusSeconds(1)), "name delay");
    throttle.forget("MERCHANT:s1");
    assertFalse(throttle.refuses("MERCHANT:s1", "203.0.113.9", t0.plusSeconds(1)));
    assertFalse(throttle.refuses("MERCHANT:s1", "198.51.100.20", t0.plusSeconds(1)));
    assertFalse(throttle.refuses("MERCHANT:s1", "192.0.2.1", t0.plusSeconds(1)));
    assertTrue(throttle.refuses("MERCHANT:s10", "203.0.113.9", t0.plusSeconds(1)), "another name");
  }

  @Test
  void failuresOfAnUnknownNameAreCountedLikeARealOne() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("ADMIN:nobody", "203.0.113.9", t0);
    }
    assertTrue(throttle.refuses("ADMIN:nobody", "203.0.113.9", t0.plusSeconds(1)));
  }

  @Test
  void sprayingManyNamesFromOneAddressBlocksTheAddress() {
    for (int i = 0; i < 29; i++) {
      assertFalse(throttle.failed("RESIDENT:user" + i + "@example.jp", "203.0.113.9", t0));
    }
    assertFalse(throttle.refuses("RESIDENT:fresh@example.jp", "203.0.113.9", t0));
    assertTrue(throttle.failed("RESIDENT:user29@example.jp", "203.0.113.9", t0));
    assertTrue(throttle.refuses("RESIDENT:fresh@example.jp", "203.0.113.9", t0.plusSeconds(1)));
    assertFalse(throttle.refuses("RESIDENT:fresh@example.jp", "198.51.100.20", t0.plusSeconds(1)));
  }

  @Test
  void manyAddressesGuessingOneNameAreSlowedByGrowingDelaysNeverTheWholeWindow() {
    for (int i = 0; i < 5; i++) {
      throttle.failed(ADMIN, "10.0.0." + i, t0);
    }
    assertFalse(throttle.refuses(ADMIN, "10.0.1.1", t0), "five failures are free");
    throttle.failed(ADMIN, "10.0.0.5", t0); // 6th: 1 s
    assertTrue(throttle.refuses(ADMIN, "10.0.1.1", t0));
    assertFalse(throttle.refuses(ADMIN, "10.0.1.1", t0.plusSeconds(1)));
    assertEquals(Duration.ofSeconds(1), throttle.delayAfter(6));
    assertEquals(Duration.ofSeconds(2), throttle.delayAfter(7));
    assertEquals(Duration.ofSeconds(16), throttle.delayAfter(10));
    assertEquals(Duration.ofSeconds(30), throttle.delayAfter(11), "at most the maximum delay");
    assertEquals(Duration.ofSeconds(30), throttle.delayAfter(500));
  }

  @Test
  void theDelayDoesNotKeepTheOwnerOutFromWhereTheyLoggedInBefore() {
    throttle.succeeded(ADMIN, "198.51.100.20", t0); // the office, last week
    for (int i = 0; i < 8; i++) {
      throttle.failed(ADMIN, "10.0.0." + i, t0); // a guesser with many addresses
    }
    assertTrue(throttle.refuses(ADMIN, "10.0.1.1", t0), "delayed for strangers");
    assertFalse(throttle.refuses(ADMIN, "198.51.100.20", t0), "the owner's office is heard");
  }

  @Test
  void theDelayDoesNotKeepTheOwnersKnownDeviceOutOnANewNetwork() {
    // Review of #8: addresses alone left the owner out on any new network and after a restart.
    for (int i = 0; i < 8; i++) {
      throttle.failed(ADMIN, "10.0.0." + i, t0);
    }
    assertTrue(throttle.refuses(ADMIN, "192.0.2.77", t0, false), "a stranger is delayed");
    assertFalse(throttle.refuses(ADMIN, "192.0.2.77", t0, true), "the owner's device is heard");
    for (int i = 0; i < 5; i++) {
      throttle.failed(ADMIN, "10.0.0.1", t0);
    }
    assertTrue(
        throttle.refuses(ADMIN, "10.0.0.1", t0, true),
        "a device token does not lift the block of an address that guessed this name");
  }

  @Test
  void atMostTwentyPasswordChecksAMinuteFromOneAddress() {
    for (int i = 0; i < 19; i++) {
      throttle.attempted("203.0.113.9", t0);
    }
    assertFalse(throttle.refuses(ADMIN, "203.0.113.9", t0));
    throttle.attempted("203.0.113.9", t0);
    assertTrue(throttle.refuses("RESIDENT:any@example.jp", "203.0.113.9", t0.plusSeconds(59)));
    assertFalse(throttle.refuses(ADMIN, "198.51.100.20", t0), "other addresses go on");
    assertFalse(throttle.refuses(ADMIN, "203.0.113.9", t0.plusSeconds(60)), "a minute later");
  }

  @Test
  void theRightPasswordStartsTheNamesCountsAgainButNotTheSprayCount() {
    for (int i = 0; i < 4; i++) {
      throttle.failed(ADMIN, "203.0.113.9", t0);
    }
    throttle.succeeded(ADMIN, "203.0.113.9", t0);
    assertFalse(throttle.failed(ADMIN, "203.0.113.9", t0.plusSeconds(1)), "count restarted at 1");
  }

  @Test
  void aFailureAfterTheWindowStartsANewCount() {
    for (int i = 0; i < 4; i++) {
      throttle.failed(ADMIN, "203.0.113.9", t0);
    }
    assertFalse(throttle.failed(ADMIN, "203.0.113.9", t0.plus(Duration.ofMinutes(15))));
    assertFalse(throttle.refuses(ADMIN, "203.0.113.9", t0.plus(Duration.ofMinutes(15))));
  }
}
