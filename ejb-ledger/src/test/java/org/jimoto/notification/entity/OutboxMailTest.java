package org.jimoto.notification.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** #11 review finding 1: a secret mail's body does not outlive its delivery. */
class OutboxMailTest {

  private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 24, 9, 0);

  @Test
  void aSecretMailLosesItsBodyWhenDeliveredNotBefore() {
    var mail = new OutboxMail("a@example.jp", "s", "仮パスワード: Xy7-secret", true, NOW);
    mail.failed("connection refused", NOW);
    assertEquals("仮パスワード: Xy7-secret", mail.getBody(), "kept to be tried again");
    mail.sent(NOW.plusMinutes(1));
    assertEquals(OutboxMail.PURGED, mail.getBody());
  }

  @Test
  void anOrdinaryMailKeepsItsBody() {
    var mail = new OutboxMail("a@example.jp", "s", "却下の理由: 市外", NOW);
    mail.sent(NOW);
    assertEquals("却下の理由: 市外", mail.getBody());
  }
}
