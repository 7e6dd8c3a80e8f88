package org.jimoto.ledger.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jimoto.platform.boundary.DatabaseMigrator;

/** A resident's balances per service, with the lots and their expiry dates (R-10..R-13). */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BalanceQuery {

  public record Balance(String serviceCode, long balanceYen, List<Lot> lots) {

    /**
     * The balance by last valid day, earliest first (#10 item 2: "1,000 pt は 2027-03-31 まで"): the
     * remaining value of the lots that expire on the same day, added up.
     */
    public List<Expiring> byExpiry() {
      java.util.Map<LocalDate, Long> days = new java.util.TreeMap<>();
      for (Lot lot : lots) {
        days.merge(lot.expiresOn(), lot.remainingYen(), Long::sum);
      }
      return days.entrySet().stream().map(e -> new Expiring(e.getKey(), e.getValue())).toList();
    }

    /** What expires first, if anything is left. */
    public java.util.Optional<Expiring> nextExpiring() {
      return byExpiry().stream().findFirst();
    }
  }

  /** Value that stays valid until {@code expiresOn} (inclusive). */
  public record Expiring(LocalDate expiresOn, long amountYen) {}

  /** A service's name and unit label, as balances are shown. */
  public record ServiceLabel(String code, LocalizedName name, LocalizedName unit) {}

  public record Lot(String kind, long amountYen, long remainingYen, LocalDate expiresOn) {}

  /** A bonus earned by a charge and not yet paid, shown as "coming on …". */
  public record PendingBonus(String serviceCode, long amountYen, LocalDate dueOn) {}

  /** What a resident's home page shows of their money (#10 item 2). */
  public record Overview(List<Balance> balances, List<PendingBonus> pendingBonuses) {}

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @jakarta.inject.Inject org.jimoto.resident.control.ResidentLogins logins;

  /**
   * The balances and pending bonuses of the resident of a resident-portal login (R-93: never of an
   * id the page sent); empty for a login that is no app member.
   */
  public java.util.Optional<Overview> ofLogin(String loginName) {
    return logins.appMember(loginName).map(id -> new Overview(balances(id), pendingBonuses(id)));
  }

  public List<Balance> balances(long residentId) {
    List<Balance> result = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT a.id, v.code, w.balance_yen FROM account a JOIN wallet w"
                    + " ON w.account_id = a.id JOIN value_service v ON v.id = a.service_id"
                    + " WHERE a.resident_id = ? AND a.kind = 'WALLET' ORDER BY v.id")) {
      ps.setLong(1, residentId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(new Balance(rs.getString(2), rs.getLong(3), lots(c, rs.getLong(1))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return result;
  }

  /** Every service's name and unit, by code, in the services' order. */
  public java.util.Map<String, ServiceLabel> serviceLabels() {
    java.util.Map<String, ServiceLabel> labels = new java.util.LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT code, name_ja, name_en, unit_ja, unit_en FROM value_service ORDER BY id")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          labels.put(
              rs.getString(1),
              new ServiceLabel(
                  rs.getString(1),
                  new LocalizedName(rs.getString(2), rs.getString(3)),
                  new LocalizedName(rs.getString(4), rs.getString(5))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return labels;
  }

  public long balance(long residentId, String serviceCode) {
    return balances(residentId).stream()
        .filter(b -> b.serviceCode().equals(serviceCode))
        .mapToLong(Balance::balanceYen)
        .sum();
  }

  /** The resident's bonuses not yet paid, earliest first. */
  public List<PendingBonus> pendingBonuses(long residentId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT v.code, b.amount_yen, b.due_on FROM pending_bonus b"
                    + " JOIN value_service v ON v.id = b.service_id"
                    + " WHERE b.resident_id = ? AND b.granted_entry_id IS NULL"
                    + " ORDER BY b.due_on, b.id")) {
      ps.setLong(1, residentId);
      List<PendingBonus> pending = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          pending.add(
              new PendingBonus(rs.getString(1), rs.getLong(2), rs.getDate(3).toLocalDate()));
        }
      }
      return pending;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Lot> lots(Connection c, long account) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT kind, amount_yen, remaining_yen, expires_on FROM value_lot"
                + " WHERE account_id = ? AND remaining_yen > 0 ORDER BY expires_on, id")) {
      ps.setLong(1, account);
      List<Lot> lots = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lots.add(
              new Lot(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDate(4).toLocalDate()));
        }
      }
      return lots;
    }
  }
}
