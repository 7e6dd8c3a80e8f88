package org.jimoto.audit.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.jimoto.audit.entity.AuditEvent;
import org.jimoto.identity.entity.Portal;

/**
 * Records audit events (R-94: who, when, what, why) in the caller's transaction, so an action and
 * its record commit together, or neither does.
 */
@Stateless
public class AuditLog {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  public void record(Portal portal, String actor, String action, String detail) {
    record(portal, actor, action, detail, null);
  }

  /**
   * @param reason why the person did it (a grant's occasion, a forfeiture's cause); may be null
   */
  public void record(Portal portal, String actor, String action, String detail, String reason) {
    em.persist(
        new AuditEvent(
            // to the column's precision, so the stored time is the time read (databases round)
            LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS),
            portal == null ? null : portal.name(),
            actor,
            action,
            detail,
            reason));
  }

  /**
   * As {@link #record(Portal, String, String, String, String)}, but committed in a transaction of
   * its own: for a refusal that must stay in the log although the caller's transaction rolls back
   * (R-94, e.g. a throttled resident lookup).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void recordInOwnTransaction(
      Portal portal, String actor, String action, String detail, String reason) {
    record(portal, actor, action, detail, reason);
  }
}
