package org.jimoto.report.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
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
import java.time.Clock;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.report.boundary.TransactionReports.Figure;

/**
 * The city's dashboard (ダッシュボード, issue #11 item 8): what residents hold, per service, with the paid
 * value apart from the premium and the free points; charges, payments and expiries per day; who is
 * active; and the unused-balance report (未使用残高) at a base date such as 31 March or 30 September,
 * which a prepaid issuer reports under the Payment Services Act. Read-only.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CityDashboard {

  /** The longest period the daily figures cover at once. */
  public static final int MAX_DAYS = 366;

  /** How many categories the "top categories" list shows. */
  public static final int TOP_CATEGORIES = 5;

  /**
   * What residents' wallets of one service hold: paid value (charged or bought: 有償), the premium
   * given on charges (プレミアム分) and granted points (無償ポイント).
   */
  public record ServiceBalance(
      String serviceCode, LocalizedName name, long paidYen, long premiumYen, long grantedYen) {
    public long totalYen() {
      return paidYen + premiumYen + grantedYen;
    }

    /** Premium and granted points together: the free value (無償分). */
    public long freeYen() {
      return premiumYen + grantedYen;
    }
  }

  /** One day's charges, payments (uses), use-cancels and expiries, in amount and count. */
  public record DayFigures(
      LocalDate day, Figure charges, Figure uses, Figure useCancels, Figure expiries) {}

  /** Sales (use − use-cancel) of one shop category (業種) over a period. */
  public record CategorySales(String category, long salesYen, long payments) {}

  /**
   * Who was active over a period: residents who charged or paid, shops that were paid, and the
   * categories that sold most.
   */
  public record Activity(long residents, long shops, List<CategorySales> topCategories) {}

  /** A period's sums of {@link DayFigures}: charges, payments net of their cancels, expiries. */
  public record Totals(long chargesYen, long netUsesYen, long expiriesYen) {
    public static Totals of(List<DayFigures> days) {
      long charges = 0;
      long uses = 0;
      long expiries = 0;
      for (DayFigures d : days) {
        charges += d.charges().amountYen();
        uses += d.uses().amountYen() - d.useCancels().amountYen(); // sales = use − use-cancel
        expiries += d.expiries().amountYen();
      }
      return new Totals(charges, uses, expiries);
    }
  }

  /** The base dates of the Payment Services Act's reports: 31 March and 30 September. */
  private static final MonthDay MARCH_END = MonthDay.of(3, 31);

  private static final MonthDay SEPTEMBER_END = MonthDay.of(9, 30);

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;

  /**
   * The unused-balance report's base date from a form's text (yyyy-MM-dd): a date from 2000 up to
   * today (a future day has no balance yet); empty for anything else.
   */
  public Optional<LocalDate> unusedBaseDate(String text) {
    if (text == null || text.length() != 10) {
      return Optional.empty();
    }
    try {
      LocalDate date = LocalDate.parse(text);
      return date.isAfter(LocalDate.now(clock)) || date.getYear() < 2000
          ? Optional.empty()
          : Optional.of(date);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The unused-balance report's default base date: the latest 31 March or 30 September before
   * today.
   */
  public LocalDate defaultUnusedBaseDate() {
    return defaultBaseDate(LocalDate.now(clock));
  }

  static LocalDate defaultBaseDate(LocalDate today) {
    LocalDate september = SEPTEMBER_END.atYear(today.getYear());
    LocalDate march = MARCH_END.atYear(today.getYear());
    if (september.isBefore(today)) {
      return september;
    }
    return march.isBefore(today) ? march : SEPTEMBER_END.atYear(today.getYear() - 1);
  }

  /** What every service's wallets hold now. */
  public List<ServiceBalance> outstanding() {
    try (Connection c = dataSource.getConnection()) {
      Map<String, long[]> sums = new TreeMap<>();
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT a.service_id, l.kind, SUM(l.remaining_yen) FROM value_lot l"
                      + " JOIN account a ON a.id = l.account_id GROUP BY a.service_id, l.kind");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          add(sums, rs.getLong(1), rs.getString(2), rs.getLong(3));
        }
      }
      return balances(c, sums);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What every service's wallets held at the end of {@code baseDate} (Tokyo time), paid and free
   * apart. Read from the lots and what each transfer took from or gave back to them: a lot
   * created before the cut-off, less what debits before it took, plus what cancellations before it
   * gave back. At today's end it equals {@link #outstanding()} when nothing is dated later.
   */
  public List<ServiceBalance> unusedAt(LocalDate baseDate) {
    Timestamp cutOff = Timestamp.valueOf(baseDate.plusDays(1).atStartOfDay());
    try (Connection c = dataSource.getConnection()) {
      Map<String, long[]> sums = new TreeMap<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT a.service_id, l.kind, SUM(l.amount_yen) FROM value_lot l"
                  + " JOIN transfer o ON o.id = l.origin_transfer_id"
                  + " JOIN account a ON a.id = l.account_id"
                  + " WHERE o.created_at < ? GROUP BY a.service_id, l.kind")) {
        ps.setTimestamp(1, cutOff);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            add(sums, rs.getLong(1), rs.getString(2), rs.getLong(3));
          }
        }
      }
      // A transfer's allocation takes from a lot of the account it debits, or gives back to a
      // lot of the account it credits (a cancellation, R-43).
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT a.service_id, l.kind, SUM(CASE WHEN l.account_id = t.credit_account_id"
                  + " THEN x.amount_yen ELSE -x.amount_yen END) FROM lot_allocation x"
                  + " JOIN transfer t ON t.id = x.transfer_id"
                  + " JOIN value_lot l ON l.id = x.lot_id"
                  + " JOIN account a ON a.id = l.account_id"
                  + " WHERE t.created_at < ? GROUP BY a.service_id, l.kind")) {
        ps.setTimestamp(1, cutOff);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            add(sums, rs.getLong(1), rs.getString(2), rs.getLong(3));
          }
        }
      }
      return balances(c, sums);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CSV columns of the unused-balance report. */
  public static final List<String> UNUSED_CSV_COLUMNS =
      List.of(
          "baseDate",
          "serviceId",
          "serviceDisplayName",
          "paidValue",
          "premiumValue",
          "grantedValue",
          "freeValue",
          "totalValue");

  /**
   * The unused-balance report at {@code baseDate} as CSV (UTF-8 with a byte-order mark, which Excel
   * reads): one row per service, then a row of totals. Returns the number of service rows.
   */
  public int writeUnusedCsv(LocalDate baseDate, OutputStream out) throws IOException {
    List<ServiceBalance> balances = unusedAt(baseDate);
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    writer.write('\uFEFF');
    try (CSVPrinter csv =
        CSVFormat.DEFAULT
            .builder()
            .setHeader(UNUSED_CSV_COLUMNS.toArray(String[]::new))
            .setRecordSeparator("\r\n")
            .build()
            .print(writer)) {
      long paid = 0;
      long premium = 0;
      long granted = 0;
      for (ServiceBalance b : balances) {
        csv.printRecord(
            baseDate,
            org.jimoto.report.control.CsvCells.text(b.serviceCode()),
            org.jimoto.report.control.CsvCells.text(b.name().ja()),
            b.paidYen(),
            b.premiumYen(),
            b.grantedYen(),
            b.freeYen(),
            b.totalYen());
        paid += b.paidYen();
        premium += b.premiumYen();
        granted += b.grantedYen();
      }
      csv.printRecord(
          baseDate,
          "TOTAL",
          "合計",
          paid,
          premium,
          granted,
          premium + granted,
          paid + premium + granted);
      csv.flush();
    }
    return balances.size();
  }

  /** Charges, uses, use-cancels and expiries per day of [from, to], every day listed. */
  public List<DayFigures> daily(LocalDate from, LocalDate to) {
    if (from == null || to == null || to.isBefore(from) || from.plusDays(MAX_DAYS).isBefore(to)) {
      throw new IllegalArgumentException("a period of at most " + MAX_DAYS + " days is required");
    }
    Map<LocalDate, Map<Operation, Figure>> byDay = new TreeMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT CAST(t.created_at AS DATE), t.operation, SUM(t.amount_yen),"
                    + " COUNT(DISTINCT t.entry_id) FROM transfer t"
                    + " WHERE t.created_at >= ? AND t.created_at < ?"
                    + " AND t.operation IN ('CHARGE', 'USE', 'USE_CANCEL', 'EXPIRE')"
                    + " GROUP BY CAST(t.created_at AS DATE), t.operation")) {
      ps.setTimestamp(1, Timestamp.valueOf(from.atStartOfDay()));
      ps.setTimestamp(2, Timestamp.valueOf(to.plusDays(1).atStartOfDay()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byDay
              .computeIfAbsent(rs.getDate(1).toLocalDate(), d -> new EnumMap<>(Operation.class))
              .put(Operation.valueOf(rs.getString(2)), new Figure(rs.getLong(3), rs.getLong(4)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    List<DayFigures> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      Map<Operation, Figure> f = byDay.getOrDefault(d, Map.of());
      days.add(
          new DayFigures(
              d,
              f.getOrDefault(Operation.CHARGE, Figure.NONE),
              f.getOrDefault(Operation.USE, Figure.NONE),
              f.getOrDefault(Operation.USE_CANCEL, Figure.NONE),
              f.getOrDefault(Operation.EXPIRE, Figure.NONE)));
    }
    return days;
  }

  /** Who was active in [from, to]: see {@link Activity}. */
  public Activity activity(LocalDate from, LocalDate to) {
    Timestamp start = Timestamp.valueOf(from.atStartOfDay());
    Timestamp end = Timestamp.valueOf(to.plusDays(1).atStartOfDay());
    try (Connection c = dataSource.getConnection()) {
      long residents;
      long shops;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COUNT(DISTINCT t.resident_id) FROM transfer t WHERE t.created_at >= ?"
                  + " AND t.created_at < ? AND t.operation IN ('CHARGE', 'USE')")) {
        ps.setTimestamp(1, start);
        ps.setTimestamp(2, end);
        residents = single(ps);
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COUNT(DISTINCT t.shop_id) FROM transfer t WHERE t.created_at >= ?"
                  + " AND t.created_at < ? AND t.operation = 'USE'")) {
        ps.setTimestamp(1, start);
        ps.setTimestamp(2, end);
        shops = single(ps);
      }
      List<CategorySales> top = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT COALESCE(s.category, 'OTHER'), SUM(CASE WHEN t.operation = 'USE'"
                  + " THEN t.amount_yen ELSE -t.amount_yen END),"
                  + " COUNT(DISTINCT CASE WHEN t.operation = 'USE' THEN t.entry_id END)"
                  + " FROM transfer t JOIN shop s ON s.id = t.shop_id"
                  + " WHERE t.created_at >= ? AND t.created_at < ?"
                  + " AND t.operation IN ('USE', 'USE_CANCEL')"
                  + " GROUP BY COALESCE(s.category, 'OTHER') ORDER BY 2 DESC, 1")) {
        ps.setTimestamp(1, start);
        ps.setTimestamp(2, end);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next() && top.size() < TOP_CATEGORIES) {
            top.add(new CategorySales(rs.getString(1), rs.getLong(2), rs.getLong(3)));
          }
        }
      }
      return new Activity(residents, shops, List.copyOf(top));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long single(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Adds a lot kind's sum to its service: [paid, premium, granted]. */
  private static void add(Map<String, long[]> sums, long serviceId, String lotKind, long yen) {
    long[] s = sums.computeIfAbsent(String.valueOf(serviceId), k -> new long[3]);
    switch (lotKind) {
      case "PREMIUM" -> s[1] += yen;
      case "GRANT" -> s[2] += yen;
      default -> s[0] += yen; // CHARGED, PURCHASE: paid for
    }
  }

  /** Every service, in its order, with its sums (zero when its wallets hold nothing). */
  private static List<ServiceBalance> balances(Connection c, Map<String, long[]> sums)
      throws SQLException {
    Map<String, ServiceBalance> byId = new LinkedHashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT id, code, name_ja, name_en FROM value_service ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long[] s = sums.getOrDefault(String.valueOf(rs.getLong(1)), new long[3]);
        byId.put(
            rs.getString(1),
            new ServiceBalance(
                rs.getString(2),
                new LocalizedName(rs.getString(3), rs.getString(4)),
                s[0],
                s[1],
                s[2]));
      }
    }
    return List.copyOf(byId.values());
  }
}
