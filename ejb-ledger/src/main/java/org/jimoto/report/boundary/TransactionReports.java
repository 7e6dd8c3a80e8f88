package org.jimoto.report.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * The transaction list, the transaction CSV and the daily and monthly results
 * for the admin and merchant screens. One row per transfer.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TransactionReports {

  /** A page of the list is bounded; the CSV export streams everything. */
  public static final int MAX_PAGE = 500;

  /** the Mitaka CSV columns, in this order. */
  public static final List<String> CSV_COLUMNS =
      List.of(
          "tranId",
          "serviceOperatorId",
          "serviceId",
          "serviceDisplayName",
          "serviceType",
          "operationType",
          "operationId",
          "operationName",
          "merchantId",
          "merchantDisplayName",
          "shopId",
          "shopDisplayName",
          "terminalId",
          "terminalDisplayName",
          "terminalType",
          "uid",
          "amount",
          "beforeValue",
          "afterValue",
          "note1",
          "note2",
          "note3",
          "targetAmount",
          "targetTranId",
          "from",
          "to",
          "closed",
          "status",
          "createdAt",
          "updatedAt");

  /**
   * R-70 filters; null means "any". The period is [from, to), to the minute, and required: every
   * list is about a period.
   */
  public record Filter(
      LocalDateTime from,
      LocalDateTime to,
      Long residentId,
      String tranId,
      String serviceCode,
      String shopCode,
      String terminalCode,
      Operation operation,
      Integer status) {

    public Filter {
      if (from == null || to == null || !to.isAfter(from)) {
        throw new IllegalArgumentException("a period [from, to) is required");
      }
      from = from.truncatedTo(ChronoUnit.MINUTES);
      to = to.truncatedTo(ChronoUnit.MINUTES);
    }

    /** a merchant's list is always limited to its own shop. */
    public Filter forShop(String shop) {
      return new Filter(
          from, to, residentId, tranId, serviceCode, shop, terminalCode, operation, status);
    }
  }

  /** One transfer as listed (and exported). */
  public record Row(
      String tranId,
      LocalDateTime createdAt,
      String serviceCode,
      String serviceName,
      int serviceType,
      Operation operation,
      String businessCode,
      String businessName,
      String shopCode,
      String shopName,
      String terminalCode,
      String terminalName,
      Long residentId,
      long amountYen,
      Long beforeYen,
      Long afterYen,
      String note,
      Long targetAmountYen,
      String targetTranId,
      String fromAccount,
      String toAccount,
      boolean closed,
      int status) {}

  /** The list's page plus the count and total over everything the filter matches. */
  public record Page(long count, long totalYen, List<Row> rows) {}

  /** Amount and count of one operation in one period. */
  public record Figure(long amountYen, long count) {}

  /** One day's or month's results of a service: per operation, and sales = use − use-cancel. */
  public record Result(String period, Map<Operation, Figure> byOperation) {
    public long salesYen() {
      return amount(Operation.USE) - amount(Operation.USE_CANCEL);
    }

    public long amount(Operation op) {
      Figure f = byOperation.get(op);
      return f == null ? 0 : f.amountYen();
    }
  }

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private static final String SELECT =
      "SELECT t.tran_id, t.created_at, v.code, v.name_ja, v.service_type, t.operation, b.code,"
          + " b.name, s.code, s.name, m.code, m.name, t.resident_id, t.amount_yen,"
          + " t.wallet_before_yen, t.wallet_after_yen, t.note, o.amount_yen, o.tran_id,"
          + " d.kind, k.kind, t.closed, t.status"
          + " FROM transfer t JOIN value_service v ON v.id = t.service_id"
          + " JOIN account d ON d.id = t.debit_account_id JOIN account k ON k.id = t.credit_account_id"
          + " LEFT JOIN shop s ON s.id = t.shop_id LEFT JOIN business b ON b.id = s.business_id"
          + " LEFT JOIN terminal m ON m.id = t.terminal_id"
          + " LEFT JOIN transfer o ON o.id = t.target_transfer_id";

  public Page search(Filter filter, int offset, int limit) {
    var where = new StringBuilder();
    var args = new ArrayList<Object>();
    where(filter, where, args);
    try (Connection c = dataSource.getConnection()) {
      long count;
      long total;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COUNT(*), COALESCE(SUM(t.amount_yen), 0) FROM transfer t"
                  + " JOIN value_service v ON v.id = t.service_id"
                  + " LEFT JOIN shop s ON s.id = t.shop_id LEFT JOIN terminal m ON m.id = t.terminal_id"
                  + where)) {
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          count = rs.getLong(1);
          total = rs.getLong(2);
        }
      }
      List<Row> rows = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              SELECT
                  + where
                  + " ORDER BY t.created_at DESC, t.id DESC OFFSET "
                  + Math.max(0, offset)
                  + " ROWS FETCH NEXT "
                  + Math.max(1, Math.min(limit, MAX_PAGE))
                  + " ROWS ONLY")) {
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(row(rs));
          }
        }
      }
      return new Page(count, total, rows);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Excel-friendly encodings: UTF-8 with a byte-order mark, or Shift_JIS (Windows-31J). */
  public enum CsvEncoding {
    UTF8_BOM(StandardCharsets.UTF_8),
    SHIFT_JIS(Charset.forName("windows-31j"));

    final Charset charset;

    CsvEncoding(Charset charset) {
      this.charset = charset;
    }
  }

  /**
   * writes every matching transfer as CSV, oldest first, streaming from a database cursor so
   * memory stays constant however many rows there are. Returns the number of rows written.
   */
  @TransactionAttribute(
      TransactionAttributeType.REQUIRED) // PostgreSQL streams only in a transaction
  public long exportCsv(Filter filter, CsvEncoding encoding, OutputStream out) throws IOException {
    var where = new StringBuilder();
    var args = new ArrayList<Object>();
    where(filter, where, args);
    Writer writer = new OutputStreamWriter(out, encoding.charset);
    if (encoding == CsvEncoding.UTF8_BOM) {
      writer.write('\uFEFF');
    }
    long n = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + where + " ORDER BY t.created_at, t.id");
        CSVPrinter csv =
            CSVFormat.DEFAULT
                .builder()
                .setHeader(CSV_COLUMNS.toArray(String[]::new))
                .setRecordSeparator("\r\n")
                .build()
                .print(writer)) {
      ps.setFetchSize(1_000);
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Row r = row(rs);
          csv.printRecord(
              r.tranId(),
              "JIMOTO",
              r.serviceCode(),
              r.serviceName(),
              r.serviceType(),
              r.operation().operationType(),
              r.operation().operationId(),
              r.operation().nameJa(),
              r.businessCode(),
              r.businessName(),
              r.shopCode(),
              r.shopName(),
              r.terminalCode(),
              r.terminalName(),
              r.terminalCode() == null ? null : "POS",
              r.residentId(),
              r.amountYen(),
              r.beforeYen(),
              r.afterYen(),
              r.note(),
              null,
              null,
              r.targetAmountYen(),
              r.targetTranId(),
              r.fromAccount(),
              r.toAccount(),
              r.closed() ? 1 : 0,
              r.status(),
              r.createdAt(),
              r.createdAt());
          n++;
        }
      }
      csv.flush();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return n;
  }

  /** results per day of [from, to] for one service. */
  public List<Result> daily(String serviceCode, LocalDate from, LocalDate to) {
    return results(serviceCode, from, to.plusDays(1), false);
  }

  /** results per month of [from, to] for one service. */
  public List<Result> monthly(String serviceCode, YearMonth from, YearMonth to) {
    return results(serviceCode, from.atDay(1), to.plusMonths(1).atDay(1), true);
  }

  private List<Result> results(
      String serviceCode, LocalDate from, LocalDate toExclusive, boolean monthly) {
    Map<String, Map<Operation, Figure>> byPeriod = new TreeMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT CAST(t.created_at AS DATE), t.operation, SUM(t.amount_yen), COUNT(*)"
                    + " FROM transfer t JOIN value_service v ON v.id = t.service_id"
                    + " WHERE v.code = ? AND t.created_at >= ? AND t.created_at < ?"
                    + " GROUP BY CAST(t.created_at AS DATE), t.operation")) {
      ps.setString(1, serviceCode);
      ps.setTimestamp(2, Timestamp.valueOf(from.atStartOfDay()));
      ps.setTimestamp(3, Timestamp.valueOf(toExclusive.atStartOfDay()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          LocalDate day = rs.getDate(1).toLocalDate();
          String period = monthly ? YearMonth.from(day).toString() : day.toString();
          byPeriod
              .computeIfAbsent(period, p -> new TreeMap<>())
              .merge(
                  Operation.valueOf(rs.getString(2)),
                  new Figure(rs.getLong(3), rs.getLong(4)),
                  (a, b) -> new Figure(a.amountYen() + b.amountYen(), a.count() + b.count()));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return byPeriod.entrySet().stream().map(e -> new Result(e.getKey(), e.getValue())).toList();
  }

  private static void where(Filter f, StringBuilder where, List<Object> args) {
    where.append(" WHERE t.created_at >= ? AND t.created_at < ?");
    args.add(Timestamp.valueOf(f.from()));
    args.add(Timestamp.valueOf(f.to()));
    if (f.residentId() != null) {
      where.append(" AND t.resident_id = ?");
      args.add(f.residentId());
    }
    if (f.tranId() != null) {
      where.append(" AND t.tran_id = ?");
      args.add(f.tranId());
    }
    if (f.serviceCode() != null) {
      where.append(" AND v.code = ?");
      args.add(f.serviceCode());
    }
    if (f.shopCode() != null) {
      where.append(" AND s.code = ?");
      args.add(f.shopCode());
    }
    if (f.terminalCode() != null) {
      where.append(" AND m.code = ?");
      args.add(f.terminalCode());
    }
    if (f.operation() != null) {
      where.append(" AND t.operation = ?");
      args.add(f.operation().name());
    }
    if (f.status() != null) {
      where.append(" AND t.status = ?");
      args.add(f.status());
    }
  }

  private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getString(1),
        rs.getTimestamp(2).toLocalDateTime(),
        rs.getString(3),
        rs.getString(4),
        rs.getInt(5),
        Operation.valueOf(rs.getString(6)),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12),
        nullableLong(rs, 13),
        rs.getLong(14),
        nullableLong(rs, 15),
        nullableLong(rs, 16),
        rs.getString(17),
        nullableLong(rs, 18),
        rs.getString(19),
        rs.getString(20),
        rs.getString(21),
        rs.getBoolean(22),
        rs.getInt(23));
  }
}
