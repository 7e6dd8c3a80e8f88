package org.jimoto.identity.control;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * Login lockout policy: {@code maxFailures} wrong passwords within {@code window} lock the account
 * for {@code window}, counted from the failure that reached the limit. A failure after the window
 * has passed starts a new count. Pure logic; the boundary stores the resulting state.
 */
public record LoginThrottle(int maxFailures, Duration window) {

  public LoginThrottle {
    if (maxFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("maxFailures >= 1 and a positive window are required");
    }
  }

  /** The failure counter of one account after a wrong password. */
  public record FailureState(int failures, LocalDateTime windowStart, LocalDateTime lockedUntil) {
    public boolean locked() {
      return lockedUntil != null;
    }
  }

  public boolean isLocked(LocalDateTime lockedUntil, LocalDateTime now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }

  public FailureState afterFailure(int failures, LocalDateTime windowStart, LocalDateTime now) {
    boolean windowOpen = windowStart != null && now.isBefore(windowStart.plus(window));
    int count = windowOpen ? failures + 1 : 1;
    LocalDateTime start = windowOpen ? windowStart : now;
    LocalDateTime lockedUntil = count >= maxFailures ? now.plus(window) : null;
    return new FailureState(count, start, lockedUntil);
  }
}
