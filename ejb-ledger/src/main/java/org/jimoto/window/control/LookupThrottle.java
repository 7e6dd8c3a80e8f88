package org.jimoto.window.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * The throttle on reading residents' personal data at the window (#11 finding 5, second review,
 * searches AND views together, since member codes and resident ids are sequential and a
 * clerk could otherwise walk the register one view at a time. Counted from the audit log itself
 * (the staff login's RESIDENT_SEARCH, RESIDENT_VIEW and CARD_VIEW rows of the last {@link
 * #WINDOW}), so every node applies the same limit and a restart forgets nothing. A refused attempt
 * is logged in its own transaction, so the refusal survives the caller's rollback.
 */
@Stateless
public class LookupThrottle {

  public static final Duration WINDOW = Duration.ofMinutes(10);

  /** The actions that show a resident's personal data and count against the limit. */
  public static final String COUNTED = "'RESIDENT_SEARCH', 'RESIDENT_VIEW', 'CARD_VIEW'";

  /** The audit action of a refused attempt (not counted itself, so a refusal extends nothing). */
  public static final String REFUSED_ACTION = "LOOKUP_THROTTLED";

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject AuditLog audit;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "jimoto.window.lookups-per-10-minutes", defaultValue = "60")
  int limit;

  /** The configured limit of searches and views per staff login in {@link #WINDOW}. */
  public int limit() {
    return limit;
  }

  /**
   * Lets the login's search or view through, or logs the refused attempt (own transaction) and
   * refuses it with SEARCH_TOO_FREQUENT.
   *
   * @param attempt what was asked, for the audit log (a query, a member code, a resident id)
   */
  public void check(String login, String attempt, String reason) {
    // microseconds, as AuditLog stores them: H2 and PostgreSQL round a finer time, which could put
    // a row written at this very instant after it and out of the count
    LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    long recent;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM audit_event WHERE actor = ? AND action IN ("
                    + COUNTED
                    + ") AND occurred_at > ? AND occurred_at <= ?")) {
      ps.setString(1, login);
      ps.setTimestamp(2, Timestamp.valueOf(now.minus(WINDOW)));
      // rows after now (a clock set back) do not count, as the in-memory throttle dropped them
      ps.setTimestamp(3, Timestamp.valueOf(now));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        recent = rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (recent >= limit) {
      audit.recordInOwnTransaction(
          Portal.ADMIN,
          login,
          REFUSED_ACTION,
          "refused: "
              + attempt
              + "; "
              + recent
              + " searches and views in "
              + WINDOW.toMinutes()
              + " minutes, limit "
              + limit,
          reason);
      throw new RefusedException(Refusal.SEARCH_TOO_FREQUENT, limit, WINDOW.toMinutes());
    }
  }
}
