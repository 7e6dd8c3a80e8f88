package org.jimoto.report.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.merchant.boundary.MerchantScope;
import org.jimoto.merchant.boundary.MerchantScopes;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.report.boundary.TransactionReports.CsvEncoding;
import org.jimoto.report.boundary.TransactionReports.Figure;
import org.jimoto.report.boundary.TransactionReports.Figures;
import org.jimoto.report.control.CsvCells;

/**
 * A merchant's daily and monthly results per service (R-72, seed 004 実績管理): amount and count of
 * grant, use, grant-cancel, use-cancel, expired and forfeited, and the sales (use − use-cancel), of
 * the shops the login may see and nothing else; with the seed's daily and monthly CSV
 * layouts. Every day (or month) of the period is listed for every service, with zeros where nothing
 * happened, as the seed's screen does.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class MerchantResults {

  /** A daily list covers at most about three months; a monthly one two years. */
  public static final int MAX_DAYS = 93;

  public static final int MAX_MONTHS = 24;

  /** The operations R-72 reports, in the order of the seed's screen (日付 付与 利用 …). */
  public static final List<Operation> OPERATIONS =
      List.of(
          Operation.GRANT,
          Operation.USE,
          Operation.GRANT_CANCEL,
          Operation.USE_CANCEL,
          Operation.EXPIRE,
          Operation.FORFEIT);

  /**
   * Seed 004 「日別実績CSV」, columns A to M in its order; R-72's expired and forfeited, which the seed
   * shows on screen but not in the file, follow at the end so the seed's columns keep their
   * letters.
   */
  public static final List<String> DAILY_CSV_COLUMNS =
      List.of(
          "date",
          "serviceType",
          "type",
          "service",
          "serviceId",
          "addAmount",
          "addCount",
          "subAmount",
          "subCount",
          "addCancelAmount",
          "addCancelCount",
          "subCancelAmount",
          "subCancelCount",
          "expiredAmount",
          "expiredCount",
          "forfeitedAmount",
          "forfeitedCount");

  /** Seed 004 「月別実績CSV」, columns A to N in its order, then expired and forfeited likewise. */
  public static final List<String> MONTHLY_CSV_COLUMNS;

  static {
    var monthly = new ArrayList<String>(List.of("year", "month"));
    monthly.addAll(DAILY_CSV_COLUMNS.subList(1, DAILY_CSV_COLUMNS.size()));
    MONTHLY_CSV_COLUMNS = List.copyOf(monthly);
  }

  /** The day column as the seed's sheet shows it (a date Excel reads, 2023/11/10 0:00). */
  private static final DateTimeFormatter CSV_DAY =
      DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss");

  /** Days or months. */
  public enum Granularity {
    DAILY,
    MONTHLY
  }

  /**
   * A period asked for: days [from, to] or the months of from to the month of to, inclusive.
   * Bounded, so a list and its CSV stay small.
   */
  public record Period(Granularity granularity, LocalDate from, LocalDate to) {

    public Period {
      if (granularity == null || from == null || to == null) {
        throw new IllegalArgumentException("granularity, from and to are required");
      }
      if (granularity == Granularity.MONTHLY) {
        from = from.withDayOfMonth(1);
        to = to.withDayOfMonth(1);
      }
      if (to.isBefore(from)) {
        throw new IllegalArgumentException("the period ends before it starts");
      }
      if (granularity == Granularity.DAILY && ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
        throw new IllegalArgumentException("at most " + MAX_DAYS + " days");
      }
      if (granularity == Granularity.MONTHLY && ChronoUnit.MONTHS.between(from, to) >= MAX_MONTHS) {
        throw new IllegalArgumentException("at most " + MAX_MONTHS + " months");
      }
    }

    public static Period days(LocalDate from, LocalDate to) {
      return new Period(Granularity.DAILY, from, to);
    }

    public static Period months(YearMonth from, YearMonth to) {
      return new Period(Granularity.MONTHLY, from.atDay(1), to.atDay(1));
    }

    /** The first instant after the period. */
    LocalDate endExclusive() {
      return granularity == Granularity.DAILY ? to.plusDays(1) : to.plusMonths(1);
    }

    /** The first day of each day or month of the period, in order. */
    List<LocalDate> starts() {
      List<LocalDate> starts = new ArrayList<>();
      for (LocalDate d = from; !d.isAfter(to); d = next(d)) {
        starts.add(d);
      }
      return starts;
    }

    LocalDate startOf(LocalDate day) {
      return granularity == Granularity.DAILY ? day : day.withDayOfMonth(1);
    }

    private LocalDate next(LocalDate d) {
      return granularity == Granularity.DAILY ? d.plusDays(1) : d.plusMonths(1);
    }
  }

  /** A value service as the results name it (serviceType 1 money, 2 point, 3 gift certificate). */
  public record Service(String code, String nameJa, String nameEn, int serviceType) {

    /** The type's name as the seed's CSV writes it (ポイント, 商品券). */
    public String typeNameJa() {
      return switch (serviceType) {
        case 1 -> "マネー";
        case 2 -> "ポイント";
        default -> "商品券";
      };
    }
  }

  /**
   * One day's or month's figures of one service.
   *
   * @param start the day, or the first day of the month
   */
  public record Line(LocalDate start, Map<Operation, Figure> byOperation) implements Figures {}

  /** A service's lines over the period, every day or month of it, and their sum. */
  public record ServiceResults(
      Service service, List<Line> lines, Map<Operation, Figure> byOperation) implements Figures {}

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /**
   * The results of the shops the login may see, per service it accepts or that has transfers
   * there in the period; nothing for a login that is no merchant's.
   */
  public List<ServiceResults> forMerchant(String loginName, Period period) {
    try (Connection c = dataSource.getConnection()) {
      MerchantScope scope = MerchantScopes.of(c, loginName);
      if (scope.isNothing()) {
        return List.of();
      }
      return results(c, scope, period);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The same as the seed's CSV (daily or monthly layout), UTF-8 with a byte-order mark or Shift_JIS
   * text cells neutralised against formula injection ({@link CsvCells}).
   *
   * @return the number of rows written
   */
  public int exportCsvForMerchant(
      String loginName, Period period, CsvEncoding encoding, OutputStream out) throws IOException {
    List<ServiceResults> results = forMerchant(loginName, period);
    boolean daily = period.granularity() == Granularity.DAILY;
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, encoding.charset()));
    if (encoding == CsvEncoding.UTF8_BOM) {
      writer.write('\uFEFF');
    }
    int rows = 0;
    try (CSVPrinter csv =
        CSVFormat.DEFAULT
            .builder()
            .setHeader((daily ? DAILY_CSV_COLUMNS : MONTHLY_CSV_COLUMNS).toArray(String[]::new))
            .setRecordSeparator("\r\n")
            .build()
            .print(writer)) {
      // Day by day (month by month), each service under it, as the seed's sheet lists them.
      List<LocalDate> starts = period.starts();
      for (int i = 0; i < starts.size(); i++) {
        LocalDate start = starts.get(i);
        for (ServiceResults r : results) {
          Line line = r.lines().get(i); // every service has a line for every day or month
          List<Object> cells = new ArrayList<>();
          if (daily) {
            cells.add(CSV_DAY.format(start.atStartOfDay()));
          } else {
            cells.add(start.getYear());
            cells.add(start.getMonthValue());
          }
          cells.add(CsvCells.text(r.service().typeNameJa()));
          cells.add(r.service().serviceType());
          cells.add(CsvCells.text(r.service().nameJa()));
          cells.add(CsvCells.text(r.service().code()));
          // add, sub, addCancel, subCancel (the seed's order), expired, forfeited
          for (Operation op : OPERATIONS) {
            cells.add(line.amount(op));
            cells.add(line.count(op));
          }
          csv.printRecord(cells);
          rows++;
        }
      }
      csv.flush();
    }
    return rows;
  }

  private static List<ServiceResults> results(Connection c, MerchantScope scope, Period period)
      throws SQLException {
    Timestamp from = Timestamp.valueOf(period.from().atStartOfDay());
    Timestamp to = Timestamp.valueOf(period.endExclusive().atStartOfDay());
    Map<String, Service> services = services(c, scope, from, to);
    // service code -> period start -> figures
    Map<String, Map<LocalDate, Map<Operation, Figure>>> figures = new LinkedHashMap<>();
    var args = new ArrayList<Object>();
    args.add(from);
    args.add(to);
    String inScope = scope.condition("t", args);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT v.code, CAST(t.created_at AS DATE), t.operation, SUM(t.amount_yen),"
                + " COUNT(DISTINCT t.entry_id)"
                + " FROM transfer t JOIN value_service v ON v.id = t.service_id"
                + " WHERE t.created_at >= ? AND t.created_at < ? AND "
                + inScope
                + " GROUP BY v.code, CAST(t.created_at AS DATE), t.operation")) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Operation op = Operation.valueOf(rs.getString(3));
          if (!OPERATIONS.contains(op)) {
            continue; // charges, payouts, ...: not a shop's results
          }
          figures
              .computeIfAbsent(rs.getString(1), s -> new LinkedHashMap<>())
              .computeIfAbsent(
                  period.startOf(rs.getDate(2).toLocalDate()), d -> new EnumMap<>(Operation.class))
              .merge(op, new Figure(rs.getLong(4), rs.getLong(5)), Figure::plus);
        }
      }
    }
    List<LocalDate> starts = period.starts();
    List<ServiceResults> results = new ArrayList<>();
    for (Service service : services.values()) {
      Map<LocalDate, Map<Operation, Figure>> byStart =
          figures.getOrDefault(service.code(), Map.of());
      Map<Operation, Figure> total = new EnumMap<>(Operation.class);
      List<Line> lines = new ArrayList<>(starts.size());
      for (LocalDate start : starts) {
        Map<Operation, Figure> f = byStart.getOrDefault(start, Map.of());
        f.forEach((op, fig) -> total.merge(op, fig, Figure::plus));
        lines.add(new Line(start, Map.copyOf(f)));
      }
      results.add(new ServiceResults(service, List.copyOf(lines), Map.copyOf(total)));
    }
    return List.copyOf(results);
  }

  /**
   * The services the scope's shops accept, and any other that has transfers there in the period (a
   * service the city has since withdrawn), by code.
   */
  private static Map<String, Service> services(
      Connection c, MerchantScope scope, Timestamp from, Timestamp to) throws SQLException {
    var args = new ArrayList<Object>();
    String accepted = scope.condition("a", args);
    args.add(from);
    args.add(to);
    String transferred = scope.condition("t", args);
    Map<String, Service> services = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT v.code, v.name_ja, v.name_en, v.service_type FROM value_service v"
                + " WHERE v.id IN (SELECT a.service_id FROM shop_accepted_service a WHERE "
                + accepted
                + ") OR v.id IN (SELECT t.service_id FROM transfer t"
                + " WHERE t.created_at >= ? AND t.created_at < ? AND "
                + transferred
                + ") ORDER BY v.code")) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          services.put(
              rs.getString(1),
              new Service(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
        }
      }
    }
    return services;
  }
}
