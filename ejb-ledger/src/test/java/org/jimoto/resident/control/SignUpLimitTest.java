package org.jimoto.resident.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Sign-ups are rate-limited per client address and per mailbox, for an hour (#10 acceptance). */
class SignUpLimitTest {

  private final Instant t0 = Instant.parse("2026-11-23T03:00:00Z");

  @Test
  void theLimitOfAClientAddressHoldsForAnHour() {
    var limit = new SignUpLimit(3, 2);
    for (int i = 0; i < 3; i++) {
      assertTrue(limit.fromClient("203.0.113.5", t0.plusSeconds(i)));
    }
    assertFalse(limit.fromClient("203.0.113.5", t0.plusSeconds(10)));
    assertTrue(limit.fromClient("203.0.113.6", t0.plusSeconds(10)), "another address");
    assertTrue(limit.fromClient("203.0.113.5", t0.plus(Duration.ofMinutes(61))), "an hour later");
  }

  @Test
  void aMailboxGetsAtMostItsLinksAnHour() {
    var limit = new SignUpLimit(100, 2);
    assertTrue(limit.toMailbox("a@example.jp", t0));
    assertTrue(limit.toMailbox("a@example.jp", t0.plusSeconds(1)));
    assertFalse(limit.toMailbox("a@example.jp", t0.plusSeconds(2)));
    assertTrue(limit.toMailbox("b@example.jp", t0.plusSeconds(2)));
  }
}
