package org.jimoto;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.jimoto.platform.control.PlatformClock;

/**
 * The platform's clock in the test deployments: real time unless a test sets it, so that a test can
 * replay a seed's dates (a card bought 2023-06-01, charged on 2025-05-20). Tests that set it reset
 * it in a finally block.
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class TestClock {

  private static volatile Instant fixed;

  /** From now on the platform's time is {@code at} (Asia/Tokyo), until {@link #reset()}. */
  public static void set(LocalDateTime at) {
    fixed = at.atZone(PlatformClock.ZONE).toInstant();
  }

  public static void reset() {
    fixed = null;
  }

  @Produces
  @ApplicationScoped
  Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return PlatformClock.ZONE;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now();
      }
    };
  }
}
