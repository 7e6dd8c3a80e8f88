package org.jimoto.notice.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.notice.control.MaintenanceSnapshot;
import org.jimoto.notice.entity.MaintenanceWindow;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Maintenance windows: announcing one, listing them, and the banner every portal shows. The
 * admin screens of #11 call {@link #announce}; the demo data and the tests do too.
 *
 * <p>Cluster bound: each node reads the windows again at least every {@link
 * MaintenanceSnapshot#RELOAD_MILLIS} (30 s), so a window must start at least {@link #MIN_LEAD} (60
 * s) after it is announced; {@link #announce} refuses one that starts sooner. A window therefore
 * stops payments on every node from its first second.
 */
@Stateless
public class MaintenanceWindows {

  /** The shortest time between announcing a window and its start: twice the snapshot's reload. */
  public static final Duration MIN_LEAD = Duration.ofMillis(2 * MaintenanceSnapshot.RELOAD_MILLIS);

  /** How long before its start the banner shows an announced window. */
  public static final Duration BANNER_AHEAD = Duration.ofDays(7);

  /** A window as the portals show it. */
  public record View(
      long id,
      LocalDateTime startsAt,
      LocalDateTime endsAt,
      LocalizedName message,
      LocalDateTime announcedAt,
      boolean inForce) {}

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject AuditLog audit;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * Announces a window now. Refused (changing nothing) if it starts less than {@link #MIN_LEAD}
   * from now, ends before it starts, or lacks its message in Japanese or English.
   */
  public View announce(
      LocalDateTime startsAt,
      LocalDateTime endsAt,
      LocalizedName message,
      String note,
      String actor) {
    LocalDateTime now = LocalDateTime.now(clock);
    if (message == null || blank(message.ja()) || blank(message.en())) {
      throw new RefusedException(Refusal.TEXT_MISSING, new LocalizedName("お知らせ文", "message"));
    }
    if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
      throw new RefusedException(Refusal.PERIOD_INVALID);
    }
    if (startsAt.isBefore(now.plus(MIN_LEAD))) {
      throw new RefusedException(Refusal.MAINTENANCE_NOT_AHEAD, MIN_LEAD.toSeconds());
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
    audit.record(
        Portal.ADMIN,
        actor,
        "MAINTENANCE_ANNOUNCED",
        "maintenance window " + window.getId(),
        startsAt + " – " + endsAt);
    // This node reads the windows at the next request; the others within RELOAD_MILLIS.
    forgetAfterCommit();
    return view(window, now);
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

  /** Every window not over yet, earliest first (the admin screens' list). */
  public List<View> upcoming() {
    LocalDateTime now = LocalDateTime.now(clock);
    return em
        .createQuery(
            "SELECT w FROM MaintenanceWindow w WHERE w.endsAt > :now AND w.cancelledAt IS NULL"
                + " ORDER BY w.startsAt, w.id",
            MaintenanceWindow.class)
        .setParameter("now", now)
        .getResultList()
        .stream()
        .map(w -> view(w, now))
        .toList();
  }

  /**
   * The window the banner of every portal shows: the one in force, else the next one starting
   * within {@link #BANNER_AHEAD}. Read from the in-memory snapshot, as the ledger's check is.
   */
  public Optional<View> banner() {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      List<MaintenanceSnapshot.Window> windows = MaintenanceSnapshot.windows(c, now);
      Optional<MaintenanceSnapshot.Window> shown =
          windows.stream().filter(w -> w.inForce(now)).findFirst();
      if (shown.isEmpty()) {
        shown =
            windows.stream()
                .filter(w -> w.startsAt().isAfter(now))
                .filter(w -> !w.startsAt().isAfter(now.plus(BANNER_AHEAD)))
                .findFirst();
      }
      return shown.map(
          w ->
              new View(
                  w.id(), w.startsAt(), w.endsAt(), w.message(), w.announcedAt(), w.inForce(now)));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static View view(MaintenanceWindow w, LocalDateTime now) {
    boolean inForce = !w.getStartsAt().isAfter(now) && w.getEndsAt().isAfter(now);
    return new View(
        w.getId(), w.getStartsAt(), w.getEndsAt(), w.getMessage(), w.getAnnouncedAt(), inForce);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
