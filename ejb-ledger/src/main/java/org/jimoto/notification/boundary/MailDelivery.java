package org.jimoto.notification.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jimoto.notification.control.SmtpTransport;
import org.jimoto.notification.entity.OutboxMail;
import org.jimoto.platform.control.PlatformClock;

/**
 * Sends the outbox ({@link Mailer}): each due mail in a transaction of its own that locks its row,
 * so that two servers never send one mail twice and a failure puts off only that mail.
 */
@Stateless
public class MailDelivery {

  private static final Logger LOG = Logger.getLogger(MailDelivery.class.getName());
  static final int BATCH = 50;

  @PersistenceContext EntityManager em;
  @Inject SmtpTransport smtp;
  @Inject Clock clock;

  /**
   * Ids of mails due now (at most {@link #BATCH}), oldest first. A secret mail whose body was
   * purged (stale, {@link #purgeStaleSecrets}) is never sent: it would carry only the placeholder
   * (#11 review 2, R-61).
   */
  public List<Long> due() {
    return em.createQuery(
            "select m.id from OutboxMail m where m.sentAt is null and m.nextAttemptAt <= :now"
                + " and not (m.secret = true and m.body = :purged) order by m.id",
            Long.class)
        .setParameter("now", LocalDateTime.now(clock))
        .setParameter("purged", OutboxMail.PURGED)
        .setMaxResults(BATCH)
        .getResultList();
  }

  /**
   * Sends one mail unless another server did.
   *
   * @return true when it was sent now
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean deliver(long id) {
    OutboxMail mail = em.find(OutboxMail.class, id, LockModeType.PESSIMISTIC_WRITE);
    LocalDateTime now = LocalDateTime.now(clock);
    if (mail == null
        || mail.getSentAt() != null
        || mail.getNextAttemptAt().isAfter(now)
        || abandoned(mail)) { // purged between due() and here
      return false;
    }
    try {
      smtp.send(
          mail.getRecipient(),
          mail.getSubject(),
          mail.getBody(),
          Date.from(mail.getCreatedAt().atZone(PlatformClock.ZONE).toInstant()));
      mail.sent(now);
      return true;
    } catch (Exception e) {
      mail.failed(e.toString(), now);
      LOG.log(
          Level.WARNING,
          "mail {0} not sent (attempt {1}): {2}",
          new Object[] {id, mail.getAttempts(), e.toString()});
      return false;
    }
  }

  /**
   * How long an undelivered secret mail keeps its body: past it, the temporary passwords (7 days)
   * and the correction link (14 days) no longer work anyway.
   */
  public static final Duration SECRET_LIFETIME = Duration.ofDays(14);

  /**
   * Replaces the body of every secret mail older than {@link #SECRET_LIFETIME} still holding it
   * (one the SMTP server never took), #11 review finding 1.
   *
   * @return how many were purged
   */
  public int purgeStaleSecrets() {
    return em.createQuery(
            "update OutboxMail m set m.body = :purged where m.secret = true and m.body <> :purged"
                + " and m.createdAt < :before")
        .setParameter("purged", OutboxMail.PURGED)
        .setParameter("before", LocalDateTime.now(clock).minus(SECRET_LIFETIME))
        .executeUpdate();
  }

  /** A stale secret mail whose body was purged: abandoned, never sent. */
  private static boolean abandoned(OutboxMail mail) {
    return mail.isSecret() && OutboxMail.PURGED.equals(mail.getBody());
  }

  /** Mails waiting to be sent (abandoned purged secret mails not counted), for outbox health. */
  public long waiting() {
    return em.createQuery(
            "select count(m) from OutboxMail m where m.sentAt is null"
                + " and not (m.secret = true and m.body = :purged)",
            Long.class)
        .setParameter("purged", OutboxMail.PURGED)
        .getSingleResult();
  }
}
