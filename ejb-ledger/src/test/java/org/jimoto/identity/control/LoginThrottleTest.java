package org.jimoto.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(15));
  private final LocalDateTime t0 = LocalDateTime.of(2026, 4, 1, 9, 0);

  @Test
  void fifthFailureWithinFifteenMinutesLocksForFifteenMinutes() {
    var state = throttle.afterFailure(0, null, t0);
    for (int i = 1; i < 5; i++) {
      assertFalse(state.locked(), "failure " + i + " must not lock");
      state = throttle.afterFailure(state.failures(), state.windowStart(), t0.plusMinutes(i));
    }
    assertTrue(state.locked());
    assertEquals(5, state.failures());
    assertEquals(t0.plusMinutes(4).plusMinutes(15), state.lockedUntil());
    assertTrue(throttle.isLocked(state.lockedUntil(), t0.plusMinutes(18)));
    assertFalse(throttle.isLocked(state.lockedUntil(), t0.plusMinutes(19)));
  }

  @Test
  void failuresSpreadBeyondTheWindowStartANewCount() {
    var state = throttle.afterFailure(4, t0, t0.plusMinutes(15));
    assertEquals(1, state.failures());
    assertEquals(t0.plusMinutes(15), state.windowStart());
    assertNull(state.lockedUntil());
  }

  @Test
  void failureJustInsideTheWindowStillCounts() {
    var state = throttle.afterFailure(4, t0, t0.plusMinutes(14).plusSeconds(59));
    assertEquals(5, state.failures());
    assertTrue(state.locked());
  }

  @Test
  void nothingIsLockedWithoutALockTime() {
    assertFalse(throttle.isLocked(null, t0));
  }

  @Test
  void nonsensicalPoliciesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(0, Duration.ofMinutes(1)));
    assertThrows(IllegalArgumentException.class, () -> new LoginThrottle(5, Duration.ZERO));
  }
}
