package org.jimoto.grant.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.Catalog;
import org.jimoto.ledger.control.LedgerStore;
import org.jimoto.ledger.control.LotAllocator.Allocation;
import org.jimoto.ledger.entity.AccountKind;
import org.jimoto.ledger.entity.LotKind;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Grants (付与, R-12, R-83) and their cancellation (付与取消, OP5), each one transaction together with
 * its audit event. Refusals roll back.
 */
@Stateless
public class GrantProcessor {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;
  @Inject AuditLog audit;
  @Inject GrantBounds bounds;

  /**
   * a grant with a fixed expiry date, funded by the city, within the city's grant
   * bounds (#11 review 2: every path passes here, the single grant as well as a file).
   *
   * @param clerk the caller is a window clerk (CITY_CLERK without CITY_ADMIN), decided at the EJB
   *     boundary from the caller's roles
   */
  public CreditView grant(
      long residentId,
      String serviceCode,
      long amountYen,
      LocalDate expiresOn,
      String actor,
      String reason,
      boolean clerk) {
    try (Connection c = dataSource.getConnection()) {
      return credit(
          c,
          LocalDateTime.now(clock),
          audit,
          bounds,
          clerk,
          residentId,
          serviceCode,
          amountYen,
          expiresOn,
          actor,
          reason);
    } catch (SQLException e) {
      throw new IllegalStateException("grant failed: " + e.getMessage(), e);
    }
  }

  /**
   * The grant itself. {@code bounds} null skips the grant bounds: only for tests that need money or
   * gift value to exist (package-private on purpose, never a public boundary).
   */
  static CreditView credit(
      Connection c,
      LocalDateTime now,
      AuditLog audit,
      GrantBounds bounds,
      boolean clerk,
      long residentId,
      String serviceCode,
      long amountYen,
      LocalDate expiresOn,
      String actor,
      String reason)
      throws SQLException {
    var catalog = new Catalog(c);
    var store = new LedgerStore(c, now);
    if (amountYen <= 0) {
      throw new RefusedException(Refusal.AMOUNT_NOT_POSITIVE);
    }
    requireReason(reason);
    if (expiresOn == null) {
      throw new RefusedException(Refusal.GRANT_EXPIRY_MISSING); // a fixed expiry date
    }
    if (expiresOn.isBefore(now.toLocalDate())) {
      throw new RefusedException(Refusal.EXPIRY_IN_THE_PAST, expiresOn);
    }
    Catalog.Service service = catalog.service(serviceCode);
    if (bounds != null) {
      bounds.check(service, amountYen, expiresOn, now.toLocalDate(), clerk);
    }
    // under the resident's row lock, so that a card moving to the app at this moment
    // either takes this grant along or is seen as moved here.
    store.lockResident(residentId);
    Catalog.Chargee resident =
        catalog
            .chargee(residentId)
            .orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_RESIDENT));
    if (resident.card() && !resident.cardEnabled()) {
      // a migrated or lost card; a moved one says where its value went, a lost one that
      // its balance is frozen (#11 item 3).
      throw new RefusedException(resident.disabledCardRefusal());
    }
    long wallet = store.ensureWallet(residentId, service.id());
    long after =
        store
            .creditWallet(wallet, amountYen, service.holdingLimitYen())
            .orElseThrow(
                () ->
                    new RefusedException(
                        Refusal.HOLDING_LIMIT_EXCEEDED,
                        service.holdingLimitYen(),
                        balance(store, wallet)));
    long entry = store.insertEntry(Operation.GRANT, actor, null);
    LedgerStore.Inserted t =
        store.creditLot(
            entry,
            service.id(),
            AccountKind.GRANT_FUNDING,
            Operation.GRANT,
            residentId,
            wallet,
            amountYen,
            after,
            LotKind.GRANT,
            expiresOn,
            reason);
    audit.record(
        Portal.ADMIN,
        actor,
        "GRANT",
        "resident "
            + residentId
            + ", "
            + service.code()
            + " "
            + amountYen
            + ", expires "
            + expiresOn
            + ", tranId "
            + t.tranId(),
        reason);
    return new CreditView(
        service.code(),
        amountYen,
        after,
        List.of(new CreditView.Part(t.tranId(), LotKind.GRANT.name(), amountYen, expiresOn)),
        false);
  }

  /**
   * Cancels an unused grant (付与取消, OP5): refused once any of it was spent or expired. The grant's
   * row is locked first, so of two concurrent cancellations the second finds it cancelled (R-42,
   * R-44); the cancellation's entry references the grant's, like a payment cancellation.
   */
  public void cancelGrant(String tranId, String actor, String reason) {
    requireReason(reason);
    try (Connection c = dataSource.getConnection()) {
      LocalDateTime now = LocalDateTime.now(clock);
      var store = new LedgerStore(c, now);
      long id;
      long serviceId;
      long funding;
      long wallet;
      long amount;
      long residentId;
      long grantEntry;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, service_id, operation, status, debit_account_id, credit_account_id,"
                  + " amount_yen, resident_id, entry_id, closed FROM transfer WHERE tran_id = ?"
                  + " FOR UPDATE")) {
        ps.setString(1, tranId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new RefusedException(Refusal.TRANSFER_NOT_FOUND);
          }
          Operation op = Operation.valueOf(rs.getString(3));
          if (op.isCancellation()) {
            throw new RefusedException(Refusal.CANCEL_OF_CANCEL);
          }
          if (op != Operation.GRANT) {
            throw new RefusedException(Refusal.NOT_A_GRANT);
          }
          if (rs.getInt(4) != 1) {
            throw new RefusedException(Refusal.ALREADY_CANCELLED);
          }
          if (rs.getBoolean(10)) {
            throw new RefusedException(Refusal.SETTLEMENT_CLOSED);
          }
          id = rs.getLong(1);
          serviceId = rs.getLong(2);
          funding = rs.getLong(5);
          wallet = rs.getLong(6);
          amount = rs.getLong(7);
          residentId = rs.getLong(8);
          grantEntry = rs.getLong(9);
        }
      }
      // The wallet is locked before the grant's lot is read: a payment or sweep that takes from
      // it commits first, and the lot then shows it (GRANT_ALREADY_USED, not a failed update).
      store.lockWallet(wallet);
      long[] lot = store.lotOf(id).orElseThrow();
      if (lot[2] != amount || !store.debitWallet(wallet, amount)) {
        throw new RefusedException(Refusal.GRANT_ALREADY_USED);
      }
      List<Allocation> all = List.of(new Allocation(lot[0], amount));
      store.consumeLots(all);
      long after = store.balance(wallet); // the wallet row is locked
      long entry = store.insertEntry(Operation.GRANT_CANCEL, actor, grantEntry);
      LedgerStore.Inserted t =
          store.insertTransfer(
              new LedgerStore.NewTransfer(
                  entry,
                  serviceId,
                  Operation.GRANT_CANCEL,
                  wallet,
                  funding,
                  amount,
                  residentId,
                  null,
                  null,
                  after + amount,
                  after,
                  id,
                  reason));
      store.insertAllocations(t.id(), all);
      if (!store.markCancelled(id)) {
        throw new IllegalStateException("grant " + tranId + " changed under its row lock");
      }
      audit.record(
          Portal.ADMIN,
          actor,
          "GRANT_CANCEL",
          "resident " + residentId + ", " + amount + ", grant " + tranId + ", tranId " + t.tranId(),
          reason);
    } catch (SQLException e) {
      throw new IllegalStateException("grant cancellation failed: " + e.getMessage(), e);
    }
  }

  /** a person's action on money says why. */
  static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new RefusedException(Refusal.REASON_MISSING);
    }
  }

  private static long balance(LedgerStore store, long wallet) {
    try {
      return store.balance(wallet);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
