package org.jimoto.nightly.control;

import jakarta.annotation.Resource;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.charge.control.BonusPayer;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.control.IdAllocator;
import org.jimoto.ledger.control.SqlDialect;
import org.jimoto.ledger.control.WalletSweeper;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * The claim rows of the nightly jobs (V32 nightly_run) and their units of work, each its own
 * transaction (#12 item 7):
 *
 * <ul>
 *   <li>{@link #claim}: one run per job and business day (unique key): the first node to insert it
 *       runs the job; a start that finds it RUNNING and alive, or COMPLETED, starts nothing. A
 *       RUNNING run without progress for {@link #STALE} (its node died) is taken over.
 *   <li>{@link #expireWallet} and {@link #payBonus}: one wallet's sweep or one bonus
 *       and the run's figures in the same transaction, so the figures equal the work done, also
 *       when the node dies between two items. The work is safe to repeat: the sweep locks the
 *       wallet and moves only lots still open and expired, the bonus payer locks the pending row
 *       and pays it only while unpaid, so a run taken over while its old execution still ran (or
 *       two runs at once) moves each yen once.
 * </ul>
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class NightlyRuns {

  /** A RUNNING run with no progress for this long is taken for dead and taken over. */
  public static final Duration STALE = Duration.ofMinutes(2);

  /**
   * How often the timers take one run over by themselves: a run that kills its node every time is
   * then left to the administrator (whose start takes it over regardless), not retried forever.
   */
  public static final int MAX_TAKEOVERS = 5;

  /**
   * How many business days back {@link #stalled} looks: an older RUNNING run is history (its day
   * was done by a later pass over what was still due), not work to take over.
   */
  public static final int STALLED_DAYS = 3;

  /** This node (JVM) as the runs record it: process id and host. */
  public static final String NODE = nodeName();

  private static final String SELECT =
      "SELECT id, job_name, business_day, state, node, job_execution_id, started_by, started_at,"
          + " heartbeat_at, ended_at, items_total, items_done, items_moved, amount_yen,"
          + " left_pending, failures, takeovers FROM nightly_run";

  /**
   * The outcome of a claim.
   *
   * @param startJob whether the caller must start the job (a new run, or one taken over)
   * @param takenOver whether an existing run was taken over (from a dead node, or FAILED)
   */
  public record Claim(long runId, boolean startJob, boolean takenOver) {}

  /**
   * The run is no longer this execution's (taken over): the item's transaction rolls back, and the
   * old pass stops, so two executions never count into one run's figures.
   */
  @ApplicationException(rollback = true)
  public static class RunLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunLost(long runId, Long executionId) {
      super("nightly run " + runId + " is no longer execution " + executionId + "'s on " + NODE);
    }
  }

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;
  @Inject WalletSweeper sweeper;
  @Inject BonusPayer payer;
  @Inject AuditLog audit;

  private static String nodeName() {
    String name = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    return name.length() > 128 ? name.substring(0, 128) : name;
  }

  /**
   * Claims the run of {@code job} on {@code day}. The insert goes under the unique key (job, day):
   * on PostgreSQL with ON CONFLICT DO NOTHING, which waits for a racing insert to commit; on H2 the
   * insert fails with SQLState 23505 only, which means another node has the run, and any other
   * error is raised ({@link SqlDialect#executeIgnoringDuplicate}). The row is then locked and the
   * decision taken under the lock, so two starts at the same moment start one job.
   *
   * @param restartFailed whether a FAILED run is started again, and a dead one taken over also
   *     after {@link #MAX_TAKEOVERS} (an administrator's start)
   */
  public Claim claim(NightlyJob job, LocalDate day, String who, boolean restartFailed) {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      SqlDialect dialect = SqlDialect.of(c);
      boolean created;
      try (PreparedStatement ps =
          c.prepareStatement(
              dialect.insertIgnoringDuplicate(
                  "INSERT INTO nightly_run (id, job_name, business_day, state, node, started_by,"
                      + " started_at, heartbeat_at) VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?)"))) {
        ps.setLong(1, IdAllocator.next(c, dialect, "nightly_run_seq"));
        ps.setString(2, job.jobName());
        ps.setDate(3, Date.valueOf(day));
        ps.setString(4, NODE);
        ps.setString(5, who);
        ps.setTimestamp(6, Timestamp.valueOf(now));
        ps.setTimestamp(7, Timestamp.valueOf(now));
        created = dialect.executeIgnoringDuplicate(ps) == 1;
      }
      long runId;
      String state;
      LocalDateTime heartbeat;
      int takeovers;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, state, heartbeat_at, takeovers FROM nightly_run WHERE job_name = ?"
                  + " AND business_day = ?"
                  + dialect.forNoKeyUpdate())) {
        ps.setString(1, job.jobName());
        ps.setDate(2, Date.valueOf(day));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("the claim of " + job + " " + day + " vanished");
          }
          runId = rs.getLong(1);
          state = rs.getString(2);
          heartbeat = rs.getTimestamp(3).toLocalDateTime();
          takeovers = rs.getInt(4);
        }
      }
      if (created) {
        audit.record(Portal.ADMIN, who, "NIGHTLY_JOB_STARTED", runText(job, day, runId));
        return new Claim(runId, true, false);
      }
      boolean stale = NightlyRun.RUNNING.equals(state) && heartbeat.isBefore(now.minus(STALE));
      if (stale && !restartFailed && takeovers >= MAX_TAKEOVERS) {
        // the timers give up on it: FAILED, so the page stops watching it and the admin restarts it
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE nightly_run SET state = 'FAILED', ended_at = ? WHERE id = ?"
                    + " AND state = 'RUNNING'")) {
          ps.setTimestamp(1, Timestamp.valueOf(now));
          ps.setLong(2, runId);
          ps.executeUpdate();
        }
        audit.record(Portal.ADMIN, who, "NIGHTLY_JOB_GIVEN_UP", runText(job, day, runId));
        return new Claim(runId, false, false);
      }
      boolean dead = stale;
      boolean restart = restartFailed && NightlyRun.FAILED.equals(state);
      if (!dead && !restart) {
        return new Claim(runId, false, false); // alive, or done: the existing run is the answer
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE nightly_run SET state = 'RUNNING', node = ?, job_execution_id = NULL,"
                  + " heartbeat_at = ?, ended_at = NULL, takeovers = takeovers + 1 WHERE id = ?")) {
        ps.setString(1, NODE);
        ps.setTimestamp(2, Timestamp.valueOf(now));
        ps.setLong(3, runId);
        ps.executeUpdate();
      }
      audit.record(Portal.ADMIN, who, "NIGHTLY_JOB_TAKEN_OVER", runText(job, day, runId));
      return new Claim(runId, true, true);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String runText(NightlyJob job, LocalDate day, long runId) {
    return job.jobName() + " " + day + " run " + runId + " on " + NODE;
  }

  /**
   * The job's first act, before any query: records its execution and a heartbeat, so that {@link
   * #end} finds the run however early the job fails. Only a run of this node that no execution has
   * begun yet (just claimed or taken over) is begun.
   *
   * @return false if the run is not this execution's to work on (taken over, or ended)
   */
  public boolean begin(long runId, long executionId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE nightly_run SET job_execution_id = ?, heartbeat_at = ? WHERE id = ?"
                    + " AND state = 'RUNNING' AND node = ? AND job_execution_id IS NULL")) {
      ps.setLong(1, executionId);
      ps.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now(clock)));
      ps.setLong(3, runId);
      ps.setString(4, NODE);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * How many items the execution found still due ({@code remaining}); after a takeover the total is
   * what was done before plus those.
   *
   * @throws RunLost if the run is no longer this execution's
   */
  public void plan(long runId, long executionId, int remaining) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE nightly_run SET items_total = items_done + ?, heartbeat_at = ?"
                    + " WHERE id = ? AND job_execution_id = ? AND node = ?")) {
      ps.setInt(1, remaining);
      ps.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now(clock)));
      ps.setLong(3, runId);
      ps.setLong(4, executionId);
      ps.setString(5, NODE);
      if (ps.executeUpdate() == 0) {
        throw new RunLost(runId, executionId);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * sweeps one wallet's lots expired before {@code day} (the run's business day, not the
   * clock's: a run taken over after midnight expires what was due on its day) and, for a run,
   * counts it, in one transaction.
   *
   * @param runId the run, or null for a pass outside any run (its figures kept nowhere)
   * @param executionId the execution working on the run (null outside any run)
   * @return the yen moved (0 if another run or node swept it first)
   * @throws RunLost if the run is no longer this execution's (the sweep is rolled back)
   */
  public long expireWallet(
      Long runId, Long executionId, long walletAccountId, LocalDate day, String actor) {
    long moved = sweeper.sweepExpired(walletAccountId, day, actor).amountYen();
    if (runId != null) {
      progress(runId, executionId, moved > 0 ? 1 : 0, moved, 0, 0);
    }
    return moved;
  }

  /** What became of one bonus, and the yen granted if it was paid. */
  public record BonusOutcome(BonusPayer.Result result, long yen) {}

  /**
   * pays one bonus and, for a run, counts it, in one transaction.
   *
   * @param runId the run, or null for a pass outside any run
   * @param executionId the execution working on the run (null outside any run)
   * @throws RunLost if the run is no longer this execution's (the payment is rolled back)
   */
  public BonusOutcome payBonus(Long runId, Long executionId, long bonusId) {
    BonusPayer.Result result = payer.payBonus(bonusId);
    long yen = 0;
    if (result == BonusPayer.Result.PAID) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps =
              c.prepareStatement("SELECT amount_yen FROM pending_bonus WHERE id = ?")) {
        ps.setLong(1, bonusId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          yen = rs.getLong(1);
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    if (runId != null) {
      progress(
          runId,
          executionId,
          result == BonusPayer.Result.PAID ? 1 : 0,
          yen,
          result == BonusPayer.Result.LEFT_PENDING ? 1 : 0,
          0);
    }
    return new BonusOutcome(result, yen);
  }

  /** An item whose own transaction failed (rolled back): tried, failed, retried next run. */
  public void failedItem(long runId, Long executionId) {
    progress(runId, executionId, 0, 0, 0, 1);
  }

  /** Counts one item into the run, only while the run is this execution's (else RunLost). */
  private void progress(
      long runId, Long executionId, int moved, long yen, int leftPending, int failures) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE nightly_run SET items_done = items_done + 1,"
                    + " items_moved = items_moved + ?, amount_yen = amount_yen + ?,"
                    + " left_pending = left_pending + ?, failures = failures + ?,"
                    + " heartbeat_at = ? WHERE id = ? AND job_execution_id = ? AND node = ?")) {
      if (executionId == null) {
        throw new RunLost(runId, null);
      }
      ps.setInt(1, moved);
      ps.setLong(2, yen);
      ps.setInt(3, leftPending);
      ps.setInt(4, failures);
      ps.setTimestamp(5, Timestamp.valueOf(LocalDateTime.now(clock)));
      ps.setLong(6, runId);
      ps.setLong(7, executionId);
      ps.setString(8, NODE);
      if (ps.executeUpdate() == 0) {
        throw new RunLost(runId, executionId);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Ends the run as COMPLETED or FAILED, if this node's execution {@code executionId} still owns
   * it, or if it is this node's and no execution has recorded itself yet (a job that failed before
   * {@link #begin}, or whose start failed: {@code executionId} null): an old execution that was
   * taken over by another node (its node only slow, not dead) leaves it to the new one.
   */
  public boolean end(long runId, Long executionId, String state) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE nightly_run SET state = ?, ended_at = ?, heartbeat_at = ? WHERE id = ?"
                    + " AND state = 'RUNNING' AND node = ? AND (job_execution_id IS NULL"
                    + (executionId == null ? ")" : " OR job_execution_id = ?)"))) {
      LocalDateTime now = LocalDateTime.now(clock);
      ps.setString(1, state);
      ps.setTimestamp(2, Timestamp.valueOf(now));
      ps.setTimestamp(3, Timestamp.valueOf(now));
      ps.setLong(4, runId);
      ps.setString(5, NODE);
      if (executionId != null) {
        ps.setLong(6, executionId);
      }
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Each RUNNING run of the last {@link #STALLED_DAYS} business days silent for longer than {@link
   * #STALE}, oldest first.
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<NightlyRun> stalled() {
    LocalDateTime now = LocalDateTime.now(clock);
    return query(
        " WHERE state = 'RUNNING' AND heartbeat_at < ? AND business_day >= ? ORDER BY id",
        Timestamp.valueOf(now.minus(STALE)),
        Date.valueOf(now.toLocalDate().minusDays(STALLED_DAYS - 1L)));
  }

  /** The run of {@code job} on {@code day}, if one was claimed. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<NightlyRun> of(NightlyJob job, LocalDate day) {
    return query(" WHERE job_name = ? AND business_day = ?", job.jobName(), Date.valueOf(day))
        .stream()
        .findFirst();
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<NightlyRun> run(long runId) {
    return query(" WHERE id = ?", runId).stream().findFirst();
  }

  /** The runs of the business days from {@code fromDay} on, latest day first. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<NightlyRun> since(LocalDate fromDay, int limit) {
    List<NightlyRun> runs =
        query(
            " WHERE business_day >= ? ORDER BY business_day DESC, job_name", Date.valueOf(fromDay));
    return runs.size() > limit ? List.copyOf(runs.subList(0, limit)) : runs;
  }

  private List<NightlyRun> query(String where, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + where)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      List<NightlyRun> runs = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long execution = rs.getLong(6);
          Long exec = rs.wasNull() ? null : execution;
          Timestamp ended = rs.getTimestamp(10);
          runs.add(
              new NightlyRun(
                  rs.getLong(1),
                  NightlyJob.byJobName(rs.getString(2)).orElseThrow(),
                  rs.getDate(3).toLocalDate(),
                  rs.getString(4),
                  rs.getString(5),
                  exec,
                  rs.getString(7),
                  rs.getTimestamp(8).toLocalDateTime(),
                  rs.getTimestamp(9).toLocalDateTime(),
                  ended == null ? null : ended.toLocalDateTime(),
                  rs.getInt(11),
                  rs.getInt(12),
                  rs.getInt(13),
                  rs.getLong(14),
                  rs.getInt(15),
                  rs.getInt(16),
                  rs.getInt(17)));
        }
      }
      return runs;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
