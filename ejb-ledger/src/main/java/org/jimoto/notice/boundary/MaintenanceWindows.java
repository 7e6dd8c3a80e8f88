package org.jimoto.notice.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.notice.control.MaintenanceSnapshot;
import org.jimoto.notice.entity.MaintenanceWindow;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Maintenance windows: listing them, and the banner every portal shows (to anybody). Only
 * {@code CityMaintenance}, guarded by role, announces or cancels one (through {@code
 * MaintenanceScheduler}, #11 review finding 3).
 *
 * <p>Cluster bound: each node reads the windows again at least every {@link
 * MaintenanceSnapshot#RELOAD_MILLIS} (30 s), so a window must start at least {@link #MIN_LEAD} (60
 * s) after it is announced, even in an emergency; {@code MaintenanceScheduler} refuses one that
 * starts sooner. A window therefore stops payments on every node from its first second.
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

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

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

  /** A window as the portals show it, at {@code now}. */
  public static View view(MaintenanceWindow w, LocalDateTime now) {
    boolean inForce = !w.getStartsAt().isAfter(now) && w.getEndsAt().isAfter(now);
    return new View(
        w.getId(), w.getStartsAt(), w.getEndsAt(), w.getMessage(), w.getAnnouncedAt(), inForce);
  }
}
