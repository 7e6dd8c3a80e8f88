package org.jimoto.merchant.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Resolves a merchant login to what it may see and lists the shops and terminals inside that
 * scope, for the merchant portal's filters.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class MerchantScopes {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /** A shop or terminal a merchant may pick in a filter. */
  public record Choice(String code, String name, String shopCode) {}

  /** The login's scope; {@link MerchantScope#NOTHING} for an unknown or disabled login. */
  public MerchantScope of(String loginName) {
    try (Connection c = dataSource.getConnection()) {
      return of(c, loginName);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same, on a connection the caller holds. */
  public static MerchantScope of(Connection c, String loginName) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT business_id, shop_id FROM user_account WHERE portal = 'MERCHANT'"
                + " AND login_name = ? AND enabled = TRUE AND business_id IS NOT NULL")) {
      ps.setString(1, LoginService.normalize(loginName));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return MerchantScope.NOTHING;
        }
        long business = rs.getLong(1);
        long shop = rs.getLong(2);
        return new MerchantScope(
            LoginService.normalize(loginName), business, rs.wasNull() ? null : shop);
      }
    }
  }

  /** The login name as the ledger records it (audit log, cancellation actor). */
  public static String normalized(String loginName) {
    return LoginService.normalize(loginName);
  }

  /** The shops the login may see, by code. */
  public List<Choice> shops(String loginName) {
    return choices(
        loginName, "SELECT t.code, t.name, t.code FROM shop t WHERE ", "t.id", " ORDER BY t.code");
  }

  /** The terminals of the shops the login may see, retired ones too (they are in the history). */
  public List<Choice> terminals(String loginName) {
    return choices(
        loginName,
        "SELECT t.code, t.name, s.code FROM terminal t JOIN shop s ON s.id = t.shop_id WHERE ",
        "t.shop_id",
        " ORDER BY s.code, t.code");
  }

  /**
   * The services the login's shops accept, with their Japanese and English names as name and
   * shopCode (a choice's two labels).
   */
  public List<Choice> services(String loginName) {
    return choices(
        loginName,
        "SELECT DISTINCT v.code, v.name_ja, v.name_en FROM value_service v"
            + " JOIN shop_accepted_service t ON t.service_id = v.id WHERE ",
        "t.shop_id",
        " ORDER BY v.code");
  }

  private List<Choice> choices(String loginName, String select, String shopColumn, String order) {
    try (Connection c = dataSource.getConnection()) {
      MerchantScope scope = of(c, loginName);
      var args = new ArrayList<Object>();
      String where =
          scope.isShopAccount()
              ? shopColumn + " = ?"
              : shopColumn + " IN (SELECT sc.id FROM shop sc WHERE sc.business_id = ?)";
      args.add(scope.isShopAccount() ? scope.shopId() : scope.businessId());
      List<Choice> choices = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(select + where + order)) {
        ps.setObject(1, args.get(0));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            choices.add(new Choice(rs.getString(1), rs.getString(2), rs.getString(3)));
          }
        }
      }
      return choices;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
