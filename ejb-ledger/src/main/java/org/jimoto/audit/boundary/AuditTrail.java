package org.jimoto.audit.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.report.boundary.ExportsBusy;
import org.jimoto.report.control.CsvCells;
import org.jimoto.report.control.ExportSlots;

/**
 * The audit log as the auditor reads it (R-94, #11 item 5): filtered by period, staff member and
 * action, newest first on the page, oldest first in the CSV export, which streams from a database
 * cursor (constant memory). For {@code CITY_AUDITOR} and {@code CITY_ADMIN}; reading the log is
 * itself logged.
 */
@Stateless
@DeclareRoles({"CITY_ADMIN", "CITY_AUDITOR"})
@RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
public class AuditTrail {

  /** A page of the log is bounded; the export streams everything. */
  public static final int MAX_PAGE = 500;

  public static final List<String> CSV_COLUMNS =
      List.of("occurredAt", "portal", "actor", "action", "detail", "reason");

  private static final DateTimeFormatter CSV_TIME =
      DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss");

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Resource SessionContext session;
  @Inject AuditLog audit;
  @Inject ExportSlots exportSlots;

  /**
   * The filter: the period is days in Asia/Tokyo, both included; null or blank means any.
   *
   * @param actor the staff member's login name, exactly
   * @param action the action code, exactly (e.g. CASH_CHARGE)
   */
  public record Filter(LocalDate from, LocalDate to, String actor, String action) {}

  /** One audited action. */
  public record Event(
      LocalDateTime occurredAt,
      String portal,
      String actor,
      String action,
      String detail,
      String reason) {}

  /**
   * The newest matching events, at most {@link #MAX_PAGE}; the read is logged with its reason
   * (R-94).
   *
   * @throws RefusedException REASON_MISSING without a reason: nothing is read or logged
   */
  public List<Event> find(Filter filter, String reason) {
    requireReason(reason);
    var where = new StringBuilder();
    var args = new ArrayList<Object>();
    where(filter, where, args);
    List<Event> events = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                SELECT
                    + where
                    + " ORDER BY occurred_at DESC, id DESC FETCH FIRST "
                    + MAX_PAGE
                    + " ROWS ONLY")) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          events.add(event(rs));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    // R-94 (#11 finding 6): the log names residents and what staff did; reading it is itself an
    // action on personal data, logged in the same transaction.
    audit.record(
        Portal.ADMIN,
        session.getCallerPrincipal().getName(),
        "AUDIT_READ",
        "audit log page, " + filter + ", " + events.size() + " shown",
        reason.strip());
    return events;
  }

  /**
   * Writes every matching event as CSV (UTF-8 with a byte-order mark for Excel, R-74), oldest
   * first, and logs the export. Returns the number of rows.
   *
   * @throws ExportsBusy before writing anything, when the login has an export running or the node
   *     runs as many as it allows
   * @throws RefusedException REASON_MISSING without a reason, before anything is written or logged
   */
  public long exportCsv(Filter filter, String reason, OutputStream out) throws IOException {
    requireReason(reason);
    String login = session.getCallerPrincipal().getName();
    // #11 finding 6: a streamed export holds a pooled connection until the last byte is read;
    // the same slots as the merchant CSV keep the payments' connections free.
    try (ExportSlots.Slot slot = exportSlots.take(login).orElseThrow(ExportsBusy::new)) {
      return export(login, filter, reason.strip(), out);
    }
  }

  private long export(String login, Filter filter, String reason, OutputStream out)
      throws IOException {
    var where = new StringBuilder();
    var args = new ArrayList<Object>();
    where(filter, where, args);
    audit.record(Portal.ADMIN, login, "AUDIT_EXPORT", "audit log CSV, " + filter, reason);
    Writer writer =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    writer.write('\uFEFF');
    long n = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + where + " ORDER BY occurred_at, id");
        CSVPrinter csv =
            CSVFormat.DEFAULT
                .builder()
                .setHeader(CSV_COLUMNS.toArray(String[]::new))
                .setRecordSeparator("\r\n")
                .build()
                .print(writer)) {
      ps.setFetchSize(1_000); // PostgreSQL streams with a fetch size inside a transaction
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Event e = event(rs);
          csv.printRecord(
              CSV_TIME.format(e.occurredAt()),
              CsvCells.text(e.portal()),
              CsvCells.text(e.actor()),
              CsvCells.text(e.action()),
              CsvCells.text(e.detail()),
              CsvCells.text(e.reason()));
          n++;
        }
      }
      csv.flush();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return n;
  }

  /** R-94 (second review of finding 6): reading the log needs a reason, as any personal data. */
  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new RefusedException(Refusal.REASON_MISSING);
    }
    if (reason.length() > 500) { // the audit log's column
      throw new RefusedException(Refusal.MALFORMED_REQUEST, "reason");
    }
  }

  private static final String SELECT =
      "SELECT occurred_at, portal, actor, action, detail, reason FROM audit_event";

  private static void where(Filter f, StringBuilder where, List<Object> args) {
    List<String> conditions = new ArrayList<>();
    if (f != null && f.from() != null) {
      conditions.add("occurred_at >= ?");
      args.add(Timestamp.valueOf(f.from().atStartOfDay()));
    }
    if (f != null && f.to() != null) {
      conditions.add("occurred_at < ?");
      args.add(Timestamp.valueOf(f.to().plusDays(1).atStartOfDay()));
    }
    if (f != null && f.actor() != null && !f.actor().isBlank()) {
      conditions.add("actor = ?");
      args.add(f.actor().strip());
    }
    if (f != null && f.action() != null && !f.action().isBlank()) {
      conditions.add("action = ?");
      args.add(f.action().strip());
    }
    if (!conditions.isEmpty()) {
      where.append(" WHERE ").append(String.join(" AND ", conditions));
    }
  }

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
  }

  private static Event event(ResultSet rs) throws SQLException {
    return new Event(
        rs.getTimestamp(1).toLocalDateTime(),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6));
  }
}
