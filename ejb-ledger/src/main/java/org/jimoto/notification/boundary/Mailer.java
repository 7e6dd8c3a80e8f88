package org.jimoto.notification.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import org.jimoto.notification.entity.OutboxMail;

/**
 * Mail to residents (sign-up links, e-mail changes). {@link #queue} writes the mail to the outbox
 * in the caller's transaction: it leaves exactly when what it announces was committed, and a server
 * stop or an SMTP outage delays it, never loses it. {@code MailDelivery} sends the outbox over SMTP
 * (Jakarta Mail).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Mailer {

  static final int MAX_BODY = 10_000;

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  public void queue(String recipient, String subject, String body) {
    queue(recipient, subject, body, false);
  }

  /**
   * A mail whose body holds a secret (a temporary password, a link's token): its body is replaced
   * once it is delivered, or once the secret is stale ({@code MailDelivery#purgeStaleSecrets}).
   */
  public void queueSecret(String recipient, String subject, String body) {
    queue(recipient, subject, body, true);
  }

  private void queue(String recipient, String subject, String body, boolean secret) {
    if (body.length() > MAX_BODY || subject.length() > 300 || recipient.length() > 254) {
      throw new IllegalArgumentException("mail too long for the outbox");
    }
    em.persist(new OutboxMail(recipient, subject, body, secret, LocalDateTime.now(clock)));
  }
}
