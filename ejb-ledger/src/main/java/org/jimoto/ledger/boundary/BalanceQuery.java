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

  public record Balance(String serviceCode, long balanceYen, List<Lot> lots) {}

  public record Lot(String kind, long amountYen, long remainingYen, LocalDate expiresOn) {}

  /** A bonus earned by a charge and not yet paid, shown as "coming on …". */
  public record PendingBonus(String serviceCode, long amountYen, LocalDate dueOn) {}

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

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
