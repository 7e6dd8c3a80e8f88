package org.jimoto.notice.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jimoto.ledger.boundary.LocalizedName;

/**
 * The maintenance windows not yet over, in memory. Every payment and charge asks it whether
 * a window is in force: a volatile read and a loop over a handful of windows, no database. The
 * snapshot is read again from the database when a window is announced on this node ({@link
 * #forget()}) and at least every {@link #RELOAD_MILLIS} on every node, so another node of a cluster
 * knows a new window at most that long after it was announced. That is why a window must start at
 * least {@code MaintenanceWindows.MIN_LEAD} after its announcement, which is longer.
 *
 * <p>One thread reloads while the others go on with the previous snapshot; it has every window that
 * was announced long enough ago to have started.
 */
public final class MaintenanceSnapshot {

  /** How old a snapshot may get before it is read again (each node). */
  public static final long RELOAD_MILLIS = 30_000;

  /** A window as shown and enforced: announced, from start to end, with its message. */
  public record Window(
      long id,
      LocalDateTime startsAt,
      LocalDateTime endsAt,
      LocalizedName message,
      LocalDateTime announcedAt) {

    public boolean inForce(LocalDateTime now) {
      return !startsAt.isAfter(now) && endsAt.isAfter(now);
    }
  }

  private record Snapshot(List<Window> windows, long loadedAtMillis) {}

  private static volatile Snapshot snapshot;
  private static final ReentrantLock RELOADING = new ReentrantLock();

  private MaintenanceSnapshot() {}

  /**
   * The windows not over at the time of the last reload, earliest start first. The connection is
   * used only when the snapshot is missing or older than {@link #RELOAD_MILLIS}.
   */
  public static List<Window> windows(Connection c, LocalDateTime now) throws SQLException {
    Snapshot current = snapshot;
    long nowMillis = System.currentTimeMillis();
    if (current != null && nowMillis - current.loadedAtMillis() < RELOAD_MILLIS) {
      return current.windows();
    }
    if (current != null && !RELOADING.tryLock()) {
      return current.windows(); // another thread is reading the new one
    }
    if (current == null) {
      RELOADING.lock();
    }
    try {
      Snapshot again = snapshot;
      if (again != null && again != current) {
        return again.windows(); // loaded meanwhile
      }
      Snapshot fresh = new Snapshot(read(c, now), nowMillis);
      snapshot = fresh;
      return fresh.windows();
    } finally {
      RELOADING.unlock();
    }
  }

  /** The window in force at {@code now}, if any. */
  public static Optional<Window> inForce(Connection c, LocalDateTime now) throws SQLException {
    for (Window w : windows(c, now)) {
      if (w.inForce(now)) {
        return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  /** Makes the next request on this node read the windows again (after one was announced). */
  public static void forget() {
    snapshot = null;
  }

  private static List<Window> read(Connection c, LocalDateTime now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, starts_at, ends_at, message_ja, message_en, announced_at"
                + " FROM maintenance_window WHERE ends_at > ? AND cancelled_at IS NULL"
                + " ORDER BY starts_at, id")) {
      ps.setTimestamp(1, Timestamp.valueOf(now));
      List<Window> windows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          windows.add(
              new Window(
                  rs.getLong(1),
                  rs.getTimestamp(2).toLocalDateTime(),
                  rs.getTimestamp(3).toLocalDateTime(),
                  new LocalizedName(rs.getString(4), rs.getString(5)),
                  rs.getTimestamp(6).toLocalDateTime()));
        }
      }
      return List.copyOf(windows);
    }
  }
}
