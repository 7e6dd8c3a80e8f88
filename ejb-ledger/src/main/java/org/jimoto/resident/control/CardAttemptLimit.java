package org.jimoto.resident.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Limits on the card pages, kept for any key whether or not a card has it, so that the
 * answers never tell real member codes from guesses. Each key allows {@code max} events in a fixed
 * window that opens at its first event, and at least {@code minGap} between two; beyond, the event
 * is refused until the returned time. Kept in this server's memory (bounded; idle keys expire), as
 * the login throttle is: with several servers each counts its own.
 */
@ApplicationScoped
public class CardAttemptLimit {

  /** A kind of event and its limits. */
  public enum Kind {
    /** Asking for an inquiry code, per member code: one a minute, five an hour. */
    INQUIRY_CODE_PER_CARD(5, Duration.ofHours(1), Duration.ofMinutes(1)),
    /** Asking for an inquiry code, per client address (many codes from one place). */
    INQUIRY_CODE_PER_ADDRESS(20, Duration.ofHours(1), Duration.ZERO),
    /** Typing an inquiry code, per client address. */
    INQUIRY_CHECK_PER_ADDRESS(30, Duration.ofHours(1), Duration.ZERO),
    /** A wrong member code, security code or owner at the migration, per app member. */
    MIGRATION_FAILURE_PER_MEMBER(5, Duration.ofHours(1), Duration.ZERO),
    /** A wrong security code, per card, from any app member. */
    MIGRATION_FAILURE_PER_CARD(10, Duration.ofHours(24), Duration.ZERO);

    final int max;
    final Duration window;
    final Duration minGap;

    Kind(int max, Duration window, Duration minGap) {
      this.max = max;
      this.window = window;
      this.minGap = minGap;
    }
  }

  private record Counter(int events, Instant windowStart, Instant last) {}

  private final Cache<String, Counter> counters =
      Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofHours(25)).build();

  @Inject Clock clock;

  CardAttemptLimit() {}

  /** For tests: without CDI. */
  public CardAttemptLimit(Clock clock) {
    this.clock = clock;
  }

  /**
   * Counts an event if it is allowed.
   *
   * @return empty if allowed (and counted), else when it will be allowed again
   */
  public synchronized Optional<Instant> take(Kind kind, String key) {
    Instant now = clock.instant();
    String k = kind.name() + ":" + key;
    Counter c = counters.getIfPresent(k);
    if (c != null && now.isBefore(c.windowStart().plus(kind.window))) {
      if (c.events() >= kind.max) {
        return Optional.of(c.windowStart().plus(kind.window));
      }
      if (now.isBefore(c.last().plus(kind.minGap))) {
        return Optional.of(c.last().plus(kind.minGap));
      }
      counters.put(k, new Counter(c.events() + 1, c.windowStart(), now));
    } else {
      counters.put(k, new Counter(1, now, now));
    }
    return Optional.empty();
  }

  /** Whether an event would be refused now, without counting it. */
  public synchronized Optional<Instant> blockedUntil(Kind kind, String key) {
    Instant now = clock.instant();
    Counter c = counters.getIfPresent(kind.name() + ":" + key);
    if (c != null && now.isBefore(c.windowStart().plus(kind.window)) && c.events() >= kind.max) {
      return Optional.of(c.windowStart().plus(kind.window));
    }
    return Optional.empty();
  }
}
