package org.jimoto.merchant.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Set;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.control.SqlDialect;
import org.jimoto.merchant.boundary.TerminalCredentials;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Counts the payer lookups each terminal gets refused and suspends a terminal that gets too many
 * (issue #8, finding 5): a terminal that tries card numbers or QR tokens one after another is
 * stopped after {@code jimoto.terminal.max-refused-lookups} refusals within {@code
 * jimoto.terminal.refused-lookups-window-minutes}, and the city is told through the audit log
 * and {@link org.jimoto.merchant.boundary.TerminalSuspensions}.
 *
 * <p>The window is fixed: it opens at a refusal after the previous window has passed. The count is
 * one atomic UPDATE of the terminal's row, so concurrent refusals are all counted and exactly one
 * of them suspends. It runs only on refusals, never on a payment that goes through.
 */
@ApplicationScoped
public class TerminalGuard {

  /**
   * What a guessing terminal produces: a card code that is unknown, disabled, not accepted or has a
   * wrong check digit (all {@link Refusal#CARD_REFUSED}), an unknown or expired QR token.
   */
  private static final Set<Refusal> COUNTED =
      EnumSet.of(Refusal.CARD_REFUSED, Refusal.UNKNOWN_RESIDENT);

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;
  @Inject AuditLog audit;

  @Inject
  @ConfigProperty(name = "jimoto.terminal.max-refused-lookups")
  int maxRefusedLookups;

  @Inject
  @ConfigProperty(name = "jimoto.terminal.refused-lookups-window-minutes")
  int windowMinutes;

  /** Whether a payment refused this way counts as a refused lookup. */
  public static boolean counts(Refusal refusal) {
    return COUNTED.contains(refusal);
  }

  /**
   * Counts one refused lookup, in the caller's transaction, which must not be the refused payment's
   * (that one is rolled back, and the count must stay). The same request sent again right after (a
   * retry with the same idempotency key and body) is counted once: it learns nothing new.
   *
   * @param request the request's idempotency key and fingerprint
   * @return whether this refusal suspended the terminal
   */
  public boolean countRefusedLookup(long terminalId, String request, Refusal refusal) {
    LocalDateTime now = LocalDateTime.now(clock);
    Timestamp windowOpenAfter = Timestamp.valueOf(now.minusMinutes(windowMinutes));
    try (Connection c = dataSource.getConnection()) {
      int count;
      try (PreparedStatement ps =
          c.prepareStatement(
              SqlDialect.of(c)
                  .updateReturning(
                      "UPDATE terminal SET refused_lookups = CASE WHEN refused_since > ?"
                          + " THEN refused_lookups + 1 ELSE 1 END, refused_since = CASE"
                          + " WHEN refused_since > ? THEN refused_since ELSE ? END,"
                          + " last_refused_request = ? WHERE id = ? AND suspended_at IS NULL"
                          + " AND (last_refused_request IS NULL OR last_refused_request <> ?)",
                      "refused_lookups"))) {
        ps.setTimestamp(1, windowOpenAfter);
        ps.setTimestamp(2, windowOpenAfter);
        ps.setTimestamp(3, Timestamp.valueOf(now));
        ps.setString(4, request);
        ps.setLong(5, terminalId);
        ps.setString(6, request);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false; // suspended already, or the same request again
          }
          count = rs.getInt(1);
        }
      }
      return count >= maxRefusedLookups && suspend(c, terminalId, count, refusal, now);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count a refused lookup: " + e.getMessage(), e);
    }
  }

  private boolean suspend(Connection c, long terminalId, int count, Refusal last, LocalDateTime now)
      throws SQLException {
    String reason =
        count
            + " refused card or QR code lookups within "
            + windowMinutes
            + " minutes (last: "
            + last
            + ")";
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE terminal SET suspended_at = ?, suspension_reason = ?"
                + " WHERE id = ? AND suspended_at IS NULL")) {
      ps.setTimestamp(1, Timestamp.valueOf(now));
      ps.setString(2, reason);
      ps.setLong(3, terminalId);
      if (ps.executeUpdate() != 1) {
        return false;
      }
    }
    String[] codes = codes(c, terminalId);
    audit.record(
        Portal.MERCHANT,
        "terminal:" + codes[0],
        "TERMINAL_SUSPENDED",
        "terminal " + codes[0] + " of shop " + codes[1],
        reason);
    TerminalCredentials.forget(terminalId); // its next request on this node is refused at once
    return true;
  }

  private static String[] codes(Connection c, long terminalId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.code, s.code FROM terminal t JOIN shop s ON s.id = t.shop_id WHERE t.id = ?")) {
      ps.setLong(1, terminalId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new String[] {rs.getString(1), rs.getString(2)};
      }
    }
  }
}
