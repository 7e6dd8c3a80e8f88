package org.jimoto.resident.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jimoto.ledger.control.SqlDialect;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Limits on the card pages, kept for any key whether or not a card has it, so that the
 * answers never tell real member codes from guesses. Each key allows {@code max} events in a fixed
 * window that opens at its first event, and at least {@code minGap} between two; beyond, the event
 * is refused until the returned time.
 *
 * <p>Kept in the database (table {@code attempt_counter}, V20), one row per kind and key locked
 * while counted: every server of a cluster counts together, and a restart forgets nothing (#10
 * identity review; in memory, each node and each restart gave a guesser a fresh allowance). Its own
 * transaction, so an event counts even when the caller's work rolls back.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
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
    MIGRATION_FAILURE_PER_CARD(10, Duration.ofHours(24), Duration.ZERO),
    // #11 onboarding: the merchant portal's public application form, per valid form sent.
    /** Applications (and corrections) from one client address: an office sends a few, not more. */
    MERCHANT_APPLICATION_PER_ADDRESS(10, Duration.ofHours(1), Duration.ZERO),
    /** Applications to one contact e-mail address: its mails are not to be used to flood it. */
    MERCHANT_APPLICATION_PER_EMAIL(5, Duration.ofHours(24), Duration.ZERO);

    final int max;
    final Duration window;
    final Duration minGap;

    Kind(int max, Duration window, Duration minGap) {
      this.max = max;
      this.window = window;
      this.minGap = minGap;
    }
  }

  /** Counters unused this long are deleted (longer than the longest window). */
  static final Duration KEEP = Duration.ofHours(25);

  private static final int KEY_MAX_LENGTH = 200;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;

  /**
   * Counts an event if it is allowed.
   *
   * @return empty if allowed (and counted), else when it will be allowed again
   */
  public Optional<Instant> take(Kind kind, String key) {
    String k = key(key);
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      SqlDialect dialect = SqlDialect.of(c);
      try (PreparedStatement ps =
          c.prepareStatement(
              dialect.insertIgnoringDuplicate(
                  "INSERT INTO attempt_counter (kind, counter_key, events, window_start, last_at)"
                      + " VALUES (?, ?, 0, ?, ?)"))) {
        ps.setString(1, kind.name());
        ps.setString(2, k);
        ps.setTimestamp(3, Timestamp.valueOf(now));
        ps.setTimestamp(4, Timestamp.valueOf(now));
        dialect.executeIgnoringDuplicate(ps);
      }
      Optional<Instant> refused;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT events, window_start, last_at FROM attempt_counter"
                  + " WHERE kind = ? AND counter_key = ? FOR UPDATE")) {
        ps.setString(1, kind.name());
        ps.setString(2, k);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          refused = count(c, kind, k, now, rs.getInt(1), ldt(rs, 2), ldt(rs, 3));
        }
      }
      if (ThreadLocalRandom.current().nextInt(200) == 0) {
        purge(c, now);
      }
      return refused;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Optional<Instant> count(
      Connection c,
      Kind kind,
      String k,
      LocalDateTime now,
      int events,
      LocalDateTime windowStart,
      LocalDateTime last)
      throws SQLException {
    if (events == 0 || !now.isBefore(windowStart.plus(kind.window))) {
      update(c, kind, k, 1, now, now); // a new window opens at this event
      return Optional.empty();
    }
    if (events >= kind.max) {
      return Optional.of(instant(windowStart.plus(kind.window)));
    }
    if (now.isBefore(last.plus(kind.minGap))) {
      return Optional.of(instant(last.plus(kind.minGap)));
    }
    update(c, kind, k, events + 1, windowStart, now);
    return Optional.empty();
  }

  /** Whether an event would be refused now, without counting it. */
  public Optional<Instant> blockedUntil(Kind kind, String key) {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT events, window_start FROM attempt_counter"
                    + " WHERE kind = ? AND counter_key = ?")) {
      ps.setString(1, kind.name());
      ps.setString(2, key(key));
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          LocalDateTime end = ldt(rs, 2).plus(kind.window);
          if (now.isBefore(end) && rs.getInt(1) >= kind.max) {
            return Optional.of(instant(end));
          }
        }
        return Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(
      Connection c, Kind kind, String k, int events, LocalDateTime windowStart, LocalDateTime last)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE attempt_counter SET events = ?, window_start = ?, last_at = ?"
                + " WHERE kind = ? AND counter_key = ?")) {
      ps.setInt(1, events);
      ps.setTimestamp(2, Timestamp.valueOf(windowStart));
      ps.setTimestamp(3, Timestamp.valueOf(last));
      ps.setString(4, kind.name());
      ps.setString(5, k);
      ps.executeUpdate();
    }
  }

  private static void purge(Connection c, LocalDateTime now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM attempt_counter WHERE last_at < ?")) {
      ps.setTimestamp(1, Timestamp.valueOf(now.minus(KEEP)));
      ps.executeUpdate();
    }
  }

  /** Keys are client addresses and member codes; anything longer is cut (still one key). */
  private static String key(String key) {
    String k = key == null ? "" : key;
    return k.length() > KEY_MAX_LENGTH ? k.substring(0, KEY_MAX_LENGTH) : k;
  }

  private static LocalDateTime ldt(ResultSet rs, int column) throws SQLException {
    return rs.getTimestamp(column).toLocalDateTime();
  }

  private Instant instant(LocalDateTime t) {
    return t.atZone(clock.getZone()).toInstant();
  }
}
