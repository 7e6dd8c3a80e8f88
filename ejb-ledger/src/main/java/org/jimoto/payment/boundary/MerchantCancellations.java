package org.jimoto.payment.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.merchant.boundary.MerchantScope;
import org.jimoto.merchant.boundary.MerchantScopes;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Cancellation from the merchant portal's history (R-40..R-44): by a transaction ID the list shows,
 * for a merchant login, within what that login may see.
 *
 * <p>The confirmation first asks {@link #check} what would be cancelled: the payment's tranId,
 * shop, amount and time, for the staff to match against the resident's screen, or why it
 * cannot be. {@link #cancel} checks again and then cancels through {@link PaymentService}, which
 * checks a third time under the payment's row lock: the answer a confirmation showed may be stale.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // PaymentService has its own
public class MerchantCancellations {

  @EJB PaymentService payments;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /**
   * A payment as its cancellation's confirmation shows it.
   *
   * @param tranId the row the merchant chose (one leg of a combined payment, R-33)
   * @param amountYen the whole payment, every leg: all of it is cancelled
   */
  public record Details(
      String tranId,
      String paymentId,
      String shopCode,
      String shopName,
      String terminalCode,
      String terminalName,
      long amountYen,
      LocalDateTime createdAt,
      List<PaymentView.Leg> legs) {}

  /** What {@link #check} found. */
  public sealed interface Check {
    record Cancellable(Details details) implements Check {}

    record Refused(Refusal refusal) implements Check {}
  }

  /**
   * Whether the login may cancel the payment of this transaction ID, and if so what it is. Refused
   * when there is no such transaction (PAYMENT_NOT_FOUND), it is another shop's
   * (NOT_THIS_SHOPS_PAYMENT, R-93), a cancellation itself (CANCEL_OF_CANCEL, R-42), not a payment,
   * already cancelled (ALREADY_CANCELLED, R-44) or covered by a settlement close
   * (SETTLEMENT_CLOSED, R-41).
   */
  public Check check(String merchantLogin, String tranId) {
    if (tranId == null || tranId.isBlank() || tranId.length() > 40) {
      return new Check.Refused(Refusal.PAYMENT_NOT_FOUND);
    }
    try (Connection c = dataSource.getConnection()) {
      MerchantScope scope = MerchantScopes.of(c, merchantLogin);
      long entryId;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT t.operation, t.entry_id, t.shop_id, s.business_id FROM transfer t"
                  + " LEFT JOIN shop s ON s.id = t.shop_id WHERE t.tran_id = ?")) {
        ps.setString(1, tranId.strip());
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || scope.isNothing()) {
            return new Check.Refused(Refusal.PAYMENT_NOT_FOUND);
          }
          long shop = rs.getLong(3);
          boolean inScope =
              !rs.wasNull()
                  && (scope.isShopAccount()
                      ? shop == scope.shopId()
                      : rs.getLong(4) == scope.businessId());
          if (!inScope) {
            // Said plainly: a transaction ID is random and found only on a receipt or a screen.
            return new Check.Refused(Refusal.NOT_THIS_SHOPS_PAYMENT);
          }
          Operation operation = Operation.valueOf(rs.getString(1));
          if (operation.isCancellation()) {
            return new Check.Refused(Refusal.CANCEL_OF_CANCEL);
          }
          if (operation != Operation.USE) {
            return new Check.Refused(Refusal.PAYMENT_NOT_FOUND);
          }
          entryId = rs.getLong(2);
        }
      }
      return payment(c, tranId.strip(), entryId);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Check payment(Connection c, String tranId, long entryId) throws SQLException {
    Details details;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT p.payment_ref, p.status, s.code, s.name, m.code, m.name, p.amount_yen,"
                + " p.created_at FROM payment p JOIN shop s ON s.id = p.shop_id"
                + " JOIN terminal m ON m.id = p.terminal_id WHERE p.entry_id = ?")) {
      ps.setLong(1, entryId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return new Check.Refused(Refusal.PAYMENT_NOT_FOUND);
        }
        if (!"COMPLETED".equals(rs.getString(2))) {
          return new Check.Refused(Refusal.ALREADY_CANCELLED);
        }
        details =
            new Details(
                tranId,
                rs.getString(1),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getLong(7),
                rs.getTimestamp(8).toLocalDateTime(),
                new ArrayList<>());
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.tran_id, v.code, t.amount_yen, t.wallet_after_yen, t.closed FROM transfer t"
                + " JOIN value_service v ON v.id = t.service_id WHERE t.entry_id = ?"
                + " ORDER BY t.service_id")) {
      ps.setLong(1, entryId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getBoolean(5)) {
            return new Check.Refused(Refusal.SETTLEMENT_CLOSED);
          }
          details
              .legs()
              .add(
                  new PaymentView.Leg(
                      rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return new Check.Cancellable(
        new Details(
            details.tranId(),
            details.paymentId(),
            details.shopCode(),
            details.shopName(),
            details.terminalCode(),
            details.terminalName(),
            details.amountYen(),
            details.createdAt(),
            List.copyOf(details.legs())));
  }

  /**
   * Cancels the whole payment of this transaction ID, every leg, for a merchant login that
   * may, audit-logged with the login and the reason.
   */
  public PaymentOutcome cancel(String merchantLogin, String tranId, String reason) {
    Check check = check(merchantLogin, tranId);
    if (check instanceof Check.Refused refused) {
      return new PaymentOutcome.Refused(refused.refusal(), new Object[0]);
    }
    Details details = ((Check.Cancellable) check).details();
    long shopId;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM shop WHERE code = ?")) {
      ps.setString(1, details.shopCode());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        shopId = rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return payments.cancel(
        shopId,
        details.paymentId(),
        "merchant:" + MerchantScopes.normalized(merchantLogin),
        reason);
  }
}
