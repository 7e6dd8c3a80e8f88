package org.jimoto.settlement.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
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
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.SqlDialect;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.settlement.control.ClosingStarter;
import org.jimoto.settlement.control.ClosingSteps;
import org.jimoto.settlement.control.PayoutFileRecords;
import org.jimoto.settlement.control.PayoutLine;
import org.jimoto.settlement.control.ServiceSchedules;

/**
 * The settlement close as the admin portal starts and watches it. {@link #start} finds the
 * period of a day from the service's schedule and starts the {@code settlement-close} Jakarta Batch
 * job for it, unless the period is closed already or a job is working on it (then it only returns
 * the run): starting a close twice never pays twice. A run whose job died (server killed, job
 * failed) is taken up by the next start, or by {@link SettlementScheduler} within minutes, and goes
 * on from its line rows.
 */
@Stateless
@DeclareRoles({"CITY_ADMIN", "CITY_AUDITOR"})
@RolesAllowed("CITY_ADMIN")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SettlementClosing {

  /** A run with its progress. */
  public record RunView(
      long id,
      String serviceCode,
      LocalDate periodStart,
      LocalDate periodEnd,
      LocalDate closeDate,
      LocalDate payoutDate,
      String state,
      LocalDateTime startedAt,
      LocalDateTime finishedAt,
      String startedBy,
      int lines,
      int linesClosed,
      long netDueYen,
      long salesYen,
      long carriedInYen,
      long transferYen,
      long failedYen) {

    public boolean closed() {
      return ClosingSteps.CLOSED.equals(state);
    }
  }

  /** One shop's line of a run (R-53 figures). */
  public record LineView(
      long shopId,
      String shopCode,
      String shopName,
      long useCount,
      long useYen,
      long useCancelCount,
      long useCancelYen,
      long carriedOverYen,
      long netDueYen,
      String state,
      String payoutState,
      Long entryId,
      String maskedAccount,
      long lineId,
      String failureReason,
      Long carriedToLineId,
      LocalDate fileTransferDate) {

    /** Awaiting the bank's result: the admin may mark it paid or failed. */
    public boolean awaitingResult() {
      return "DUE".equals(payoutState);
    }

    /** Due but in no payout file yet: the bank has not been asked for it. */
    public boolean notInFile() {
      return awaitingResult() && fileTransferDate == null;
    }

    /**
     * Whether the bank can have its result {@code today}: it is in a payout file whose transfer
     * date has come (SettlementResults refuses the others).
     */
    public boolean acceptsResult(LocalDate today) {
      return awaitingResult() && SettlementResults.payoutDateCame(fileTransferDate, today);
    }
  }

  /** A service the close can be started for. */
  public record ServiceOption(String code, String nameJa, String nameEn, String schedule) {}

  /**
   * A Zengin file for the bank and what it holds; {@code missingAccount} are the shops due
   * whose business has registered no bank account (left out of the file, filed once it has one).
   *
   * @param made its record (number, transfer date, maker, time); null when there was nothing to put
   *     in a file
   */
  public record PayoutFile(
      LocalDate payoutDate,
      byte[] bytes,
      int lines,
      long totalYen,
      List<String> missingAccount,
      PayoutFileRecords.Made made) {}

  @Inject ClosingSteps steps;
  @Inject ClosingStarter starter;
  @Inject PayoutFiles payoutFiles;
  @Inject ServiceSchedules schedules;
  @Inject org.jimoto.settlement.control.BusinessDays businessDays;
  @Inject Clock clock;
  @Resource SessionContext caller;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /**
   * Closes the period of {@code serviceCode} that {@code dayInPeriod} falls in.
   *
   * @throws RefusedException UNKNOWN_SERVICE, or SETTLEMENT_PERIOD_OPEN if the period's close date
   *     has not passed
   */
  public RunView start(String serviceCode, LocalDate dayInPeriod) {
    String who = caller.getCallerPrincipal().getName();
    return run(starter.start(serviceCode, dayInPeriod, who)).orElseThrow();
  }

  private static final String RUN_SELECT =
      "SELECT r.id, v.code, r.period_start, r.period_end, r.close_date, r.payout_date, r.state,"
          + " r.started_at, r.finished_at, r.started_by,"
          + " (SELECT COUNT(*) FROM settlement_line l WHERE l.run_id = r.id),"
          + " (SELECT COUNT(*) FROM settlement_line l WHERE l.run_id = r.id"
          + " AND l.state = 'CLOSED'),"
          + " (SELECT COALESCE(SUM(l.net_due_yen), 0) FROM settlement_line l"
          + " WHERE l.run_id = r.id),"
          // each yen once across runs: sales in the period they were made, carried-in
          // amounts apart, a failed transfer not in its own run's transfers but in the one it
          // was carried into.
          + " (SELECT COALESCE(SUM(l.use_yen - l.use_cancel_yen), 0) FROM settlement_line l"
          + " WHERE l.run_id = r.id),"
          + " (SELECT COALESCE(SUM(l.carried_over_yen), 0) FROM settlement_line l"
          + " WHERE l.run_id = r.id),"
          + " (SELECT COALESCE(SUM(l.net_due_yen), 0) FROM settlement_line l WHERE l.run_id = r.id"
          + " AND l.payout_state NOT IN ('FAILED', 'CARRIED_OVER')),"
          + " (SELECT COALESCE(SUM(l.net_due_yen), 0) FROM settlement_line l WHERE l.run_id = r.id"
          + " AND l.payout_state IN ('FAILED', 'CARRIED_OVER'))"
          + " FROM settlement_run r JOIN value_service v ON v.id = r.service_id";

  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public Optional<RunView> run(long runId) {
    List<RunView> runs = query(RUN_SELECT + " WHERE r.id = ?", runId);
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
  }

  /** The latest runs first. */
  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public List<RunView> runs(int max) {
    List<RunView> runs = query(RUN_SELECT + " ORDER BY r.period_end DESC, v.code, r.id DESC", null);
    return runs.size() > max ? runs.subList(0, max) : runs;
  }

  private List<RunView> query(String sql, Long id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (id != null) {
        ps.setLong(1, id);
      }
      List<RunView> runs = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Date payout = rs.getDate(6);
          Timestamp finished = rs.getTimestamp(9);
          runs.add(
              new RunView(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getDate(3).toLocalDate(),
                  rs.getDate(4).toLocalDate(),
                  rs.getDate(5).toLocalDate(),
                  payout == null ? null : payout.toLocalDate(),
                  rs.getString(7),
                  rs.getTimestamp(8).toLocalDateTime(),
                  finished == null ? null : finished.toLocalDateTime(),
                  rs.getString(10),
                  rs.getInt(11),
                  rs.getInt(12),
                  rs.getLong(13),
                  rs.getLong(14),
                  rs.getLong(15),
                  rs.getLong(16),
                  rs.getLong(17)));
        }
      }
      return runs;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A run's lines, by shop code. */
  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public List<LineView> lines(long runId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT l.shop_id, s.code, s.name, l.use_count, l.use_yen, l.use_cancel_count,"
                    + " l.use_cancel_yen, l.carried_over_yen, l.net_due_yen, l.state,"
                    // the account a filed transfer was written to, else the business's own
                    + " l.payout_state, l.entry_id, COALESCE(pf.bank_code, b.bank_code),"
                    + " COALESCE(pf.branch_code, b.branch_code),"
                    + " COALESCE(pf.account_number, b.account_number),"
                    + " l.id, l.failure_reason, l.carried_to_line_id, (SELECT p.transfer_date"
                    + " FROM payout_file_line f JOIN payout_file p ON p.id = f.file_id"
                    + " WHERE f.line_id = l.id)"
                    + " FROM settlement_line l JOIN shop s ON s.id = l.shop_id"
                    + " LEFT JOIN business_bank_account b ON b.business_id = s.business_id"
                    + " LEFT JOIN payout_file_line pf ON pf.line_id = l.id"
                    + " WHERE l.run_id = ? ORDER BY s.code")) {
      ps.setLong(1, runId);
      List<LineView> lines = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long entry = rs.getLong(12);
          Long entryId = rs.wasNull() ? null : entry;
          lines.add(
              new LineView(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getLong(7),
                  rs.getLong(8),
                  rs.getLong(9),
                  rs.getString(10),
                  rs.getString(11),
                  entryId,
                  rs.getString(13) == null
                      ? null
                      : masked(rs.getString(13), rs.getString(14), rs.getString(15)),
                  rs.getLong(16),
                  rs.getString(17),
                  (Long) rs.getObject(18, Long.class),
                  rs.getDate(19) == null ? null : rs.getDate(19).toLocalDate()));
        }
      }
      return lines;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An account as the screen shows it: bank and branch, the number's last 3 digits only. */
  static String masked(String bank, String branch, String number) {
    String n = number == null ? "" : number.strip();
    String tail = n.length() <= 3 ? n : n.substring(n.length() - 3);
    return bank + "-" + branch + " " + "*".repeat(Math.max(0, n.length() - tail.length())) + tail;
  }

  /** The services, by code, for the start form. */
  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public List<ServiceOption> services() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT code, name_ja, name_en, settlement_schedule FROM value_service"
                    + " ORDER BY code")) {
      List<ServiceOption> services = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          services.add(
              new ServiceOption(
                  rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
      return services;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * makes the next Zengin 総合振込 file of a payout date, for the city's bank: every transfer due
   * that day (closed runs, one per shop line, to its business's registered account) that is in no
   * earlier file. A transfer is asked of the bank once: a file already made is downloaded again
   * with {@link #payoutFileCopy}, and a later file holds only what became due since. Recorded (V35)
   * and audited in one transaction. No file (zero lines) when nothing new is due.
   *
   * @throws RefusedException PAYOUT_FILE_MADE_MEANWHILE if another administrator made a file of
   *     that date at the same moment
   * @throws org.jimoto.settlement.control.InvalidPayoutFile if a record would break the format
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public PayoutFile payoutFile(LocalDate payoutDate) {
    String who = caller.getCallerPrincipal().getName();
    List<String> missing = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      List<PayoutLine> lines = PayoutFileRecords.unsent(c, payoutDate, missing);
      if (lines.isEmpty()) { // nothing new that day: no file (the writer refuses an empty one)
        return new PayoutFile(payoutDate, new byte[0], 0, 0, List.copyOf(missing), null);
      }
      LocalDate transferDate = transferDate(payoutDate, LocalDate.now(clock));
      byte[] bytes = payoutFiles.zenginFile(transferDate, lines); // checked before it is recorded
      PayoutFileRecords.Made made;
      try {
        made =
            PayoutFileRecords.record(
                c, payoutDate, transferDate, bytes, lines, who, LocalDateTime.now(clock));
      } catch (SQLException e) {
        if (SqlDialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw new RefusedException(Refusal.PAYOUT_FILE_MADE_MEANWHILE, payoutDate.toString());
        }
        throw e;
      }
      steps.auditPayoutFile(
          who, payoutDate, made.sequence(), lines.size(), made.totalYen(), missing);
      return new PayoutFile(
          payoutDate, bytes, lines.size(), made.totalYen(), List.copyOf(missing), made);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A payout file made before, byte for byte as it was stored when it was made, for a download that
   * was lost. Audited: it must not be sent to the bank twice.
   *
   * @throws RefusedException PAYOUT_FILE_UNKNOWN
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public PayoutFile payoutFileCopy(long fileId) {
    try (Connection c = dataSource.getConnection()) {
      PayoutFileRecords.Made made =
          PayoutFileRecords.find(c, fileId)
              .orElseThrow(
                  () -> new RefusedException(Refusal.PAYOUT_FILE_UNKNOWN, String.valueOf(fileId)));
      byte[] bytes = PayoutFileRecords.content(c, fileId);
      steps.auditPayoutFileCopy(caller.getCallerPrincipal().getName(), made);
      return new PayoutFile(
          made.payoutDate(), bytes, made.transfers(), made.totalYen(), List.of(), made);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The 振込指定日 of a file made {@code today} for {@code payoutDate}: the payout date itself when the
   * file is made ahead of it; a file made on or after it (a late close, an account registered late)
   * asks for today if banks work today, else their next business day, since a bank refuses a date
   * in the past.
   */
  LocalDate transferDate(LocalDate payoutDate, LocalDate today) {
    if (today.isBefore(payoutDate)) {
      return payoutDate;
    }
    var calendar = businessDays.calendar();
    return calendar.isBusinessDay(today) ? today : calendar.plusBusinessDays(today, 1);
  }

  /** A payout date's files, and the transfers due that day that are in none of them yet. */
  public record PayoutDateFiles(
      LocalDate payoutDate,
      List<PayoutFileRecords.Made> files,
      int unsent,
      long unsentYen,
      List<String> missingAccount) {}

  /**
   * Every payout date with transfers due that are in no payout file yet, with what is unsent
   * on each: nothing due is left unseen because no run of that date is open on the page.
   */
  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public List<PayoutDateFiles> unsentPayoutDates() {
    try (Connection c = dataSource.getConnection()) {
      List<PayoutDateFiles> dates = new ArrayList<>();
      for (LocalDate date : PayoutFileRecords.datesWithUnsent(c)) {
        dates.add(payoutFiles(c, date));
      }
      return dates;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the payout date's files hold and what is still to be sent. */
  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public PayoutDateFiles payoutFiles(LocalDate payoutDate) {
    try (Connection c = dataSource.getConnection()) {
      return payoutFiles(c, payoutDate);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PayoutDateFiles payoutFiles(Connection c, LocalDate payoutDate)
      throws SQLException {
    List<String> missing = new ArrayList<>();
    List<PayoutLine> unsent = PayoutFileRecords.unsent(c, payoutDate, missing);
    return new PayoutDateFiles(
        payoutDate,
        PayoutFileRecords.of(c, payoutDate),
        unsent.size(),
        unsent.stream().mapToLong(PayoutLine::amountYen).sum(),
        List.copyOf(missing));
  }
}
