package org.jimoto.notice.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.notice.boundary.MaintenanceWindows;
import org.jimoto.notice.entity.MaintenanceWindow;

/**
 * Announces and cancels maintenance windows for the guarded boundary ({@code
 * CityMaintenance}) and the demo data; not itself a boundary (#11 review finding 3): the actor
 * comes from the caller's principal there.
 *
 * <p>R-57 "announced in advance" (#11 review finding 4): a window starts at least {@code
 * jimoto.maintenance.min-lead-hours} (24) after it is announced. An emergency may start sooner,
 * down to the cluster bound {@link MaintenanceWindows#MIN_LEAD} (every node's snapshot must know
 * the window when it starts), only with its reason, which the audit log keeps.
 */
@Stateless
public class MaintenanceScheduler {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject AuditLog audit;

  @Inject
  @ConfigProperty(name = "jimoto.maintenance.min-lead-hours", defaultValue = "24")
  int minLeadHours;

  @Resource TransactionSynchronizationRegistry transactions;

  /** How far ahead a window is announced unless it is an emergency. */
  public Duration minimumLead() {
    return Duration.ofHours(minLeadHours);
  }

  /** The audit log's reason column (audit_event.reason) holds this many characters. */
  static final int MAX_REASON_LENGTH = 500;

  /**
   * Announces a window now. Refused (changing nothing) if it starts sooner than {@link
   * #minimumLead()} without an emergency reason, or sooner than {@link MaintenanceWindows#MIN_LEAD}
   * at all; if it ends before it starts, or lacks its message in Japanese or English.
   *
   * @param emergencyReason why it cannot wait the minimum lead; null or blank when it is not an
   *     emergency
   */
  public MaintenanceWindows.View announce(
      LocalDateTime startsAt,
      LocalDateTime endsAt,
      LocalizedName message,
      String note,
      String emergencyReason,
      String actor) {
    LocalDateTime now = LocalDateTime.now(clock);
    if (message == null || blank(message.ja()) || blank(message.en())) {
      throw new RefusedException(Refusal.TEXT_MISSING, new LocalizedName("お知らせ文", "message"));
    }
    if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
      throw new RefusedException(Refusal.PERIOD_INVALID);
    }
    if (startsAt.isBefore(now.plus(MaintenanceWindows.MIN_LEAD))) {
      throw new RefusedException(
          Refusal.MAINTENANCE_NOT_AHEAD, MaintenanceWindows.MIN_LEAD.toSeconds());
    }
    boolean emergency = startsAt.isBefore(now.plus(minimumLead()));
    if (emergency && blank(emergencyReason)) {
      throw new RefusedException(Refusal.MAINTENANCE_NOTICE_TOO_SHORT, minLeadHours);
    }
    if (emergency && emergencyReason.strip().length() > MAX_REASON_LENGTH) {
      // R-94, #11 review 2: the audit log keeps 500 characters; a longer reason would be cut.
      throw new RefusedException(Refusal.MAINTENANCE_REASON_TOO_LONG, MAX_REASON_LENGTH);
    }
    var window =
        new MaintenanceWindow(
            startsAt,
            endsAt,
            new LocalizedName(message.ja().strip(), message.en().strip()),
            note,
            now,
            actor);
    em.persist(window);
    em.flush();
    if (emergency) {
      audit.record(
          Portal.ADMIN,
          actor,
          "MAINTENANCE_ANNOUNCED_SHORT_NOTICE",
          "maintenance window "
              + window.getId()
              + ", "
              + startsAt
              + " – "
              + endsAt
              + ", less than "
              + minLeadHours
              + " h ahead",
          emergencyReason.strip());
    } else {
      audit.record(
          Portal.ADMIN,
          actor,
          "MAINTENANCE_ANNOUNCED",
          "maintenance window " + window.getId(),
          startsAt + " – " + endsAt);
    }
    // This node reads the windows at the next request; the others within RELOAD_MILLIS.
    forgetAfterCommit();
    return MaintenanceWindows.view(window, now);
  }

  /**
   * Calls a window off, before or while it runs (#11 item 6). Payments resume at once on this node,
   * and within {@link MaintenanceSnapshot#RELOAD_MILLIS} on the others. Audited.
   */
  public void cancel(long id, String actor) {
    MaintenanceWindow w = em.find(MaintenanceWindow.class, id);
    if (w == null) {
      throw new RefusedException(Refusal.MAINTENANCE_WINDOW_UNKNOWN);
    }
    LocalDateTime now = LocalDateTime.now(clock);
    if (w.getCancelledAt() != null || !w.getEndsAt().isAfter(now)) {
      throw new RefusedException(Refusal.MAINTENANCE_ALREADY_OVER);
    }
    w.cancel(now, actor);
    em.flush();
    audit.record(
        Portal.ADMIN,
        actor,
        "MAINTENANCE_CANCELLED",
        "maintenance window " + id,
        w.getStartsAt() + " – " + w.getEndsAt());
    forgetAfterCommit();
  }

  /**
   * Drops this node's snapshot once the change is committed: dropped before, a request
   * reading the windows meanwhile would cache them without the change for RELOAD_MILLIS.
   */
  private void forgetAfterCommit() {
    if (transactions.getTransactionKey() == null) {
      MaintenanceSnapshot.forget();
      return;
    }
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              MaintenanceSnapshot.forget();
            }
          }
        });
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
