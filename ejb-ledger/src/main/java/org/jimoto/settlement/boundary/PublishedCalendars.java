package org.jimoto.settlement.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
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
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.settlement.control.BusinessDays;
import org.jimoto.settlement.control.ClosingPeriod;
import org.jimoto.settlement.control.PublishedPayoutCalendar;
import org.jimoto.settlement.control.ServiceSchedules;

/**
 * A service's published payout calendar (#12 item 1, R-50; ISECA's 売上金振込スケジュール, seed 000): the city
 * uploads the CSV {@code period_first,period_last,payout_date} (ISO dates, {@code 未定} or empty for
 * undecided), which replaces the service's rows and puts the service on the {@link
 * ServiceSchedules.Kind#PUBLISHED} schedule. CITY_ADMIN uploads, with a reason, audit-logged
 * every admin role reads.
 *
 * <p>Checked first, nothing changed on any problem: the file's own checks ({@link
 * PublishedPayoutCalendar#read}, a file with no row among them), the service's schedule (only a
 * semi-monthly one, R-50, is paid by a calendar of half months: a weekly or monthly service, R-51
 * and R-52, is refused rather than silently switched), then the periods already closed: a period
 * with a settlement run keeps the payout date the run recorded (its transfers, statements and
 * payout file carry it), so a row giving it another date or 未定 is refused. A run closed while its
 * date was 未定 takes the date the new calendar publishes: deciding it is what the calendar is for,
 * and until then its transfers cannot be paid (SETTLEMENT_PAYOUT_DATE_OPEN); a date before today
 * (Asia/Tokyo) is refused for it, as its shops could no longer be paid on it. Every run so dated is
 * named in the upload's audit detail.
 */
@Stateless
public class PublishedCalendars {

  /** The largest file taken: 240 rows of about 40 characters, with room to spare. */
  public static final int MAX_CHARS = 64 * 1024;

  /** The longest reason the audit log takes. */
  public static final int MAX_REASON = 500;

  /** Why nothing was changed. */
  public enum Problem {
    UNKNOWN_SERVICE,
    REASON_MISSING,
    REASON_TOO_LONG,
    FILE_MISSING,
    FILE_TOO_LARGE,
    /** Not CSV (a malformed quote); the detail is the line. */
    NOT_CSV,
    NO_HEADER,
    /** The header and no period: every period would become 未定. */
    NO_ROWS,
    TOO_MANY_ROWS,
    BAD_DATE,
    NOT_HALF_MONTH,
    DUPLICATE_PERIOD,
    PAYOUT_NOT_AFTER_CLOSE,
    PAYOUT_ON_BANK_HOLIDAY,
    /** The period has a settlement run with a payout date the row would change. */
    CLOSED_PERIOD_CHANGED,
    /**
     * The service is closed weekly or monthly, not on half months: the detail is its
     * schedule (WEEKLY, MONTHLY).
     */
    NOT_SEMI_MONTHLY_SERVICE,
    /**
     * A run closed while 未定 would take a payout date before today: the detail is its period and
     * that date.
     */
    PAYOUT_DATE_PASSED
  }

  /**
   * One problem: the CSV's line (0 where it is not a line's), and what was found (for
   * CLOSED_PERIOD_CHANGED: the period and the run's payout date; PAYOUT_DATE_PASSED: the period and
   * the published date; PAYOUT_ON_BANK_HOLIDAY: the date, the {@code BusinessCalendar.Closure} and
   * a holiday's name).
   */
  public record Finding(Problem problem, long line, String detail) {}

  /** What became of an upload. */
  public sealed interface Outcome {
    /**
     * Saved: {@code rows} rows, {@code undecided} of them 未定; {@code decidedRuns} closed runs took
     * their payout date from it.
     */
    record Saved(String serviceCode, int rows, int undecided, int decidedRuns) implements Outcome {}

    record Refused(List<Finding> findings) implements Outcome {}
  }

  /** A stored row: {@code payout} null where 未定. */
  public record Row(LocalDate first, LocalDate last, LocalDate payout) {}

  @Resource SessionContext session;
  @Inject BusinessDays businessDays;
  @Inject ServiceSchedules schedules;
  @Inject AuditLog audit;
  @Inject Clock clock;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /** The service's published rows in date order (empty if none or no such service). */
  @RolesAllowed({"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"})
  public List<Row> rows(String serviceCode) {
    try (Connection c = dataSource.getConnection()) {
      Optional<Long> service = serviceId(c, serviceCode);
      if (service.isEmpty()) {
        return List.of();
      }
      return ServiceSchedules.rows(c, service.get()).stream()
          .map(r -> new Row(r.period().first(), r.period().last(), r.payout()))
          .toList();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Replaces the service's published calendar with {@code csv} and puts the service on it. Refused,
   * with every problem found and nothing changed: an unknown service, no reason, a file that fails
   * {@link PublishedPayoutCalendar#read}'s checks, a service not closed on half months, a row that
   * changes the payout date of a period already closed, or one giving a run closed while 未定 a date
   * before today.
   */
  @RolesAllowed("CITY_ADMIN")
  public Outcome upload(String serviceCode, String csv, String reason) {
    String who = session.getCallerPrincipal().getName();
    List<Finding> findings = new ArrayList<>();
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      findings.add(new Finding(Problem.REASON_MISSING, 0, ""));
    } else if (why.length() > MAX_REASON) {
      findings.add(new Finding(Problem.REASON_TOO_LONG, 0, String.valueOf(MAX_REASON)));
    }
    PublishedPayoutCalendar calendar = null;
    if (csv == null || csv.isBlank()) {
      findings.add(new Finding(Problem.FILE_MISSING, 0, ""));
    } else if (csv.length() > MAX_CHARS) {
      findings.add(new Finding(Problem.FILE_TOO_LARGE, 0, String.valueOf(MAX_CHARS)));
    } else {
      try {
        calendar = PublishedPayoutCalendar.read(new StringReader(csv), businessDays.calendar());
      } catch (PublishedPayoutCalendar.InvalidCalendar e) {
        for (var f : e.findings()) {
          findings.add(new Finding(Problem.valueOf(f.problem().name()), f.line(), f.detail()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      Optional<Long> found = serviceId(c, serviceCode);
      if (found.isEmpty()) {
        findings.add(0, new Finding(Problem.UNKNOWN_SERVICE, 0, String.valueOf(serviceCode)));
        return new Outcome.Refused(List.copyOf(findings));
      }
      long serviceId = found.get();
      String previous = lockService(c, serviceId);
      // a calendar of half months pays a semi-monthly service only (R-51/R-52 are not
      // switched by a file); said first, as no file fixes it
      if (!ServiceSchedules.Kind.SEMI_MONTHLY.name().equals(previous)
          && !ServiceSchedules.Kind.PUBLISHED.name().equals(previous)) {
        findings.add(0, new Finding(Problem.NOT_SEMI_MONTHLY_SERVICE, 0, previous));
      }
      if (!findings.isEmpty()) {
        return new Outcome.Refused(List.copyOf(findings)); // nothing written
      }
      LocalDate today = now.toLocalDate(); // the ledger's clock: Asia/Tokyo
      // under the service's lock: a run already there keeps its date
      List<Object[]> toDecide = new ArrayList<>();
      for (Object[] run : runs(c, serviceId)) {
        ClosingPeriod period = (ClosingPeriod) run[0];
        LocalDate recorded = (LocalDate) run[1];
        var row = calendar.row(period);
        if (row.isEmpty()) {
          continue; // not listed: the run keeps its own date, the calendar says nothing of it
        }
        LocalDate published = row.get().payout();
        if (recorded == null) {
          if (published != null && published.isBefore(today)) {
            // its transfers could not be paid on a day gone by: the city publishes a coming day
            findings.add(
                new Finding(
                    Problem.PAYOUT_DATE_PASSED,
                    0,
                    period.first() + ".." + period.last() + " " + published));
          } else if (published != null) {
            toDecide.add(new Object[] {period, published, run[2]});
          }
        } else if (!recorded.equals(published)) {
          findings.add(
              new Finding(
                  Problem.CLOSED_PERIOD_CHANGED,
                  0,
                  period.first() + ".." + period.last() + " " + recorded));
        }
      }
      if (!findings.isEmpty()) {
        return new Outcome.Refused(List.copyOf(findings)); // nothing written yet
      }
      publish(c, serviceId);
      replaceRows(c, serviceId, calendar, who, now);
      List<String> dated = new ArrayList<>();
      for (Object[] run : toDecide) {
        ClosingPeriod period = (ClosingPeriod) run[0];
        LocalDate payout = (LocalDate) run[1];
        decide(c, serviceId, period, payout);
        dated.add(
            serviceCode
                + " "
                + period.first()
                + ".."
                + period.last()
                + " -> "
                + payout
                + " (run "
                + run[2]
                + ")");
      }
      List<PublishedPayoutCalendar.Row> rows = calendar.rows();
      int undecided = (int) rows.stream().filter(r -> r.payout() == null).count();
      String detail =
          "service "
              + serviceCode
              + " schedule "
              + previous
              + " -> PUBLISHED rows "
              + rows.size()
              + " "
              + rows.get(0).period().first()
              + ".."
              + rows.get(rows.size() - 1).period().last()
              + " undecided "
              + undecided
              + " closed runs dated "
              + toDecide.size();
      // each run dated, named; the detail column holds 1000 characters, so a long list goes
      // on
      // in further rows of the same action
      StringBuilder line = new StringBuilder(detail);
      String separator = ": ";
      for (String run : dated) {
        if (line.length() + separator.length() + run.length() > AUDIT_DETAIL) {
          audit.record(Portal.ADMIN, who, "PAYOUT_CALENDAR_UPLOAD", line.toString(), why);
          line = new StringBuilder("service " + serviceCode + " closed runs dated (cont.)");
          separator = ": ";
        }
        line.append(separator).append(run);
        separator = "; ";
      }
      audit.record(Portal.ADMIN, who, "PAYOUT_CALENDAR_UPLOAD", line.toString(), why);
      schedules.forget(serviceId);
      return new Outcome.Saved(serviceCode, rows.size(), undecided, toDecide.size());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Long> serviceId(Connection c, String code) throws SQLException {
    if (code == null) {
      return Optional.empty();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM value_service WHERE code = ?")) {
      ps.setString(1, code.strip());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** The audit log's detail column (V1): {@code VARCHAR(1000)}. */
  private static final int AUDIT_DETAIL = 1000;

  /**
   * Locks the service's row and returns its schedule. Two uploads follow each other; a close
   * opening a new run takes the same lock first (ClosingSteps.openRun): the runs read after it are
   * all there are, and a run opened after this upload records its new date. A key-share-compatible
   * lock on PostgreSQL, so payments and other rows referencing the service are not held up.
   */
  private static String lockService(Connection c, long serviceId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT settlement_schedule FROM value_service WHERE id = ?"
                + SqlDialect.of(c).forNoKeyUpdate())) {
      ps.setLong(1, serviceId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /**
   * Puts the locked service on the published schedule and raises its calendar revision: every
   * server reads the rows again.
   */
  private static void publish(Connection c, long serviceId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE value_service SET settlement_schedule = 'PUBLISHED',"
                + " payout_calendar_revision = payout_calendar_revision + 1 WHERE id = ?")) {
      ps.setLong(1, serviceId);
      ps.executeUpdate();
    }
  }

  /** The service's runs: period, recorded payout date (null: 未定) and the run's id. */
  private static List<Object[]> runs(Connection c, long serviceId) throws SQLException {
    List<Object[]> runs = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT period_start, period_end, close_date, payout_date, id FROM settlement_run"
                + " WHERE service_id = ? ORDER BY period_start")) {
      ps.setLong(1, serviceId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Date payout = rs.getDate(4);
          runs.add(
              new Object[] {
                new ClosingPeriod(
                    rs.getDate(1).toLocalDate(),
                    rs.getDate(2).toLocalDate(),
                    rs.getDate(3).toLocalDate()),
                payout == null ? null : payout.toLocalDate(),
                rs.getLong(5)
              });
        }
      }
    }
    return runs;
  }

  private static void replaceRows(
      Connection c, long serviceId, PublishedPayoutCalendar calendar, String who, LocalDateTime now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM payout_calendar_row WHERE service_id = ?")) {
      ps.setLong(1, serviceId);
      ps.executeUpdate();
    }
    var dialect = new LedgerStore(c, now).dialect();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO payout_calendar_row (id, service_id, period_start, period_end,"
                + " payout_date, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (var row : calendar.rows()) {
        ps.setLong(1, IdAllocator.next(c, dialect, "payout_calendar_row_seq"));
        ps.setLong(2, serviceId);
        ps.setDate(3, Date.valueOf(row.period().first()));
        ps.setDate(4, Date.valueOf(row.period().last()));
        if (row.payout() == null) {
          ps.setNull(5, Types.DATE);
        } else {
          ps.setDate(5, Date.valueOf(row.payout()));
        }
        ps.setString(6, who);
        ps.setTimestamp(7, Timestamp.valueOf(now));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** A run closed while its payout date was 未定 takes the published date. */
  private static void decide(Connection c, long serviceId, ClosingPeriod period, LocalDate payout)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE settlement_run SET payout_date = ? WHERE service_id = ? AND period_start = ?"
                + " AND period_end = ? AND payout_date IS NULL")) {
      ps.setDate(1, Date.valueOf(payout));
      ps.setLong(2, serviceId);
      ps.setDate(3, Date.valueOf(period.first()));
      ps.setDate(4, Date.valueOf(period.last()));
      ps.executeUpdate();
    }
  }
}
