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
import org.jimoto.merchant.boundary.MerchantScope;
import org.jimoto.merchant.boundary.MerchantScopes;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.report.control.CsvCells;
import org.jimoto.report.control.ExportSlots;
import org.jimoto.resident.control.ResidentLogins;

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
          "merchantDisplayName",
          "merchantId",
          "shopDisplayName",
          "shopId",
          "terminalDisplayName",
          "terminalId",
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

    /** The same list of one status only (1 = active, 2 = cancelled, R-71). */
    public Filter withStatus(Integer onlyStatus) {
      return new Filter(
          from, to, residentId, tranId, serviceCode, shopCode, terminalCode, operation, onlyStatus);
    }

    /** The same list of every operation and status (for the sales figure). */
    public Filter withAnyOperationAndStatus() {
      return new Filter(
          from, to, residentId, tranId, serviceCode, shopCode, terminalCode, null, null);
    }

    /** a resident's list is always their own. */
    public Filter forResident(long resident) {
      return new Filter(
          from, to, resident, tranId, serviceCode, shopCode, terminalCode, operation, status);
    }

    /** a merchant's list is always limited to its own shop. */
    public Filter forShop(String shop) {
      return new Filter(
          from, to, residentId, tranId, serviceCode, shop, terminalCode, operation, status);
    }
  }

  /** R-71 serviceOperatorId: one operator per deployment ("fixed", seed 004). */
  public static final String SERVICE_OPERATOR_ID = "JIMOTO";

  /** R-71 dates as the seed's screens show them, which Excel reads as dates. */
  private static final java.time.format.DateTimeFormatter CSV_TIME =
      java.time.format.DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss");

  /**
   * One transfer as listed (and exported).
   *
   * @param from where the value came from: the user's UID for a wallet, the terminal's ID
   *     (or the shop's) for a shop, the service operator for the city's accounts
   * @param to where it went, likewise
   * @param updatedAt when the row last changed (an original is cancelled), else its creation
   */
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
      String from,
      String to,
      boolean closed,
      int status,
      LocalDateTime updatedAt,
      long id) {

    /** Where the next page after this row starts (keyset paging). */
    public Cursor key() {
      return new Cursor(createdAt, id);
    }

    /** Whether the value went into the resident's wallet (a charge, a grant, a use cancelled). */
    public boolean creditsResident() {
      return residentId != null && String.valueOf(residentId).equals(to);
    }
  }

  /**
   * A position in the list, newest first: the list goes on with the rows older than this one (or as
   * old, with a lower id). Paging by it reads only the page's rows, however deep it is.
   */
  public record Cursor(LocalDateTime createdAt, long id) {}

  /**
   * Amount and count of one operation. The count is of operations, not of rows: a
   * charge with its premium is one charge, a combined payment one use.
   */
  public record Figure(long amountYen, long count) {
    static final Figure NONE = new Figure(0, 0);

    Figure plus(Figure other) {
      return new Figure(amountYen + other.amountYen, count + other.count);
    }

    Figure minus(Figure other) {
      return new Figure(amountYen - other.amountYen, count - other.count);
    }
  }

  /** Figures per operation, and the sales they make. */
  public interface Figures {
    Map<Operation, Figure> byOperation();

    default Figure figure(Operation op) {
      return byOperation().getOrDefault(op, Figure.NONE);
    }

    default long amount(Operation op) {
      return figure(op).amountYen();
    }

    default long count(Operation op) {
      return figure(op).count();
    }

    /** Sales = use − use-cancel, in amount and in count (seed 004: 売上実績). */
    default Figure sales() {
      return salesOf(byOperation());
    }

    default long salesYen() {
      return sales().amountYen();
    }

    /**
     * The amounts of every operation listed, cancellations subtracted: a payment and its
     * cancellation net to 0, as the sales do.
     */
    default long netYen() {
      return byOperation().entrySet().stream()
          // the city's settlement moves are the shops' sales paid out, not more of them
          .filter(e -> !e.getKey().isSettlement())
          .mapToLong(
              e ->
                  e.getKey().operationType().equals("CANCEL")
                      ? -e.getValue().amountYen()
                      : e.getValue().amountYen())
          .sum();
    }
  }

  /**
   * A page of the list, with the figures over everything the filter matches, not only the page
   * per operation, and for a shop its sales (use − use-cancel).
   *
   * @param count the rows the filter matches (for paging)
   * @param sales use − use-cancel over the filter's period, place, service and user, whatever
   *     operation or status the list is narrowed to
   */
  public record Page(long count, Map<Operation, Figure> byOperation, Figure sales, List<Row> rows)
      implements Figures {}

  /** One day's or month's results of a service. */
  public record Result(String period, Map<Operation, Figure> byOperation) implements Figures {}

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @jakarta.inject.Inject ExportSlots exportSlots;

  private static final String SELECT =
      "SELECT t.tran_id, t.created_at, v.code, v.name_ja, v.service_type, t.operation, b.code,"
          + " b.name, s.code, s.name, m.code, m.name, t.resident_id, t.amount_yen,"
          + " t.wallet_before_yen, t.wallet_after_yen, t.note, o.amount_yen, o.tran_id,"
          + " d.kind, k.kind, t.closed, t.status, t.updated_at, t.id";

  private static final String JOINS =
      " JOIN value_service v ON v.id = t.service_id"
          + " JOIN account d ON d.id = t.debit_account_id JOIN account k ON k.id = t.credit_account_id"
          + " LEFT JOIN shop s ON s.id = t.shop_id LEFT JOIN business b ON b.id = s.business_id"
          + " LEFT JOIN terminal m ON m.id = t.terminal_id"
          + " LEFT JOIN transfer o ON o.id = t.target_transfer_id";

  private static final String NEWEST_FIRST = " ORDER BY t.created_at DESC, t.id DESC";

  /** The city's list (admin): every shop's and resident's transfers. */
  public Page search(Filter filter, int offset, int limit) {
    return search(null, filter, null, offset, limit);
  }

  /**
   * A merchant's list, limited to what the login may see: a shop account its shop, a
   * business account its shops. The filter's shop, terminal or transaction ID can only narrow it.
   *
   * @param after the last row of the page before, to page on by key (fast at any depth); null to
   *     page by {@code offset} (a jump to a page number)
   */
  public Page searchForMerchant(
      String loginName, Filter filter, Cursor after, int offset, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return search(c, MerchantScopes.of(c, loginName), filter, after, offset, limit);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One page of a merchant's list without the figures, for paging a list whose figures are already
   * shown: the figures read every row the filter matches, the page only its own rows.
   */
  public List<Row> rowsForMerchant(
      String loginName, Filter filter, Cursor after, int offset, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return rows(c, MerchantScopes.of(c, loginName), filter, after, offset, limit);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A resident's own history (#10 item 6, R-93): the filter's resident is always the login's, so no
   * id edited into a request can show another's; a login that is no app member sees nothing.
   */
  public Page searchForResident(
      String loginName, Filter filter, Cursor after, int offset, int limit) {
    try (Connection c = dataSource.getConnection()) {
      long resident = ResidentLogins.appMember(c, loginName).orElse(-1L);
      return search(c, null, filter.forResident(resident), after, offset, limit);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One transfer of the login's resident, with the cancellations that reversed it; empty for
   * another resident's, an unknown tranId, or a login that is no app member.
   */
  public record ResidentTransfer(Row row, List<Row> cancellations) {}

  public java.util.Optional<ResidentTransfer> transferForResident(String loginName, String tranId) {
    if (tranId == null || tranId.isBlank() || tranId.length() > 40) {
      return java.util.Optional.empty();
    }
    try (Connection c = dataSource.getConnection()) {
      var resident = ResidentLogins.appMember(c, loginName);
      if (resident.isEmpty()) {
        return java.util.Optional.empty();
      }
      Row row = null;
      try (PreparedStatement ps =
          c.prepareStatement(
              SELECT + " FROM transfer t" + JOINS + " WHERE t.tran_id = ? AND t.resident_id = ?")) {
        ps.setString(1, tranId);
        ps.setLong(2, resident.get());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            row = row(rs);
          }
        }
      }
      if (row == null) {
        return java.util.Optional.empty();
      }
      List<Row> cancellations = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              SELECT
                  + " FROM transfer t"
                  + JOINS
                  + " WHERE t.target_transfer_id = ? AND t.resident_id = ?"
                  + NEWEST_FIRST)) {
        ps.setLong(1, row.id());
        ps.setLong(2, resident.get());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            cancellations.add(row(rs));
          }
        }
      }
      return java.util.Optional.of(new ResidentTransfer(row, List.copyOf(cancellations)));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Page search(MerchantScope scope, Filter filter, Cursor after, int offset, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return search(c, scope, filter, after, offset, limit);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Page search(
      Connection c, MerchantScope scope, Filter filter, Cursor after, int offset, int limit)
      throws SQLException {
    var counted = new long[1];
    Map<Operation, Figure> figures = figures(c, scope, filter, counted);
    // Sales are use − use-cancel of the period and place, whatever operation or status the
    // list is narrowed to (filtering to active uses must not hide the cancellations).
    Filter anyOperation = filter.withAnyOperationAndStatus();
    Figure sales =
        filter.equals(anyOperation)
            ? salesOf(figures)
            : salesOf(figures(c, scope, anyOperation, new long[1]));
    return new Page(counted[0], figures, sales, rows(c, scope, filter, after, offset, limit));
  }

  /**
   * The page's rows. Its ids are found first, on the transfer table alone, where an index on (shop,
   * time, id) or (time, id) answers without reading the table; only the page's rows are then joined
   * to their names. By key, the page starts right after {@code after}; by offset, the skipped rows
   * are index entries only.
   */
  private static List<Row> rows(
      Connection c, MerchantScope scope, Filter filter, Cursor after, int offset, int limit)
      throws SQLException {
    var where = new StringBuilder();
    var args = new ArrayList<Object>();
    where(filter, scope, where, args);
    if (after != null) {
      // The redundant upper bound lets the index range end at the key; the OR orders the ties.
      where.append(" AND t.created_at <= ? AND (t.created_at < ? OR t.id < ?)");
      Timestamp at = Timestamp.valueOf(after.createdAt());
      args.add(at);
      args.add(at);
      args.add(after.id());
    }
    int size = Math.max(1, Math.min(limit, MAX_PAGE));
    String ids =
        "SELECT t.id FROM transfer t"
            + where
            + NEWEST_FIRST
            + (after == null ? " OFFSET " + Math.max(0, offset) + " ROWS" : "")
            + " FETCH FIRST "
            + size
            + " ROWS ONLY";
    List<Row> rows = new ArrayList<>(size);
    try (PreparedStatement ps =
        c.prepareStatement(
            SELECT
                + " FROM ("
                + ids
                + ") p JOIN transfer t ON t.id = p.id"
                + JOINS
                + NEWEST_FIRST)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(row(rs));
        }
      }
    }
    return rows;
  }

  /** Figures per operation over what the filter matches; {@code rows[0]} gets the row count. */
  private static Map<Operation, Figure> figures(
      Connection c, MerchantScope scope, Filter filter, long[] rows) throws SQLException {
    var where = new StringBuilder();
    var args = new ArrayList<Object>();
    where(filter, scope, where, args);
    Map<Operation, Figure> figures = new java.util.EnumMap<>(Operation.class);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.operation, COUNT(*), SUM(t.amount_yen), COUNT(DISTINCT t.entry_id)"
                + " FROM transfer t"
                + where
                + " GROUP BY t.operation")) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows[0] += rs.getLong(2);
          figures.put(Operation.valueOf(rs.getString(1)), new Figure(rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return figures;
  }

  private static Figure salesOf(Map<Operation, Figure> figures) {
    return figures
        .getOrDefault(Operation.USE, Figure.NONE)
        .minus(figures.getOrDefault(Operation.USE_CANCEL, Figure.NONE));
  }

  /** Excel-friendly encodings: UTF-8 with a byte-order mark, or Shift_JIS (Windows-31J). */
  public enum CsvEncoding {
    UTF8_BOM(StandardCharsets.UTF_8),
    /**
     * Windows-31J, the Shift_JIS that Japanese Excel reads. A character it lacks (an emoji, a rare
     * kanji variant) is written as '?', as Excel users expect of this encoding.
     */
    SHIFT_JIS(Charset.forName("windows-31j"));

    final Charset charset;

    CsvEncoding(Charset charset) {
      this.charset = charset;
    }

    public Charset charset() {
      return charset;
    }
  }

  /** R-71 for the city (admin): every matching transfer. */
  @TransactionAttribute(
      TransactionAttributeType.REQUIRED) // PostgreSQL streams only in a transaction
  public long exportCsv(Filter filter, CsvEncoding encoding, OutputStream out) throws IOException {
    try (Connection c = dataSource.getConnection()) {
      return exportCsv(c, null, filter, encoding, out);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * R-71 for a merchant login: only what it may see, as {@link #searchForMerchant}.
   *
   * @throws ExportsBusy before writing anything, when the login has an export running or the node
   *     runs as many as it allows
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public long exportCsvForMerchant(
      String loginName, Filter filter, CsvEncoding encoding, OutputStream out) throws IOException {
    try (ExportSlots.Slot slot = exportSlots.take(loginName).orElseThrow(ExportsBusy::new);
        Connection c = dataSource.getConnection()) {
      return exportCsv(c, MerchantScopes.of(c, loginName), filter, encoding, out);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * writes every matching transfer as CSV, oldest first, streaming from a database cursor (a
   * fetch size in a transaction, which PostgreSQL's driver needs to stream) straight to {@code
   * out}, so memory stays constant however many rows there are. Text cells are neutralised against
   * formula injection, numbers stay numbers ({@link CsvCells}). Returns the number of rows written.
   *
   * <p>The cursor reads the transfer table alone, in the order of its (shop, time, id) or (time,
   * id) index, so the first row goes out at once and no sort or join runs per row (issue #9: ≥
   * 100,000 rows/s). The names of services, shops, businesses and terminals, and which accounts are
   * no wallet, come from a {@link Names} read once, after the cursor is open: it then sees at least
   * every row the cursor can return (none is ever deleted), so each row is named exactly.
   */
  private static long exportCsv(
      Connection c, MerchantScope scope, Filter filter, CsvEncoding encoding, OutputStream out)
      throws IOException, SQLException {
    var where = new StringBuilder();
    var args = new ArrayList<Object>();
    where(filter, scope, where, args);
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, encoding.charset), 1 << 16);
    if (encoding == CsvEncoding.UTF8_BOM) {
      writer.write('\uFEFF');
    }
    long n = 0;
    withoutJit(c);
    try (PreparedStatement ps =
            c.prepareStatement(CSV_SELECT + where + " ORDER BY t.created_at, t.id");
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
        Names names = Names.read(c);
        while (rs.next()) {
          Long resident = nullableLong(rs, 7);
          long shopId = rs.getLong(5);
          String[] shop = rs.wasNull() ? NO_SHOP : names.shop(shopId);
          long terminalId = rs.getLong(6);
          String[] terminal = rs.wasNull() ? NO_NAME : names.terminal(terminalId);
          String[] service = names.service(rs.getLong(3));
          Operation operation = Operation.valueOf(rs.getString(4));
          LocalDateTime created = rs.getObject(2, LocalDateTime.class);
          LocalDateTime updated = rs.getObject(18, LocalDateTime.class);
          csv.printRecord(
              text(rs.getString(1)),
              SERVICE_OPERATOR_ID,
              text(service[0]),
              text(service[1]),
              service[2],
              operation.operationType(),
              operation.operationId(),
              operation.nameJa(),
              text(shop[3]),
              text(shop[2]),
              text(shop[1]),
              text(shop[0]),
              text(terminal[1]),
              text(terminal[0]),
              1, // terminalType: fixed (seed 004)
              resident,
              rs.getLong(8),
              nullableLong(rs, 9),
              nullableLong(rs, 10),
              text(rs.getString(11)),
              null,
              null,
              nullableLong(rs, 12),
              text(rs.getString(13)),
              text(party(names.kind(rs.getLong(14)), resident, terminal[0], shop[0])),
              text(party(names.kind(rs.getLong(15)), resident, terminal[0], shop[0])),
              rs.getBoolean(16) ? 1 : 0,
              rs.getInt(17),
              CSV_TIME.format(created),
              CSV_TIME.format(updated == null ? created : updated));
          n++;
        }
      }
      csv.flush();
    }
    return n;
  }

  /**
   * On PostgreSQL, turns JIT compilation off for the export's transaction: the cursor is a plain
   * index scan that starts at once, and JIT (planned for the whole table's estimate) spent about
   * 150 ms compiling it before the first row (issue #9's benchmark).
   */
  private static void withoutJit(Connection c) throws SQLException {
    if (c.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")) {
      try (var st = c.createStatement()) {
        st.execute("SET LOCAL jit = off");
      }
    }
  }

  /** The export's columns: the transfer's own, and its target's amount and tranId for a cancel. */
  private static final String CSV_SELECT =
      "SELECT t.tran_id, t.created_at, t.service_id, t.operation, t.shop_id, t.terminal_id,"
          + " t.resident_id, t.amount_yen, t.wallet_before_yen, t.wallet_after_yen, t.note,"
          + " CASE WHEN t.target_transfer_id IS NULL THEN NULL ELSE"
          + " (SELECT o.amount_yen FROM transfer o WHERE o.id = t.target_transfer_id) END,"
          + " CASE WHEN t.target_transfer_id IS NULL THEN NULL ELSE"
          + " (SELECT o.tran_id FROM transfer o WHERE o.id = t.target_transfer_id) END,"
          + " t.debit_account_id, t.credit_account_id, t.closed, t.status, t.updated_at"
          + " FROM transfer t";

  private static final String[] NO_SHOP = new String[4];
  private static final String[] NO_NAME = new String[2];

  /**
   * The few named things a transfer refers to, read once per export: services (code, name, type),
   * shops (code, name, business code, business name), terminals (code, name), and the kind of every
   * account that is no wallet (a city account or a shop's receivable). Its size follows the city's
   * shops and services, not the transfers.
   */
  private record Names(
      Map<Long, String[]> services,
      Map<Long, String[]> shops,
      Map<Long, String[]> terminals,
      Map<Long, String> nonWalletKinds) {

    static Names read(Connection c) throws SQLException {
      return new Names(
          read(c, "SELECT id, code, name_ja, service_type FROM value_service", 3),
          read(
              c,
              "SELECT s.id, s.code, s.name, b.code, b.name FROM shop s"
                  + " LEFT JOIN business b ON b.id = s.business_id",
              4),
          read(c, "SELECT id, code, name FROM terminal", 2),
          kinds(c));
    }

    private static Map<Long, String[]> read(Connection c, String sql, int columns)
        throws SQLException {
      Map<Long, String[]> byId = new java.util.HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(sql);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String[] values = new String[columns];
          for (int i = 0; i < columns; i++) {
            values[i] = rs.getString(i + 2);
          }
          byId.put(rs.getLong(1), values);
        }
      }
      return byId;
    }

    private static Map<Long, String> kinds(Connection c) throws SQLException {
      Map<Long, String> byId = new java.util.HashMap<>();
      try (PreparedStatement ps =
              c.prepareStatement("SELECT id, kind FROM account WHERE kind <> 'WALLET'");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byId.put(rs.getLong(1), rs.getString(2));
        }
      }
      return byId;
    }

    String[] service(long id) {
      return services.get(id);
    }

    String[] shop(long id) {
      return shops.get(id);
    }

    String[] terminal(long id) {
      return terminals.get(id);
    }

    String kind(long account) {
      return nonWalletKinds.getOrDefault(account, "WALLET");
    }
  }

  private static String text(String value) {
    return CsvCells.text(value);
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
                "SELECT CAST(t.created_at AS DATE), t.operation, SUM(t.amount_yen),"
                    + " COUNT(DISTINCT t.entry_id)"
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
                  Figure::plus);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return byPeriod.entrySet().stream().map(e -> new Result(e.getKey(), e.getValue())).toList();
  }

  /**
   * The filter as conditions on the transfer table alone: codes are looked up by subqueries that
   * run once, so the indexes on the transfer's own columns serve the list, the figures and the CSV.
   * A merchant's scope is always added; an unknown code matches nothing.
   */
  private static void where(Filter f, MerchantScope scope, StringBuilder where, List<Object> args) {
    where.append(" WHERE t.created_at >= ? AND t.created_at < ?");
    args.add(Timestamp.valueOf(f.from()));
    args.add(Timestamp.valueOf(f.to()));
    if (scope != null) {
      where.append(" AND ").append(scope.condition("t", args));
      // a merchant's list is its shops' transactions; the city's settlement moves
      // (which carry the shop) are in its 振込履歴, not here, and never count as sales.
      where.append(" AND t.operation NOT IN ('SETTLE', 'PAYOUT', 'PAYOUT_REVERSAL')");
    }
    if (f.residentId() != null) {
      where.append(" AND t.resident_id = ?");
      args.add(f.residentId());
    }
    if (f.tranId() != null) {
      where.append(" AND t.tran_id = ?");
      args.add(f.tranId());
    }
    if (f.serviceCode() != null) {
      where.append(" AND t.service_id = (SELECT fv.id FROM value_service fv WHERE fv.code = ?)");
      args.add(f.serviceCode());
    }
    if (f.shopCode() != null) {
      where.append(" AND t.shop_id = (SELECT fs.id FROM shop fs WHERE fs.code = ?)");
      args.add(f.shopCode());
    }
    if (f.terminalCode() != null) {
      where.append(" AND t.terminal_id = (SELECT fm.id FROM terminal fm WHERE fm.code = ?)");
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

  /** Who an account stands for in R-71's from / to. */
  private static String party(String accountKind, Long residentId, String terminal, String shop) {
    return switch (accountKind) {
      case "WALLET" -> String.valueOf(residentId);
      case "SHOP_RECEIVABLE" -> terminal != null ? terminal : shop;
      case "SHOP_PAID_OUT" -> shop; // a payout goes to the shop
      default -> SERVICE_OPERATOR_ID;
    };
  }

  private static Row row(ResultSet rs) throws SQLException {
    Long resident = nullableLong(rs, 13);
    String shop = rs.getString(9);
    String terminal = rs.getString(11);
    LocalDateTime created = rs.getTimestamp(2).toLocalDateTime();
    Timestamp updated = rs.getTimestamp(24);
    return new Row(
        rs.getString(1),
        created,
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
        resident,
        rs.getLong(14),
        nullableLong(rs, 15),
        nullableLong(rs, 16),
        rs.getString(17),
        nullableLong(rs, 18),
        rs.getString(19),
        party(rs.getString(20), resident, terminal, shop),
        party(rs.getString(21), resident, terminal, shop),
        rs.getBoolean(22),
        rs.getInt(23),
        updated == null ? created : updated.toLocalDateTime(),
        rs.getLong(25));
  }
}
