package org.jimoto.settlement.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.control.IdAllocator;
import org.jimoto.ledger.control.LedgerStore;
import org.jimoto.ledger.control.SqlDialect;
import org.jimoto.ledger.entity.AccountKind;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * The closing job's units of work, each its own transaction, with the run and line rows as
 * the checkpoint:
 *
 * <ol>
 *   <li>{@link #openRun}: one run per service and period (unique key), locked while deciding
 *       whether a job must be started for it;
 *   <li>{@link #plan}: one PENDING line per shop with a payment in the period (lines already there
 *       stay);
 *   <li>{@link #closeLine}: under the line's row lock, only while it is PENDING, closes the shop's
 *       payments of the period and their cancellations (one UPDATE each), counts them and posts ONE
 *       journal entry moving the net due from the shop's receivable to the service's settlement
 *       payable; the line turns CLOSED in the same transaction, so a line is posted exactly once
 *       however often (or however many jobs at once) it is tried;
 *   <li>{@link #finish}: the run turns CLOSED when no line is pending and no payment of the period
 *       is left open.
 * </ol>
 *
 * <p>A cancellation that committed before a payment's close is closed with it and nets it out; one
 * that comes after finds the payment closed and is refused (R-41, {@code
 * LedgerStore.markCancelled}). On PostgreSQL the close of the payments waits for a cancellation
 * holding the payment's row; the cancellations' UPDATE is a later statement and so sees what that
 * cancellation inserted.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ClosingSteps {

  /** A RUNNING run with no progress for this long is taken for dead, and may be started again. */
  public static final Duration STALE = Duration.ofMinutes(2);

  public static final String RUNNING = "RUNNING";
  public static final String CLOSED = "CLOSED";

  /** A service as the close needs it. */
  public record Service(long id, String code, ServiceSchedules.Kind schedule) {}

  /**
   * The run of a service's period after {@link #openRun}.
   *
   * @param startJob whether the caller must start a job for it (new, or its job died)
   */
  public record Opened(long runId, String state, boolean startJob) {}

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;
  @Inject AuditLog audit;

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<Service> service(String code) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, code, settlement_schedule FROM value_service WHERE code = ?")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new Service(
                    rs.getLong(1), rs.getString(2), ServiceSchedules.Kind.valueOf(rs.getString(3))))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Finds or creates the run of the period and decides, under its row lock, whether a job must be
   * started: yes for a new run, a RUNNING run silent for {@link #STALE} (its server died), or one
   * whose recorded execution {@code deadExecution} the batch runtime reports ended; never for a
   * CLOSED run. Deciding to start claims the run (heartbeat now, execution cleared), so a second
   * admin starting the same close at the same moment finds it claimed and starts nothing.
   */
  public Opened openRun(
      Service service, ClosingPeriod period, LocalDate payoutDate, String who, Long deadExecution) {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      var store = new LedgerStore(c, now);
      boolean created = false;
      Optional<Object[]> run = lockRun(c, service.id(), period);
      if (run.isEmpty()) {
        if (onPublishedCalendar(c, service.id())) {
          payoutDate = publishedPayout(c, service.id(), period);
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                store
                    .dialect()
                    .insertIgnoringDuplicate(
                        "INSERT INTO settlement_run (id, service_id, period_start, period_end,"
                            + " close_date, payout_date, state, started_at, heartbeat_at,"
                            + " started_by) VALUES (?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?)"))) {
          ps.setLong(1, IdAllocator.next(c, store.dialect(), "settlement_run_seq"));
          ps.setLong(2, service.id());
          ps.setDate(3, Date.valueOf(period.first()));
          ps.setDate(4, Date.valueOf(period.last()));
          ps.setDate(5, Date.valueOf(period.closeDate()));
          if (payoutDate == null) {
            ps.setNull(6, Types.DATE);
          } else {
            ps.setDate(6, Date.valueOf(payoutDate));
          }
          ps.setTimestamp(7, Timestamp.valueOf(now));
          ps.setTimestamp(8, Timestamp.valueOf(now));
          ps.setString(9, who);
          created = store.dialect().executeIgnoringDuplicate(ps) == 1;
        }
        run = lockRun(c, service.id(), period); // ours, or the one a racing start committed
      }
      Object[] r = run.orElseThrow();
      long runId = (Long) r[0];
      String state = (String) r[1];
      LocalDateTime heartbeat = (LocalDateTime) r[2];
      Long execution = (Long) r[3];
      boolean start =
          RUNNING.equals(state)
              && (created
                  || heartbeat.isBefore(now.minus(STALE))
                  || (deadExecution != null && deadExecution.equals(execution)));
      if (start) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE settlement_run SET heartbeat_at = ?, job_execution_id = NULL WHERE id = ?")) {
          ps.setTimestamp(1, Timestamp.valueOf(now));
          ps.setLong(2, runId);
          ps.executeUpdate();
        }
        audit.record(
            Portal.ADMIN,
            who,
            created ? "SETTLEMENT_CLOSE_STARTED" : "SETTLEMENT_CLOSE_RESUMED",
            service.code() + " " + period.first() + ".." + period.last() + " run " + runId);
      }
      return new Opened(runId, state, start);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * whether the service is on its published calendar, asked under the service's row lock,
   * which an upload of the calendar also takes ({@code PublishedCalendars}): the upload either saw
   * this run or is seen by it, so a run never records a date the calendar has just changed. On
   * PostgreSQL a FOR NO KEY UPDATE lock: the two still exclude each other, while inserts that
   * reference the service (payments, lines, runs) only take a key share and are not held up.
   */
  private static boolean onPublishedCalendar(Connection c, long serviceId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT settlement_schedule FROM value_service WHERE id = ?"
                + SqlDialect.of(c).forNoKeyUpdate())) {
      ps.setLong(1, serviceId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && ServiceSchedules.Kind.PUBLISHED.name().equals(rs.getString(1));
      }
    }
  }

  /** The period's published payout date as stored now; null for 未定 or a period not listed. */
  private static LocalDate publishedPayout(Connection c, long serviceId, ClosingPeriod period)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT payout_date FROM payout_calendar_row WHERE service_id = ?"
                + " AND period_start = ? AND period_end = ?")) {
      ps.setLong(1, serviceId);
      ps.setDate(2, Date.valueOf(period.first()));
      ps.setDate(3, Date.valueOf(period.last()));
      try (ResultSet rs = ps.executeQuery()) {
        Date payout = rs.next() ? rs.getDate(1) : null;
        return payout == null ? null : payout.toLocalDate();
      }
    }
  }

  private static Optional<Object[]> lockRun(Connection c, long serviceId, ClosingPeriod period)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, state, heartbeat_at, job_execution_id FROM settlement_run"
                + " WHERE service_id = ? AND period_start = ? AND period_end = ? FOR UPDATE")) {
      ps.setLong(1, serviceId);
      ps.setDate(2, Date.valueOf(period.first()));
      ps.setDate(3, Date.valueOf(period.last()));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long execution = rs.getLong(4);
        Long exec = rs.wasNull() ? null : execution;
        return Optional.of(
            new Object[] {
              rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toLocalDateTime(), exec
            });
      }
    }
  }

  public void recordExecution(long runId, long executionId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE settlement_run SET job_execution_id = ? WHERE id = ? AND state = 'RUNNING'")) {
      ps.setLong(1, executionId);
      ps.setLong(2, runId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the job needs of its run. */
  record RunKey(long serviceId, LocalDate first, LocalDate last, String who, String state) {
    LocalDateTime from() {
      return first.atStartOfDay();
    }

    LocalDateTime until() {
      return last.plusDays(1).atStartOfDay();
    }
  }

  private static RunKey runKey(Connection c, long runId, boolean lock) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT service_id, period_start, period_end, started_by, state FROM settlement_run"
                + " WHERE id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no settlement run " + runId);
        }
        return new RunKey(
            rs.getLong(1),
            rs.getDate(2).toLocalDate(),
            rs.getDate(3).toLocalDate(),
            rs.getString(4),
            rs.getString(5));
      }
    }
  }

  /**
   * Step 1: a PENDING line for every shop with an open payment of the service in the period that
   * has none yet. Lines of an earlier, interrupted attempt stay as they are.
   *
   * @return the lines the run has now
   */
  public int plan(long runId) {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      var store = new LedgerStore(c, now);
      RunKey run = runKey(c, runId, true);
      if (!CLOSED.equals(run.state())) {
        List<Long> shops = new ArrayList<>();
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT DISTINCT t.shop_id FROM transfer t WHERE t.service_id = ?"
                    + " AND t.operation = 'USE' AND t.created_at >= ? AND t.created_at < ?"
                    + " AND t.closed = FALSE AND NOT EXISTS (SELECT 1 FROM settlement_line l"
                    + " WHERE l.run_id = ? AND l.shop_id = t.shop_id)"
                    // a shop with only a failed transfer to carry over gets a line too.
                    + " UNION SELECT f.shop_id FROM settlement_line f JOIN settlement_run fr"
                    + " ON fr.id = f.run_id WHERE fr.service_id = ? AND f.run_id <> ?"
                    + " AND fr.period_end < ? AND f.payout_state = 'FAILED' AND NOT EXISTS (SELECT 1 FROM"
                    + " settlement_line l WHERE l.run_id = ? AND l.shop_id = f.shop_id)"
                    + " ORDER BY 1")) {
          ps.setLong(1, run.serviceId());
          ps.setTimestamp(2, Timestamp.valueOf(run.from()));
          ps.setTimestamp(3, Timestamp.valueOf(run.until()));
          ps.setLong(4, runId);
          ps.setLong(5, run.serviceId());
          ps.setLong(6, runId);
          ps.setDate(7, Date.valueOf(run.first())); // only into a later period's close
          ps.setLong(8, runId);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              shops.add(rs.getLong(1));
            }
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO settlement_line (id, run_id, shop_id, state, payout_state)"
                    + " VALUES (?, ?, ?, 'PENDING', 'PENDING')")) {
          for (long shop : shops) {
            ps.setLong(1, IdAllocator.next(c, store.dialect(), "settlement_line_seq"));
            ps.setLong(2, runId);
            ps.setLong(3, shop);
            ps.addBatch();
          }
          ps.executeBatch();
        }
        heartbeat(c, runId, now);
      }
      try (PreparedStatement ps =
          c.prepareStatement("SELECT COUNT(*) FROM settlement_line WHERE run_id = ?")) {
        ps.setLong(1, runId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Long> pendingLines(long runId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id FROM settlement_line WHERE run_id = ? AND state = 'PENDING' ORDER BY id")) {
      ps.setLong(1, runId);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Step 2, one shop: closes and posts the line if it is still PENDING (see the class comment).
   *
   * @return false if another attempt had already closed it (nothing done)
   */
  public boolean closeLine(long lineId) {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      long runId;
      long shopId;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT run_id, shop_id, state FROM settlement_line WHERE id = ? FOR UPDATE")) {
        ps.setLong(1, lineId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalArgumentException("no settlement line " + lineId);
          }
          if (!"PENDING".equals(rs.getString(3))) {
            return false; // exactly once: an earlier attempt posted it
          }
          runId = rs.getLong(1);
          shopId = rs.getLong(2);
        }
      }
      RunKey run = runKey(c, runId, false);
      Timestamp from = Timestamp.valueOf(run.from());
      Timestamp until = Timestamp.valueOf(run.until());
      // the shop's payments of the period, then the cancellations of exactly those.
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE transfer SET closed = TRUE WHERE shop_id = ? AND created_at >= ?"
                  + " AND created_at < ? AND service_id = ? AND operation = 'USE'"
                  + " AND closed = FALSE")) {
        ps.setLong(1, shopId);
        ps.setTimestamp(2, from);
        ps.setTimestamp(3, until);
        ps.setLong(4, run.serviceId());
        ps.executeUpdate();
      }
      String cancelsOfThePeriod =
          " FROM transfer c WHERE c.shop_id = ? AND c.created_at >= ? AND c.service_id = ?"
              + " AND c.operation = 'USE_CANCEL' AND EXISTS (SELECT 1 FROM transfer o"
              + " WHERE o.id = c.target_transfer_id AND o.created_at >= ? AND o.created_at < ?)";
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE transfer SET closed = TRUE WHERE id IN (SELECT c.id"
                  + cancelsOfThePeriod
                  + " AND c.closed = FALSE)")) {
        bindCancels(ps, shopId, from, until, run.serviceId());
        ps.executeUpdate();
      }
      long[] uses = new long[2];
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COUNT(*), COALESCE(SUM(amount_yen), 0) FROM transfer WHERE shop_id = ?"
                  + " AND created_at >= ? AND created_at < ? AND service_id = ?"
                  + " AND operation = 'USE'")) {
        ps.setLong(1, shopId);
        ps.setTimestamp(2, from);
        ps.setTimestamp(3, until);
        ps.setLong(4, run.serviceId());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          uses[0] = rs.getLong(1);
          uses[1] = rs.getLong(2);
        }
      }
      long[] cancels = new long[2];
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COUNT(*), COALESCE(SUM(c.amount_yen), 0)" + cancelsOfThePeriod)) {
        bindCancels(ps, shopId, from, until, run.serviceId());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          cancels[0] = rs.getLong(1);
          cancels[1] = rs.getLong(2);
        }
      }
      long carriedOver = carryOver(c, lineId, runId, shopId, run.serviceId(), run.first());
      long settled = uses[1] - cancels[1]; // what moves from the receivable now
      long due = settled + carriedOver; // the carried amount is in the payable already
      Long entry = null;
      if (settled > 0) {
        var store = new LedgerStore(c, now);
        entry = store.insertEntry(Operation.SETTLE, run.who(), null);
        store.insertTransfer(
            new LedgerStore.NewTransfer(
                entry,
                run.serviceId(),
                Operation.SETTLE,
                store.account(run.serviceId(), AccountKind.SHOP_RECEIVABLE, shopId),
                store.account(run.serviceId(), AccountKind.SETTLEMENT_PAYABLE, null),
                settled,
                null,
                shopId, // the shop's settlement, found by its shop filter
                null,
                null,
                null,
                null,
                "settlement line " + lineId));
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE settlement_line SET use_count = ?, use_yen = ?, use_cancel_count = ?,"
                  + " use_cancel_yen = ?, carried_over_yen = ?, net_due_yen = ?, state = 'CLOSED',"
                  + " payout_state = ?, entry_id = ?, closed_at = ? WHERE id = ?"
                  + " AND state = 'PENDING'")) {
        ps.setLong(1, uses[0]);
        ps.setLong(2, uses[1]);
        ps.setLong(3, cancels[0]);
        ps.setLong(4, cancels[1]);
        ps.setLong(5, carriedOver);
        ps.setLong(6, due);
        ps.setString(7, due > 0 ? "DUE" : "NONE");
        if (entry == null) {
          ps.setNull(8, Types.BIGINT);
        } else {
          ps.setLong(8, entry);
        }
        ps.setTimestamp(9, Timestamp.valueOf(now));
        ps.setLong(10, lineId);
        if (ps.executeUpdate() != 1) {
          throw new IllegalStateException("settlement line " + lineId + " changed under its lock");
        }
      }
      heartbeat(c, runId, now);
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * the shop's FAILED transfers of the service from earlier periods' runs are carried into
   * this line, exactly once: each turns CARRIED_OVER (pointing here) by an UPDATE that holds only
   * while it is still FAILED, which waits for a result being recorded or another close holding the
   * row and then re-reads it (PostgreSQL and H2 both), so a line carried by another close, or not
   * yet committed as FAILED, is not counted here; one that fails after this close goes to the next.
   *
   * @return the amount carried over
   */
  private static long carryOver(
      Connection c, long lineId, long runId, long shopId, long serviceId, LocalDate periodStart)
      throws SQLException {
    List<long[]> failed = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT l.id, l.net_due_yen FROM settlement_line l WHERE l.shop_id = ?"
                + " AND l.run_id <> ? AND l.payout_state = 'FAILED' AND l.run_id IN"
                + " (SELECT r.id FROM settlement_run r WHERE r.service_id = ? AND r.period_end < ?)"
                + " ORDER BY l.id")) {
      ps.setLong(1, shopId);
      ps.setLong(2, runId);
      ps.setLong(3, serviceId);
      ps.setDate(4, Date.valueOf(periodStart)); // the next cycle, never an earlier period's close
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          failed.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
    }
    long carried = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE settlement_line SET payout_state = 'CARRIED_OVER', carried_to_line_id = ?"
                + " WHERE id = ? AND payout_state = 'FAILED'")) {
      for (long[] f : failed) {
        ps.setLong(1, lineId);
        ps.setLong(2, f[0]);
        if (ps.executeUpdate() == 1) {
          carried += f[1];
        }
      }
    }
    return carried;
  }

  private static void bindCancels(
      PreparedStatement ps, long shopId, Timestamp from, Timestamp until, long serviceId)
      throws SQLException {
    ps.setLong(1, shopId);
    ps.setTimestamp(2, from); // a cancellation never precedes its payment
    ps.setLong(3, serviceId);
    ps.setTimestamp(4, from);
    ps.setTimestamp(5, until);
  }

  /**
   * Step 3: the run turns CLOSED once no line is pending and no payment of the period is open.
   *
   * @return whether the run is CLOSED now
   */
  public boolean finish(long runId) {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      RunKey run = runKey(c, runId, true);
      if (CLOSED.equals(run.state())) {
        return true;
      }
      long open;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT (SELECT COUNT(*) FROM settlement_line WHERE run_id = ? AND state = 'PENDING')"
                  + " + (SELECT COUNT(*) FROM transfer WHERE service_id = ? AND operation = 'USE'"
                  + " AND created_at >= ? AND created_at < ? AND closed = FALSE)")) {
        ps.setLong(1, runId);
        ps.setLong(2, run.serviceId());
        ps.setTimestamp(3, Timestamp.valueOf(run.from()));
        ps.setTimestamp(4, Timestamp.valueOf(run.until()));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          open = rs.getLong(1);
        }
      }
      if (open > 0) {
        return false;
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE settlement_run SET state = 'CLOSED', finished_at = ?, heartbeat_at = ?"
                  + " WHERE id = ?")) {
        ps.setTimestamp(1, Timestamp.valueOf(now));
        ps.setTimestamp(2, Timestamp.valueOf(now));
        ps.setLong(3, runId);
        ps.executeUpdate();
      }
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void heartbeat(Connection c, long runId, LocalDateTime now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE settlement_run SET heartbeat_at = ? WHERE id = ? AND heartbeat_at < ?")) {
      ps.setTimestamp(1, Timestamp.valueOf(now));
      ps.setLong(2, runId);
      ps.setTimestamp(3, Timestamp.valueOf(now));
      ps.executeUpdate();
    }
  }

  /** who took the payout file of which date, with what in it. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY) // in the file's transaction
  public void auditPayoutFile(
      String who,
      LocalDate payoutDate,
      int sequence,
      int lines,
      long totalYen,
      List<String> missingAccount) {
    audit.record(
        Portal.ADMIN,
        who,
        "PAYOUT_FILE",
        payoutDate
            + " file "
            + sequence
            + ": "
            + lines
            + " transfer(s) "
            + totalYen
            + " yen"
            + (missingAccount.isEmpty() ? "" : "; no bank account: " + missingAccount));
  }

  /** a file made before was downloaded again (it must not reach the bank twice). */
  @TransactionAttribute(TransactionAttributeType.MANDATORY) // in the file's transaction
  public void auditPayoutFileCopy(String who, PayoutFileRecords.Made file) {
    audit.record(
        Portal.ADMIN,
        who,
        "PAYOUT_FILE_COPY",
        file.payoutDate()
            + " file "
            + file.sequence()
            + " (made "
            + file.createdAt()
            + " by "
            + file.createdBy()
            + "): "
            + file.transfers()
            + " transfer(s) "
            + file.totalYen()
            + " yen");
  }
}
