package org.jimoto.settlement.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.merchant.boundary.MerchantScope;
import org.jimoto.merchant.boundary.MerchantScopes;
import org.jimoto.merchant.control.AccountNumber;
import org.jimoto.merchant.control.ZenginCodes;
import org.jimoto.merchant.entity.BankAccount;
import org.jimoto.platform.boundary.CityProfileService;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.statement.control.Statement;

/**
 * What a shop was paid, or will be, per closing (振込履歴, #12 item 6, R-56), and each closing's
 * statement (精算明細書, R-73) as data for the PDF. A merchant login sees its own shops only (R-93: the
 * scope comes from the login name, never from an id the page sends); the city's staff see every
 * shop. Read-only.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SettlementStatements {

  /** The most transfers a history lists at once: about eight years of semi-monthly closings. */
  public static final int MAX_TRANSFERS = 200;

  /**
   * One closing's payment to one shop as the merchant sees it.
   *
   * @param payoutState DUE (to be transferred), PAID, FAILED, CARRIED_OVER or NONE
   * @param payoutDate null while undecided (a published calendar's 未定)
   */
  public record Transfer(
      long lineId,
      String shopCode,
      String shopName,
      String serviceCode,
      String serviceNameJa,
      String serviceNameEn,
      LocalDate periodStart,
      LocalDate periodEnd,
      LocalDate payoutDate,
      long payableYen,
      String payoutState,
      String failureReason,
      LocalDate carriedToPayoutDate,
      LocalDate carriedToPeriodStart,
      LocalDate carriedToPeriodEnd,
      long salesYen,
      long carriedInYen) {

    /** The bank could not transfer it: nothing was paid by this closing. */
    public boolean failed() {
      return "FAILED".equals(payoutState) || "CARRIED_OVER".equals(payoutState);
    }

    /**
     * What this closing transfers (or transferred): its payable amount, 0 if the transfer failed
     * (the amount is paid by the closing it is carried into and counted there once, R-55).
     */
    public long transferYen() {
      return failed() ? 0 : payableYen;
    }
  }

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject CityProfileService city;
  @Inject Clock clock;

  /** The login's shops' closed lines, newest period first. */
  public List<Transfer> transfers(String loginName) {
    try (Connection c = dataSource.getConnection()) {
      MerchantScope scope = MerchantScopes.of(c, loginName);
      if (scope.isNothing()) {
        return List.of();
      }
      List<Object> args = new ArrayList<>();
      String where = scopeCondition(scope, args);
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT l.id, s.code, s.name, v.code, v.name_ja, v.name_en, r.period_start,"
                  // the date the bank was asked for, once the transfer is in a payout file
                  + " r.period_end, COALESCE((SELECT p.transfer_date FROM payout_file_line f"
                  + " JOIN payout_file p ON p.id = f.file_id WHERE f.line_id = l.id),"
                  + " r.payout_date), l.net_due_yen, l.payout_state,"
                  + " l.failure_reason, cr.payout_date, cr.period_start, cr.period_end,"
                  + " l.use_yen - l.use_cancel_yen, l.carried_over_yen"
                  + " FROM settlement_line l JOIN settlement_run r ON r.id = l.run_id"
                  // where a failed transfer was carried to
                  + " LEFT JOIN settlement_line cl ON cl.id = l.carried_to_line_id"
                  + " LEFT JOIN settlement_run cr ON cr.id = cl.run_id"
                  + " JOIN shop s ON s.id = l.shop_id JOIN value_service v ON v.id = r.service_id"
                  + " WHERE l.state = 'CLOSED' AND "
                  + where
                  + " ORDER BY r.period_end DESC, s.code, v.code")) {
        ps.setMaxRows(MAX_TRANSFERS);
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        List<Transfer> transfers = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            transfers.add(
                new Transfer(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getDate(7).toLocalDate(),
                    rs.getDate(8).toLocalDate(),
                    rs.getDate(9) == null ? null : rs.getDate(9).toLocalDate(),
                    rs.getLong(10),
                    rs.getString(11),
                    rs.getString(12),
                    date(rs.getDate(13)),
                    date(rs.getDate(14)),
                    date(rs.getDate(15)),
                    rs.getLong(16),
                    rs.getLong(17)));
          }
        }
        return transfers;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A closed line's statement, if the line is one of the login's shops'. */
  public Optional<Statement> statement(String loginName, long lineId) {
    try (Connection c = dataSource.getConnection()) {
      MerchantScope scope = MerchantScopes.of(c, loginName);
      if (scope.isNothing()) {
        return Optional.empty();
      }
      List<Object> args = new ArrayList<>();
      String where = scopeCondition(scope, args);
      return statement(c, lineId, " AND " + where, args);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Any closed line's statement, for the city's staff. */
  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public Optional<Statement> statementForCity(long lineId) {
    try (Connection c = dataSource.getConnection()) {
      return statement(c, lineId, "", List.of());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The statement of one shop's line of a run, for the city's staff. */
  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public Optional<Statement> statementForCity(long runId, long shopId) {
    try (Connection c = dataSource.getConnection()) {
      return statement(c, runId, shopId);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Optional<Statement> statement(Connection c, long runId, long shopId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM settlement_line WHERE run_id = ? AND shop_id = ?")) {
      ps.setLong(1, runId);
      ps.setLong(2, shopId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? statement(c, rs.getLong(1), "", List.of()) : Optional.empty();
      }
    }
  }

  /** a shop login its shop, a business login every shop of its business. */
  private static String scopeCondition(MerchantScope scope, List<Object> args) {
    if (scope.isShopAccount()) {
      args.add(scope.shopId());
      return "l.shop_id = ?";
    }
    args.add(scope.businessId());
    return "s.business_id = ?";
  }

  private Optional<Statement> statement(
      Connection c, long lineId, String scopeCondition, List<Object> scopeArgs)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.id, s.code, s.name, b.code, b.name, v.name_ja, r.period_start,"
                + " r.period_end, r.close_date, COALESCE(pfile.transfer_date, r.payout_date),"
                + " l.use_count, l.use_yen, l.use_cancel_count, l.use_cancel_yen,"
                + " l.carried_over_yen, ba.bank_name, ba.branch_name, ba.account_type,"
                + " ba.account_number, ba.holder_kana,"
                + " CAST(l.closed_at AS DATE), v.code, l.payout_state, l.failure_reason,"
                + " cr.period_start, cr.period_end, cr.payout_date, pf.bank_code, pf.branch_code,"
                + " pf.account_type, pf.account_number, pf.holder_kana"
                + " FROM settlement_line l JOIN settlement_run r ON r.id = l.run_id"
                // where a failed transfer was carried to
                + " LEFT JOIN settlement_line cl ON cl.id = l.carried_to_line_id"
                + " LEFT JOIN settlement_run cr ON cr.id = cl.run_id"
                + " JOIN shop s ON s.id = l.shop_id JOIN business b ON b.id = s.business_id"
                + " JOIN value_service v ON v.id = r.service_id"
                + " LEFT JOIN business_bank_account ba ON ba.business_id = s.business_id"
                // a transfer in a payout file went to the account written there
                + " LEFT JOIN payout_file_line pf ON pf.line_id = l.id LEFT JOIN payout_file pfile ON pfile.id = pf.file_id"
                + " WHERE l.id = ? AND l.state = 'CLOSED'"
                + scopeCondition)) {
      ps.setLong(1, lineId);
      for (int i = 0; i < scopeArgs.size(); i++) {
        ps.setObject(i + 2, scopeArgs.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String account =
            rs.getString(28) != null
                ? account(
                    ZenginCodes.bank(rs.getString(28))
                        .map(ZenginCodes.Bank::name)
                        .orElse(rs.getString(28)),
                    ZenginCodes.branch(rs.getString(28), rs.getString(29))
                        .map(ZenginCodes.Branch::name)
                        .orElse(rs.getString(29)),
                    rs.getInt(30),
                    rs.getString(31),
                    rs.getString(32))
                : rs.getString(16) == null
                    ? null
                    : account(
                        rs.getString(16),
                        rs.getString(17),
                        rs.getInt(18),
                        rs.getString(19),
                        rs.getString(20));
        LocalDate closedOn = rs.getDate(21) == null ? null : rs.getDate(21).toLocalDate();
        return Optional.of(
            new Statement(
                city.profile().cityJa(),
                city.profile().currencyJa(),
                // run, service and shop: one statement per closing and shop
                String.format("%06d-%s-%s", rs.getLong(1), rs.getString(22), rs.getString(2)),
                closedOn == null ? LocalDate.now(clock) : closedOn,
                rs.getString(4),
                rs.getString(5),
                rs.getString(2),
                rs.getString(3),
                rs.getDate(7).toLocalDate(),
                rs.getDate(8).toLocalDate(),
                rs.getDate(9).toLocalDate(),
                rs.getDate(10) == null ? null : rs.getDate(10).toLocalDate(),
                account,
                List.of(
                    new Statement.Line(
                        rs.getString(6),
                        rs.getLong(11),
                        rs.getLong(12),
                        rs.getLong(13),
                        rs.getLong(14))),
                rs.getLong(15),
                new Statement.Outcome(
                    rs.getString(23),
                    rs.getString(24),
                    date(rs.getDate(25)),
                    date(rs.getDate(26)),
                    date(rs.getDate(27)))));
      }
    }
  }

  /** The payee account as printed: bank, branch, type, the number's last 3 digits, holder. */
  private static String account(
      String bank, String branch, int type, String number, String holder) {
    return bank
        + " "
        + branch
        + " "
        + typeJa(BankAccount.Type.ofCode(type))
        + " "
        + AccountNumber.masked(number)
        + " "
        + holder;
  }

  /** 預金種目 as a bank statement names it. */
  private static LocalDate date(java.sql.Date d) {
    return d == null ? null : d.toLocalDate();
  }

  static String typeJa(BankAccount.Type type) {
    return switch (type) {
      case ORDINARY -> "普通";
      case CURRENT -> "当座";
      case SAVINGS -> "貯蓄";
    };
  }
}
