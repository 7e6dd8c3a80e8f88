package org.jimoto.ledger.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.ledger.control.IdAllocator;
import org.jimoto.ledger.control.SqlDialect;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * The ledger check (元帳検証) as the city's dashboard shows it (issue #11 item 8): {@link
 * LedgerInvariants} run now by a staff member or every night, and its result kept, so the dashboard
 * shows when the ledger was last proven balanced and what was wrong if it was not.
 */
@Stateless
public class LedgerChecks {

  /** Who runs the nightly check, in the record. */
  public static final String NIGHTLY = "nightly";

  private static final int MAX_VIOLATIONS_TEXT = 4_000;

  /** One run: when, by whom, how long it took, and what it found. */
  public record CheckRun(
      LocalDateTime checkedAt,
      String actor,
      boolean ok,
      long transfers,
      long wallets,
      long millis,
      String violations) {}

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject LedgerInvariants invariants;
  @Inject Clock clock;

  /** Runs the check now and records its result. */
  public CheckRun runNow(String actor) {
    LocalDateTime at = LocalDateTime.now(clock);
    long start = System.nanoTime();
    LedgerInvariants.Report report = invariants.check();
    long millis = (System.nanoTime() - start) / 1_000_000;
    String violations = String.join("\n", report.violations());
    if (violations.length() > MAX_VIOLATIONS_TEXT) {
      violations = violations.substring(0, MAX_VIOLATIONS_TEXT - 1) + "…";
    }
    var run =
        new CheckRun(
            at,
            actor,
            report.ok(),
            report.transfers(),
            report.wallets(),
            millis,
            violations.isEmpty() ? null : violations);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO ledger_check_run (id, checked_at, actor, ok, transfers, wallets,"
                    + " millis, violations) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, IdAllocator.next(c, SqlDialect.of(c), "ledger_check_run_seq"));
      ps.setTimestamp(2, Timestamp.valueOf(run.checkedAt()));
      ps.setString(3, run.actor());
      ps.setBoolean(4, run.ok());
      ps.setLong(5, run.transfers());
      ps.setLong(6, run.wallets());
      ps.setLong(7, run.millis());
      ps.setString(8, run.violations());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return run;
  }

  /** The most recent run, if any. */
  public Optional<CheckRun> last() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT checked_at, actor, ok, transfers, wallets, millis, violations"
                    + " FROM ledger_check_run ORDER BY checked_at DESC, id DESC"
                    + " FETCH FIRST 1 ROWS ONLY");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new CheckRun(
              rs.getTimestamp(1).toLocalDateTime(),
              rs.getString(2),
              rs.getBoolean(3),
              rs.getLong(4),
              rs.getLong(5),
              rs.getLong(6),
              rs.getString(7)));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every night at 03:30 Tokyo time, after the expiry (00:10) and bonus (00:20) jobs, so the
   * morning's dashboard shows a check of the night's work. Read-only but for its record: on several
   * nodes each records its own run, which does no harm.
   */
  @Schedule(hour = "3", minute = "30", timezone = "Asia/Tokyo", persistent = false)
  void nightly() {
    runNow(NIGHTLY);
  }
}
