package org.jimoto.settlement.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.LedgerStore;
import org.jimoto.ledger.entity.AccountKind;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.notification.boundary.Mailer;
import org.jimoto.platform.boundary.CityProfileService;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.settlement.control.PayoutResultFile;
import org.jimoto.settlement.control.PayoutResultFile.Problem;
import org.jimoto.settlement.control.PayoutResultFile.Row;

/**
 * The bank's result of payout transfers (#12 item 5, R-55, R-56), recorded by the city
 * administrator one line at a time or from the bank's result file ({@link PayoutResultFile}).
 *
 * <ul>
 *   <li>PAID: one PAYOUT journal entry moves the line's amount from the service's settlement
 *       payable to the shop's paid-out account, and the 振込完了通知 mail is queued to the business
 *       — in the transaction that turns the line DUE → PAID under its row lock, so once.
 *   <li>FAILED (with the reason the merchant sees): nothing is posted, the amount stays payable and
 *       the shop's next close of the service carries it over (R-55, {@code ClosingSteps}).
 * </ul>
 *
 * Each result is audit-logged in the same transaction. A file is checked row by row first;
 * it is applied only without errors, all rows in one transaction, and a row whose transfer already
 * has that result is left as it is (uploading the same file again changes nothing).
 */
@Stateless
@DeclareRoles({"CITY_ADMIN", "CITY_AUDITOR"})
@RolesAllowed("CITY_ADMIN")
public class SettlementResults {

  public static final String PAID = "PAID";
  public static final String FAILED = "FAILED";

  /** What checking or applying a result file found: nothing changed unless problems is empty. */
  public record FileOutcome(
      List<Problem> problems, int rows, int recorded, int unchanged, long paidYen, long failedYen) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private static final String MAIL_BUNDLE = "org.jimoto.settlement.payoutmail";

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Resource SessionContext caller;
  @Inject AuditLog audit;
  @Inject Mailer mailer;
  @Inject CityProfileService city;
  @Inject Clock clock;

  /** A line as a result needs it, read under its row lock. */
  private record Line(
      long id,
      long shopId,
      String shopCode,
      long dueYen,
      String payoutState,
      String runState,
      LocalDate payoutDate,
      LocalDate fileTransferDate,
      Long carriedTo,
      boolean notified) {}

  /**
   * the bank paid the transfer of {@code lineId}.
   *
   * @throws RefusedException SETTLEMENT_LINE_UNKNOWN, SETTLEMENT_LINE_NOT_DUE, or
   *     SETTLEMENT_RESULT_RECORDED if it has a result already
   */
  public void markPaid(long lineId) {
    try (Connection c = dataSource.getConnection()) {
      Line line = lockDue(c, lineId);
      record(c, line, PAID, null);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * the bank could not make the transfer of {@code lineId} (e.g. 口座相違); its amount stays
   * payable and the shop's next close carries it over.
   */
  public void markFailed(long lineId, String reason) {
    String why = checkReason(reason);
    try (Connection c = dataSource.getConnection()) {
      Line line = lockDue(c, lineId);
      record(c, line, FAILED, why);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String checkReason(String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw new RefusedException(Refusal.SETTLEMENT_FAILURE_REASON_MISSING);
    }
    if (why.length() > PayoutResultFile.MAX_REASON) {
      throw new RefusedException(
          Refusal.SETTLEMENT_FAILURE_REASON_TOO_LONG, String.valueOf(PayoutResultFile.MAX_REASON));
    }
    return why;
  }

  private Line lockDue(Connection c, long lineId) throws SQLException {
    Line line =
        lock(c, lineId)
            .orElseThrow(
                () ->
                    new RefusedException(Refusal.SETTLEMENT_LINE_UNKNOWN, String.valueOf(lineId)));
    if (isResult(line.payoutState())) {
      throw new RefusedException(
          Refusal.SETTLEMENT_RESULT_RECORDED, String.valueOf(lineId), line.payoutState());
    }
    if (!due(line)) {
      throw new RefusedException(
          Refusal.SETTLEMENT_LINE_NOT_DUE, String.valueOf(lineId), line.payoutState());
    }
    Refusal unsent = unsent(line);
    if (unsent != null) {
      throw new RefusedException(unsent, String.valueOf(lineId), unsentDate(line));
    }
    return line;
  }

  /**
   * Why the bank cannot have a result for the line (#12 reviews: a result for a transfer the bank
   * was never asked for would post a payout and send a 振込完了通知 for money nobody paid): its payout
   * date is undecided, it is in no payout file, or its file's transfer date has not come;
   * null if it can.
   */
  private Refusal unsent(Line line) {
    if (line.payoutDate() == null) {
      return Refusal.SETTLEMENT_PAYOUT_DATE_OPEN;
    }
    if (line.fileTransferDate() == null) {
      return Refusal.SETTLEMENT_NOT_IN_FILE;
    }
    if (!payoutDateCame(line.fileTransferDate(), LocalDate.now(clock))) {
      return Refusal.SETTLEMENT_PAYOUT_NOT_YET;
    }
    return null;
  }

  /** The refusal's second argument: the file's transfer date, else the payout date. */
  private static String unsentDate(Line line) {
    return String.valueOf(
        line.fileTransferDate() != null ? line.fileTransferDate() : line.payoutDate());
  }

  /** Whether a transfer paid on {@code payoutDate} can have the bank's result {@code today}. */
  public static boolean payoutDateCame(LocalDate payoutDate, LocalDate today) {
    return payoutDate != null && !payoutDate.isAfter(today);
  }

  private static boolean isResult(String payoutState) {
    return PAID.equals(payoutState)
        || FAILED.equals(payoutState)
        || "CARRIED_OVER".equals(payoutState);
  }

  private static boolean due(Line line) {
    return "DUE".equals(line.payoutState()) && "CLOSED".equals(line.runState());
  }

  private static Optional<Line> lock(Connection c, long lineId) throws SQLException {
    String payoutState;
    long runId;
    long shopId;
    long dueYen;
    Long carriedTo;
    boolean notified;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT payout_state, run_id, shop_id, net_due_yen, carried_to_line_id,"
                + " paid_notified_at FROM settlement_line WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, lineId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        payoutState = rs.getString(1);
        runId = rs.getLong(2);
        shopId = rs.getLong(3);
        dueYen = rs.getLong(4);
        carriedTo = rs.getObject(5, Long.class);
        notified = rs.getTimestamp(6) != null;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.state, s.code, r.payout_date, (SELECT p.transfer_date FROM payout_file_line f"
                + " JOIN payout_file p ON p.id = f.file_id WHERE f.line_id = ?)"
                + " FROM settlement_run r, shop s WHERE r.id = ? AND s.id = ?")) {
      ps.setLong(1, lineId);
      ps.setLong(2, runId);
      ps.setLong(3, shopId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Date payout = rs.getDate(3);
        return Optional.of(
            new Line(
                lineId,
                shopId,
                rs.getString(2),
                dueYen,
                payoutState,
                rs.getString(1),
                payout == null ? null : payout.toLocalDate(),
                rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(),
                carriedTo,
                notified));
      }
    }
  }

  /** Records one result of a DUE line held under its lock: entry, mail, line, audit. */
  private void record(Connection c, Line line, String result, String reason) throws SQLException {
    String who = caller.getCallerPrincipal().getName();
    LocalDateTime now = LocalDateTime.now(clock);
    Long entry = null;
    Object[] mail = null;
    if (PAID.equals(result)) {
      mail = paidFacts(c, line.id());
      // one entry per payout; the paid amount leaves the settlement payable.
      entry = post(c, line, (Long) mail[8], Operation.PAYOUT, who, now, "payout line " + line.id());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE settlement_line SET payout_state = ?, failure_reason = ?, payout_entry_id = ?,"
                + " result_at = ?, result_by = ? WHERE id = ? AND payout_state = 'DUE'")) {
      ps.setString(1, result);
      ps.setString(2, reason);
      ps.setObject(3, entry, java.sql.Types.BIGINT);
      ps.setTimestamp(4, Timestamp.valueOf(now));
      ps.setString(5, who);
      ps.setLong(6, line.id());
      if (ps.executeUpdate() != 1) {
        throw new IllegalStateException("settlement line " + line.id() + " changed under its lock");
      }
    }
    if (mail != null) {
      notifyPaid(c, line, mail, now);
    }
    audit.record(
        Portal.ADMIN,
        who,
        "PAYOUT_RESULT",
        "line "
            + line.id()
            + " shop "
            + line.shopCode()
            + " "
            + result
            + " "
            + line.dueYen()
            + " yen"
            + (entry == null ? "" : " entry " + entry),
        reason);
  }

  /**
   * The facts the 振込完了通知 and the PAYOUT entry need: period first and last, payout date, service
   * names, shop name, business name and address, then (index 8) the service id.
   */
  private Object[] paidFacts(Connection c, long lineId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            // the transfer date is the one its payout file asked the bank for
            "SELECT r.service_id, r.period_start, r.period_end, COALESCE((SELECT p.transfer_date"
                + " FROM payout_file_line f JOIN payout_file p ON p.id = f.file_id"
                + " WHERE f.line_id = l.id), r.payout_date), v.name_ja,"
                + " v.name_en, s.name, b.name, b.email FROM settlement_line l"
                + " JOIN settlement_run r ON r.id = l.run_id"
                + " JOIN value_service v ON v.id = r.service_id"
                + " JOIN shop s ON s.id = l.shop_id JOIN business b ON b.id = s.business_id"
                + " WHERE l.id = ?")) {
      ps.setLong(1, lineId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        Date payout = rs.getDate(4);
        return new Object[] {
          rs.getDate(2).toLocalDate(),
          rs.getDate(3).toLocalDate(),
          payout == null ? LocalDate.now(clock) : payout.toLocalDate(),
          rs.getString(5),
          rs.getString(6),
          rs.getString(7),
          rs.getString(8),
          rs.getString(9),
          rs.getLong(1)
        };
      }
    }
  }

  /**
   * One journal entry of the line's amount between the service's settlement payable and the shop's
   * paid-out account: PAYOUT out of the payable, PAYOUT_REVERSAL back into it. The transfer carries
   * the shop (R-70 shop filter, R-71 from/to).
   */
  private static long post(
      Connection c,
      Line line,
      long serviceId,
      Operation operation,
      String who,
      LocalDateTime now,
      String note)
      throws SQLException {
    var store = new LedgerStore(c, now);
    long payable = store.account(serviceId, AccountKind.SETTLEMENT_PAYABLE, null);
    long paidOut = store.account(serviceId, AccountKind.SHOP_PAID_OUT, line.shopId());
    boolean payout = operation == Operation.PAYOUT;
    long entry = store.insertEntry(operation, who, null);
    store.insertTransfer(
        new LedgerStore.NewTransfer(
            entry,
            serviceId,
            operation,
            payout ? payable : paidOut,
            payout ? paidOut : payable,
            line.dueYen(),
            null,
            line.shopId(),
            null,
            null,
            null,
            null,
            note));
    return entry;
  }

  /** the 振込完了通知, once per line however often its result is corrected. */
  private void notifyPaid(Connection c, Line line, Object[] mail, LocalDateTime now)
      throws SQLException {
    if (line.notified()) {
      return;
    }
    queueMail(line, mail);
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE settlement_line SET paid_notified_at = ? WHERE id = ?")) {
      ps.setTimestamp(1, Timestamp.valueOf(now));
      ps.setLong(2, line.id());
      ps.executeUpdate();
    }
  }

  /**
   * the bank did pay a transfer recorded as FAILED by mistake, before the next close
   * carried it over: one PAYOUT entry, the line turns PAID, the 振込完了通知 goes out (the merchant had
   * none). Audited with the reason.
   *
   * @throws RefusedException REASON_MISSING, REASON_TOO_LONG, SETTLEMENT_LINE_UNKNOWN,
   *     SETTLEMENT_CARRIED_OVER (its amount is in a later transfer), SETTLEMENT_NOT_FAILED
   */
  public void correctToPaid(long lineId, String reason) {
    String why = checkCorrectionReason(reason);
    try (Connection c = dataSource.getConnection()) {
      Line line = lockForCorrection(c, lineId);
      if (!FAILED.equals(line.payoutState())) {
        throw new RefusedException(
            Refusal.SETTLEMENT_NOT_FAILED, String.valueOf(lineId), line.payoutState());
      }
      String who = caller.getCallerPrincipal().getName();
      LocalDateTime now = LocalDateTime.now(clock);
      Object[] mail = paidFacts(c, lineId);
      long entry =
          post(
              c,
              line,
              (Long) mail[8],
              Operation.PAYOUT,
              who,
              now,
              "payout line " + lineId + " (corrected from FAILED)");
      correct(c, line, "PAID", entry, who, now);
      notifyPaid(c, line, mail, now);
      auditCorrection(line, "FAILED -> PAID", entry, who, why);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * a PAID result recorded by mistake is reversed: one PAYOUT_REVERSAL entry moves the
   * amount from the shop's paid-out account back into the settlement payable, and the line is DUE
   * again (in its date's payout file, and open to a result). The 振込完了通知 is not sent again.
   *
   * @throws RefusedException REASON_MISSING, REASON_TOO_LONG, SETTLEMENT_LINE_UNKNOWN,
   *     SETTLEMENT_CARRIED_OVER, SETTLEMENT_NOT_PAID
   */
  public void reversePaid(long lineId, String reason) {
    String why = checkCorrectionReason(reason);
    try (Connection c = dataSource.getConnection()) {
      Line line = lockForCorrection(c, lineId);
      if (!PAID.equals(line.payoutState())) {
        throw new RefusedException(
            Refusal.SETTLEMENT_NOT_PAID, String.valueOf(lineId), line.payoutState());
      }
      String who = caller.getCallerPrincipal().getName();
      LocalDateTime now = LocalDateTime.now(clock);
      long serviceId = (Long) paidFacts(c, lineId)[8];
      long entry =
          post(
              c,
              line,
              serviceId,
              Operation.PAYOUT_REVERSAL,
              who,
              now,
              "reversal of payout line " + lineId);
      correct(c, line, "DUE", null, who, now);
      auditCorrection(line, "PAID -> DUE", entry, who, why);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String checkCorrectionReason(String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw new RefusedException(Refusal.REASON_MISSING);
    }
    if (why.length() > PayoutResultFile.MAX_REASON) {
      throw new RefusedException(
          Refusal.REASON_TOO_LONG, String.valueOf(PayoutResultFile.MAX_REASON));
    }
    return why;
  }

  /** The line under its row lock; a carried-over one cannot be corrected (R-55: paid once). */
  private static Line lockForCorrection(Connection c, long lineId) throws SQLException {
    Line line =
        lock(c, lineId)
            .orElseThrow(
                () ->
                    new RefusedException(Refusal.SETTLEMENT_LINE_UNKNOWN, String.valueOf(lineId)));
    if (line.carriedTo() != null) {
      throw new RefusedException(
          Refusal.SETTLEMENT_CARRIED_OVER,
          String.valueOf(lineId),
          String.valueOf(line.carriedTo()));
    }
    return line;
  }

  private static void correct(
      Connection c, Line line, String state, Long entry, String who, LocalDateTime now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE settlement_line SET payout_state = ?, failure_reason = NULL,"
                + " payout_entry_id = ?, result_at = ?, result_by = ? WHERE id = ?"
                + " AND payout_state = ?")) {
      ps.setString(1, state);
      ps.setObject(2, entry, java.sql.Types.BIGINT);
      ps.setTimestamp(3, "DUE".equals(state) ? null : Timestamp.valueOf(now));
      ps.setString(4, "DUE".equals(state) ? null : who);
      ps.setLong(5, line.id());
      ps.setString(6, line.payoutState());
      if (ps.executeUpdate() != 1) {
        throw new IllegalStateException("settlement line " + line.id() + " changed under its lock");
      }
    }
  }

  private void auditCorrection(Line line, String change, long entry, String who, String why) {
    audit.record(
        Portal.ADMIN,
        who,
        "PAYOUT_RESULT_CORRECTED",
        "line "
            + line.id()
            + " shop "
            + line.shopCode()
            + " "
            + change
            + " "
            + line.dueYen()
            + " yen entry "
            + entry,
        why);
  }

  /** the 振込完了通知 to the business's contact address (Japanese, then English). */
  private void queueMail(Line line, Object[] m) {
    ResourceBundle bundle =
        ResourceBundle.getBundle(MAIL_BUNDLE, Locale.ROOT, getClass().getClassLoader());
    var profile = city.profile();
    Object[] args = {
      profile.cityJa(),
      profile.cityEn(),
      line.shopCode(),
      m[5],
      m[3],
      m[4],
      m[0].toString(),
      m[1].toString(),
      NumberFormat.getIntegerInstance(Locale.JAPAN).format(line.dueYen()),
      m[2].toString(),
      m[6]
    };
    String subject = new MessageFormat(bundle.getString("subject"), Locale.ROOT).format(args);
    String body = new MessageFormat(bundle.getString("body"), Locale.ROOT).format(args);
    mailer.queue((String) m[7], subject, body);
  }

  /** Checks a result file against the lines without changing anything (the preview). */
  public FileOutcome check(byte[] file) {
    try (Connection c = dataSource.getConnection()) {
      return check(c, file, false).outcome();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks the file again under the lines' row locks and, only if no row has an error, records
   * every row's result in this one transaction; rows whose transfer has that result already are
   * left unchanged. With errors nothing is changed and the outcome lists them.
   */
  public FileOutcome apply(byte[] file) {
    try (Connection c = dataSource.getConnection()) {
      Checked checked = check(c, file, true);
      if (!checked.outcome().ok()) {
        return checked.outcome();
      }
      for (Checked.ToRecord r : checked.toRecord()) {
        record(c, r.line(), r.row().result(), FAILED.equals(r.row().result()) ? r.reason() : null);
      }
      audit.record(
          Portal.ADMIN,
          caller.getCallerPrincipal().getName(),
          "PAYOUT_RESULT_FILE",
          checked.outcome().rows()
              + " row(s): "
              + checked.outcome().recorded()
              + " recorded, "
              + checked.outcome().unchanged()
              + " unchanged");
      return checked.outcome();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Checked(FileOutcome outcome, List<ToRecord> toRecord) {
    record ToRecord(Row row, Line line, String reason) {}
  }

  private Checked check(Connection c, byte[] file, boolean lockLines) throws SQLException {
    PayoutResultFile.Parsed parsed = PayoutResultFile.parse(file);
    List<Problem> problems = new ArrayList<>(parsed.problems());
    if (!problems.isEmpty()) {
      return new Checked(new FileOutcome(problems, 0, 0, 0, 0, 0), List.of());
    }
    // Lines locked in id order: two uploads at once cannot deadlock.
    Map<Long, Line> lines = new HashMap<>();
    for (long id :
        new TreeSet<>(parsed.rows().stream().map(Row::lineId).filter(id -> id != null).toList())) {
      Optional<Line> line = lockLines ? lock(c, id) : read(c, id);
      line.ifPresent(l -> lines.put(id, l));
    }
    Map<Long, Integer> seen = new HashMap<>();
    List<Checked.ToRecord> toRecord = new ArrayList<>();
    int unchanged = 0;
    long paid = 0;
    long failed = 0;
    for (Row row : parsed.rows()) {
      int n = row.number();
      Line line = row.lineId() == null ? null : lines.get(row.lineId());
      if (line == null) {
        problems.add(problem(n, Refusal.RESULT_ROW_LINE, text(row.lineId())));
        continue;
      }
      Integer first = seen.putIfAbsent(line.id(), n);
      if (first != null) {
        problems.add(
            problem(n, Refusal.RESULT_ROW_DUPLICATE, text(line.id()), String.valueOf(first)));
        continue;
      }
      int before = problems.size();
      if (!line.shopCode().equals(row.shopCode())) {
        problems.add(
            problem(n, Refusal.RESULT_ROW_SHOP, row.shopCode(), text(line.id()), line.shopCode()));
      }
      if (row.amountYen() == null || row.amountYen() != line.dueYen()) {
        problems.add(
            problem(
                n,
                Refusal.RESULT_ROW_AMOUNT,
                text(row.amountYen()),
                text(line.id()),
                String.valueOf(line.dueYen())));
      }
      boolean isPaid = PAID.equals(row.result());
      if (!isPaid && !FAILED.equals(row.result())) {
        problems.add(problem(n, Refusal.RESULT_ROW_CODE, row.result()));
        continue;
      }
      String reason = row.reason();
      if (!isPaid && reason.isEmpty()) {
        problems.add(problem(n, Refusal.SETTLEMENT_FAILURE_REASON_MISSING));
      } else if (reason.length() > PayoutResultFile.MAX_REASON) {
        problems.add(
            problem(
                n,
                Refusal.SETTLEMENT_FAILURE_REASON_TOO_LONG,
                String.valueOf(PayoutResultFile.MAX_REASON)));
      }
      // The same file again: a transfer that has this result already stays as it is.
      boolean same =
          isPaid
              ? PAID.equals(line.payoutState())
              : FAILED.equals(line.payoutState()) || "CARRIED_OVER".equals(line.payoutState());
      if (problems.size() > before) {
        continue;
      }
      if (same) {
        unchanged++;
      } else if (due(line) && line.notified()) {
        // Paid once, then reversed by an administrator (the notice went out then): the bank's
        // file, uploaded again, must not pay it a second time; only the buttons record it now.
        problems.add(problem(n, Refusal.SETTLEMENT_RESULT_REVERSED, text(line.id())));
      } else if (isResult(line.payoutState())) {
        problems.add(
            problem(n, Refusal.SETTLEMENT_RESULT_RECORDED, text(line.id()), line.payoutState()));
      } else if (!due(line)) {
        problems.add(
            problem(n, Refusal.SETTLEMENT_LINE_NOT_DUE, text(line.id()), line.payoutState()));
      } else if (unsent(line) != null) {
        problems.add(problem(n, unsent(line), text(line.id()), unsentDate(line)));
      } else {
        toRecord.add(new Checked.ToRecord(row, line, reason));
        if (isPaid) {
          paid += line.dueYen();
        } else {
          failed += line.dueYen();
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.add(
          new Problem(0, Refusal.RESULT_FILE_INVALID, List.of(String.valueOf(problems.size()))));
      return new Checked(new FileOutcome(problems, parsed.rows().size(), 0, 0, 0, 0), List.of());
    }
    return new Checked(
        new FileOutcome(List.of(), parsed.rows().size(), toRecord.size(), unchanged, paid, failed),
        toRecord);
  }

  private static Optional<Line> read(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT l.payout_state, l.shop_id, l.net_due_yen, r.state, s.code, r.payout_date,"
                + " (SELECT p.transfer_date FROM payout_file_line f JOIN payout_file p"
                + " ON p.id = f.file_id WHERE f.line_id = l.id), l.carried_to_line_id,"
                + " l.paid_notified_at FROM settlement_line l JOIN settlement_run r ON r.id = l.run_id"
                + " JOIN shop s ON s.id = l.shop_id WHERE l.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Date payout = rs.getDate(6);
        return Optional.of(
            new Line(
                id,
                rs.getLong(2),
                rs.getString(5),
                rs.getLong(3),
                rs.getString(1),
                rs.getString(4),
                payout == null ? null : payout.toLocalDate(),
                rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate(),
                rs.getObject(8, Long.class),
                rs.getTimestamp(9) != null));
      }
    }
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }

  private static Problem problem(int row, Refusal refusal, String... args) {
    return new Problem(row, refusal, List.of(args));
  }
}
