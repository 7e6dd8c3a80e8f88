package org.jimoto.payment.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.merchant.control.TerminalGuard;
import org.jimoto.payment.control.CardsNotTakenHere;
import org.jimoto.payment.control.DuplicateRequestException;
import org.jimoto.payment.control.PaymentProcessor;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Takes, reads and cancels payments for terminals and shops. Each payment or cancellation is one
 * transaction, begun and ended here around {@link PaymentProcessor}, so that after a rollback the
 * idempotency rules can still be applied: a request whose key was used before gets the
 * original answer, never a second charge.
 *
 * <p>The transaction is demarcated by hand rather than by a second EJB: on the payment path each
 * EJB call cost more CPU than the ledger's own work (see the README's performance section).
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class PaymentService {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:\\-]{1,100}");

  /** A page of payments is bounded, like everything else (style guide). */
  public static final int MAX_PAGE = 500;

  private static final Logger LOG = Logger.getLogger(PaymentService.class.getName());

  @Inject PaymentProcessor processor;
  @Inject TerminalGuard guard;
  @Inject AuditLog audit;
  @Inject Event<PaymentReceived> received;

  @Resource UserTransaction transaction;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  public PaymentOutcome pay(PaymentRequest request) {
    return pay(request, () -> processor.pay(request), true);
  }

  /**
   * a payment an app member makes on their own phone at a store QR code (the resident
   * portal's pay page, #10 item 4), with the same idempotency and the same announcement to
   * the shop's screens as a terminal's. The resident comes from the caller's login ({@link
   * ResidentPayments}), never from the request. Its refusals are not counted against the terminal:
   * the payer was not guessed, it is the logged-in resident. Web modules call {@link
   * ResidentPayments#pay}, which takes the resident from the login.
   */
  public PaymentOutcome payAsResident(long residentId, PaymentRequest request) {
    return pay(request, () -> processor.payAsResident(residentId, request), false);
  }

  private PaymentOutcome pay(
      PaymentRequest request, Supplier<PaymentView> work, boolean countLookups) {
    if (request.idempotencyKey() == null || request.idempotencyKey().isEmpty()) {
      return refused(Refusal.IDEMPOTENCY_KEY_MISSING);
    }
    if (!KEY.matcher(request.idempotencyKey()).matches()) {
      return refused(Refusal.IDEMPOTENCY_KEY_INVALID);
    }
    PaymentView paid;
    try {
      paid = inTransaction(work);
    } catch (RefusedException e) {
      if (countLookups && TerminalGuard.counts(e.refusal()) && !(e instanceof CardsNotTakenHere)) {
        countRefusedLookup(request, e.refusal());
      }
      return new PaymentOutcome.Refused(e.refusal(), e.args());
    } catch (DuplicateRequestException e) {
      return replay(request).orElseThrow(() -> new IllegalStateException("lost duplicate"));
    }
    announce(paid);
    return new PaymentOutcome.Done(paid);
  }

  /**
   * the shop's screens are told of the payment once it is committed (here: {@link
   * #inTransaction} has returned). Asynchronous and with what the payment already holds, so the
   * payment path adds no query and does not wait; a failure to tell is logged, the payment stands.
   */
  private void announce(PaymentView paid) {
    try {
      received.fireAsync(new PaymentReceived(paid));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "payment " + paid.paymentId() + " not announced", e);
    }
  }

  /**
   * #8 finding 5: a refused card or QR lookup is counted against the terminal in a transaction of
   * its own, begun after the refused payment's was rolled back, so the count stays. Failing to
   * count does not change the answer, which is the refusal either way.
   */
  private void countRefusedLookup(PaymentRequest request, Refusal refusal) {
    String id = request.idempotencyKey() + "|" + request.fingerprint();
    try {
      inTransaction(() -> guard.countRefusedLookup(request.terminalId(), id, refusal));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "refused lookup not counted, terminal " + request.terminalId(), e);
    }
  }

  /** Runs {@code work} in a new transaction: committed if it returns, rolled back if it throws. */
  private <T> T inTransaction(Supplier<T> work) {
    try {
      transaction.begin();
    } catch (Exception e) {
      throw new IllegalStateException("cannot begin a transaction", e);
    }
    T result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      rollback();
      throw e;
    }
    try {
      transaction.commit();
    } catch (Exception e) {
      rollback();
      throw new IllegalStateException("commit failed: " + e.getMessage(), e);
    }
    return result;
  }

  private void rollback() {
    try {
      if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
        transaction.rollback();
      }
    } catch (SystemException | IllegalStateException | SecurityException e) {
      // The transaction is gone either way; the original failure is what the caller needs.
    }
  }

  /** the same key again → the original payment, or a refusal if the request differs. */
  private Optional<PaymentOutcome> replay(PaymentRequest request) {
    Optional<String[]> earlier = findByKey(request.terminalId(), request.idempotencyKey());
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    if (!earlier.get()[1].equals(request.fingerprint())) {
      return Optional.of(refused(Refusal.IDEMPOTENCY_KEY_REUSED));
    }
    return find(earlier.get()[0]).map(p -> new PaymentOutcome.Done(p.asReplay()));
  }

  /**
   * Cancels the shop's own payment, every leg of it (R-33, R-40..R-44), audit-logged with who did
   * it in the same transaction.
   */
  public PaymentOutcome cancel(long shopId, String paymentRef, String actor) {
    return cancel(shopId, paymentRef, actor, null);
  }

  /**
   * @param reason why the shop cancels (a mistyped amount, a returned item), kept in the audit log;
   *     the POS API has none to give
   */
  public PaymentOutcome cancel(long shopId, String paymentRef, String actor, String reason) {
    try {
      inTransaction(
          () -> {
            processor.cancel(shopId, paymentRef, actor);
            audit.record(Portal.MERCHANT, actor, "PAYMENT_CANCEL", "payment " + paymentRef, reason);
            return null;
          });
    } catch (RefusedException e) {
      return new PaymentOutcome.Refused(e.refusal(), e.args());
    }
    return new PaymentOutcome.Done(find(paymentRef).orElseThrow());
  }

  /** A payment of this shop; empty for another shop's. */
  public Optional<PaymentView> findForShop(long shopId, String paymentRef) {
    return find(paymentRef).filter(p -> shopIdOf(paymentRef) == shopId);
  }

  /**
   * A shop's payments in a period: a page of them and the figures over all of them.
   *
   * @param count payments created in the period
   * @param cancelledCount of which cancelled
   * @param salesCount those not cancelled, whenever the cancellation was made: the till's view by
   *     payment. The portal's history and results count use − use-cancel by the date of each
   *     transfer instead (seed 004, R-70), which differs when a payment is cancelled in a later
   *     period.
   * @param salesYen their amount
   */
  public record ShopPayments(
      List<PaymentView> page, long count, long cancelledCount, long salesCount, long salesYen) {}

  /**
   * The shop's payments created in [from, to): the newest at most {@link #MAX_PAGE}, and the count
   * and sales of all of them, cancellations netted out.
   */
  public ShopPayments listForShop(long shopId, LocalDateTime from, LocalDateTime to, int limit) {
    long count;
    long cancelled;
    long salesYen;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = 'CANCELLED' THEN 1 ELSE 0 END),"
                    + " 0), COALESCE(SUM(CASE WHEN status = 'COMPLETED' THEN amount_yen ELSE 0"
                    + " END), 0) FROM payment WHERE shop_id = ? AND created_at >= ?"
                    + " AND created_at < ?")) {
      ps.setLong(1, shopId);
      ps.setTimestamp(2, Timestamp.valueOf(from));
      ps.setTimestamp(3, Timestamp.valueOf(to));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        count = rs.getLong(1);
        cancelled = rs.getLong(2);
        salesYen = rs.getLong(3);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new ShopPayments(
        pageForShop(shopId, from, to, limit), count, cancelled, count - cancelled, salesYen);
  }

  /** Two statements for the whole page, not two per payment (#8 finding 7). */
  private List<PaymentView> pageForShop(
      long shopId, LocalDateTime from, LocalDateTime to, int limit) {
    Map<Long, PaymentView> byEntry = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              VIEW_SELECT
                  + " WHERE p.shop_id = ? AND p.created_at >= ? AND p.created_at < ?"
                  + " ORDER BY p.created_at DESC, p.id DESC")) {
        ps.setLong(1, shopId);
        ps.setTimestamp(2, Timestamp.valueOf(from));
        ps.setTimestamp(3, Timestamp.valueOf(to));
        ps.setMaxRows(Math.max(1, Math.min(limit, MAX_PAGE)));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byEntry.put(rs.getLong(8), view(rs));
          }
        }
      }
      addLegs(c, byEntry);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return List.copyOf(byEntry.values());
  }

  private static final String VIEW_SELECT =
      "SELECT p.payment_ref, p.status, p.amount_yen, s.code, t.code, p.created_at,"
          + " p.cancelled_at, p.entry_id FROM payment p JOIN shop s ON s.id = p.shop_id"
          + " JOIN terminal t ON t.id = p.terminal_id";

  private static PaymentView view(ResultSet rs) throws SQLException {
    Timestamp cancelled = rs.getTimestamp(7);
    return new PaymentView(
        rs.getString(1),
        rs.getString(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getString(5),
        rs.getTimestamp(6).toLocalDateTime(),
        cancelled == null ? null : cancelled.toLocalDateTime(),
        new ArrayList<>(),
        false);
  }

  /** The legs of the payments of these journal entries, in one statement. */
  private static void addLegs(Connection c, Map<Long, PaymentView> byEntry) throws SQLException {
    if (byEntry.isEmpty()) {
      return;
    }
    String marks = String.join(",", java.util.Collections.nCopies(byEntry.size(), "?"));
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.entry_id, t.tran_id, v.code, t.amount_yen, t.wallet_after_yen FROM transfer t"
                + " JOIN value_service v ON v.id = t.service_id WHERE t.entry_id IN ("
                + marks
                + ") ORDER BY t.entry_id, t.service_id")) {
      int i = 1;
      for (long entryId : byEntry.keySet()) {
        ps.setLong(i++, entryId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byEntry
              .get(rs.getLong(1))
              .legs()
              .add(
                  new PaymentView.Leg(
                      rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
        }
      }
    }
  }

  private Optional<String[]> findByKey(long terminalId, String key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT payment_ref, request_hash FROM payment"
                    + " WHERE terminal_id = ? AND idempotency_key = ?")) {
      ps.setLong(1, terminalId);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new String[] {rs.getString(1), rs.getString(2)})
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long shopIdOf(String paymentRef) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT shop_id FROM payment WHERE payment_ref = ?")) {
      ps.setString(1, paymentRef);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  Optional<PaymentView> find(String paymentRef) {
    try (Connection c = dataSource.getConnection()) {
      Map<Long, PaymentView> byEntry = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(VIEW_SELECT + " WHERE p.payment_ref = ?")) {
        ps.setString(1, paymentRef);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          byEntry.put(rs.getLong(8), view(rs));
        }
      }
      addLegs(c, byEntry);
      return byEntry.values().stream().findFirst();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PaymentOutcome refused(Refusal refusal) {
    return new PaymentOutcome.Refused(refusal, new Object[0]);
  }
}
