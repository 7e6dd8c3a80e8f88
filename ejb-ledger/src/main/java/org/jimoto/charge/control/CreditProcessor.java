package org.jimoto.charge.control;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.charge.boundary.ChargeRequest;
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.Catalog;
import org.jimoto.ledger.control.ExpiryRules;
import org.jimoto.ledger.control.LedgerStore;
import org.jimoto.ledger.control.LotAllocator.Allocation;
import org.jimoto.ledger.control.LotAllocator.OpenLot;
import org.jimoto.ledger.control.Premium;
import org.jimoto.ledger.entity.AccountKind;
import org.jimoto.ledger.entity.LotKind;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Credits wallets (charges, grants) and takes value out of them for reasons other than payments
 * (grant cancellation, expiry, forfeiture), each in one transaction. Refusals roll back.
 */
@Stateless
public class CreditProcessor {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;

  /** a charge, with the running campaign's premium. */
  public CreditView charge(ChargeRequest request) {
    try (Connection c = dataSource.getConnection()) {
      LocalDateTime now = LocalDateTime.now(clock);
      LocalDate today = now.toLocalDate();
      var catalog = new Catalog(c);
      var store = new LedgerStore(c, now);
      catalog.refuseDuringMaintenance(now);
      Catalog.Service service = catalog.service(request.serviceCode());
      if (!service.chargeable() || service.chargedValidYears() == null) {
        throw new RefusedException(Refusal.NOT_CHARGEABLE, service.nameJa());
      }
      Catalog.ChargeRule rule =
          catalog
              .chargeRule(service.id(), request.channel().name())
              .orElseThrow(
                  () ->
                      new RefusedException(
                          Refusal.CHARGE_CHANNEL_NOT_OFFERED, service.nameJa(), request.channel()));
      long amount = request.amountYen();
      if (amount < rule.minYen()) {
        throw new RefusedException(Refusal.CHARGE_BELOW_MINIMUM, rule.minYen());
      }
      if (amount > rule.maxYen()) {
        throw new RefusedException(Refusal.CHARGE_ABOVE_MAXIMUM, rule.maxYen());
      }
      if (amount % rule.unitYen() != 0) {
        throw new RefusedException(Refusal.CHARGE_NOT_IN_UNITS, rule.unitYen());
      }
      Optional<Catalog.Campaign> campaign = catalog.campaign(service.id(), today);
      long premium = campaign.map(k -> Premium.of(amount, k.rateBasisPoints())).orElse(0L);

      long wallet = store.ensureWallet(request.residentId(), service.id());
      long before = store.balance(wallet);
      if (!store.creditWallet(wallet, amount + premium, service.holdingLimitYen())) {
        throw new RefusedException(
            Refusal.HOLDING_LIMIT_EXCEEDED, service.holdingLimitYen(), before);
      }
      long entry = store.insertEntry(Operation.CHARGE, request.actor(), null);
      List<CreditView.Part> parts = new ArrayList<>();
      LocalDate chargedExpiry = ExpiryRules.chargedPart(today, service.chargedValidYears());
      parts.add(
          credit(
              store,
              entry,
              service.id(),
              AccountKind.ISSUED_FLOAT,
              Operation.CHARGE,
              request.residentId(),
              wallet,
              amount,
              before,
              LotKind.CHARGED,
              chargedExpiry,
              request.channel() + " " + nullToEmpty(request.externalReference())));
      if (premium > 0) {
        Catalog.Campaign k = campaign.get();
        LocalDate premiumExpiry =
            "FIXED_DATE".equals(k.premiumExpiry())
                ? k.premiumExpiresOn()
                : ExpiryRules.fiscalYearEnd(today);
        parts.add(
            credit(
                store,
                entry,
                service.id(),
                AccountKind.PREMIUM_FUNDING,
                Operation.CHARGE,
                request.residentId(),
                wallet,
                premium,
                before + amount,
                LotKind.PREMIUM,
                premiumExpiry,
                "premium: " + k.name()));
      }
      return new CreditView(service.code(), amount + premium, store.balance(wallet), parts);
    } catch (SQLException e) {
      throw new IllegalStateException("charge failed: " + e.getMessage(), e);
    }
  }

  /** a grant with a fixed expiry date, funded by the city. */
  public CreditView grant(
      long residentId,
      String serviceCode,
      long amountYen,
      LocalDate expiresOn,
      String actor,
      String note) {
    try (Connection c = dataSource.getConnection()) {
      LocalDateTime now = LocalDateTime.now(clock);
      var catalog = new Catalog(c);
      var store = new LedgerStore(c, now);
      if (amountYen <= 0) {
        throw new RefusedException(Refusal.AMOUNT_NOT_POSITIVE);
      }
      if (expiresOn.isBefore(now.toLocalDate())) {
        throw new RefusedException(Refusal.EXPIRY_IN_THE_PAST, expiresOn);
      }
      Catalog.Service service = catalog.service(serviceCode);
      long wallet = store.ensureWallet(residentId, service.id());
      long before = store.balance(wallet);
      if (!store.creditWallet(wallet, amountYen, service.holdingLimitYen())) {
        throw new RefusedException(
            Refusal.HOLDING_LIMIT_EXCEEDED, service.holdingLimitYen(), before);
      }
      long entry = store.insertEntry(Operation.GRANT, actor, null);
      CreditView.Part part =
          credit(
              store,
              entry,
              service.id(),
              AccountKind.GRANT_FUNDING,
              Operation.GRANT,
              residentId,
              wallet,
              amountYen,
              before,
              LotKind.GRANT,
              expiresOn,
              note);
      return new CreditView(service.code(), amountYen, store.balance(wallet), List.of(part));
    } catch (SQLException e) {
      throw new IllegalStateException("grant failed: " + e.getMessage(), e);
    }
  }

  private static CreditView.Part credit(
      LedgerStore store,
      long entry,
      long serviceId,
      AccountKind source,
      Operation operation,
      long residentId,
      long wallet,
      long amount,
      long before,
      LotKind kind,
      LocalDate expiresOn,
      String note)
      throws SQLException {
    long from = store.account(serviceId, source, null);
    LedgerStore.Inserted t =
        store.insertTransfer(
            new LedgerStore.NewTransfer(
                entry,
                serviceId,
                operation,
                from,
                wallet,
                amount,
                residentId,
                null,
                null,
                before,
                before + amount,
                null,
                note));
    store.insertLot(wallet, t.id(), kind, amount, expiresOn);
    return new CreditView.Part(t.tranId(), kind.name(), amount, expiresOn);
  }

  /** Cancels an unused grant (付与取消, OP5): refused once any of it was spent or expired. */
  public void cancelGrant(String tranId, String actor) {
    try (Connection c = dataSource.getConnection()) {
      LocalDateTime now = LocalDateTime.now(clock);
      var store = new LedgerStore(c, now);
      long id;
      long serviceId;
      long funding;
      long wallet;
      long amount;
      long residentId;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, service_id, operation, status, debit_account_id, credit_account_id,"
                  + " amount_yen, resident_id FROM transfer WHERE tran_id = ?")) {
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
          id = rs.getLong(1);
          serviceId = rs.getLong(2);
          funding = rs.getLong(5);
          wallet = rs.getLong(6);
          amount = rs.getLong(7);
          residentId = rs.getLong(8);
        }
      }
      long[] lot = store.lotOf(id).orElseThrow();
      if (lot[2] != amount || !store.debitWallet(wallet, amount)) {
        throw new RefusedException(Refusal.GRANT_ALREADY_USED);
      }
      List<Allocation> all = List.of(new Allocation(lot[0], amount));
      store.consumeLots(all);
      long after = store.balance(wallet);
      long entry = store.insertEntry(Operation.GRANT_CANCEL, actor, null);
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
                  null));
      store.insertAllocations(t.id(), all);
      store.markCancelled(id);
    } catch (SQLException e) {
      throw new IllegalStateException("grant cancellation failed: " + e.getMessage(), e);
    }
  }

  /**
   * Moves value out of one wallet: its expired lots (R-13 有効期限切れ) or, for forfeiture, all of it
   * (失効). Returns the amount moved (0 if nothing was due).
   */
  public long sweep(long walletAccountId, boolean forfeit, String actor) {
    try (Connection c = dataSource.getConnection()) {
      LocalDateTime now = LocalDateTime.now(clock);
      var store = new LedgerStore(c, now);
      List<OpenLot> lots =
          forfeit
              ? store.allOpenLots(walletAccountId)
              : store.expiredLots(walletAccountId, now.toLocalDate());
      long total = lots.stream().mapToLong(OpenLot::remainingYen).sum();
      if (total == 0) {
        return 0;
      }
      if (!store.debitWallet(walletAccountId, total)) {
        throw new IllegalStateException("wallet " + walletAccountId + " holds less than its lots");
      }
      List<Allocation> all =
          lots.stream().map(l -> new Allocation(l.lotId(), l.remainingYen())).toList();
      store.consumeLots(all);
      long after = store.balance(walletAccountId);
      long serviceId;
      long residentId;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT service_id, resident_id FROM account WHERE id = ?")) {
        ps.setLong(1, walletAccountId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          serviceId = rs.getLong(1);
          residentId = rs.getLong(2);
        }
      }
      Operation op = forfeit ? Operation.FORFEIT : Operation.EXPIRE;
      long entry = store.insertEntry(op, actor, null);
      long sink =
          store.account(serviceId, forfeit ? AccountKind.FORFEITED : AccountKind.EXPIRED, null);
      LedgerStore.Inserted t =
          store.insertTransfer(
              new LedgerStore.NewTransfer(
                  entry,
                  serviceId,
                  op,
                  walletAccountId,
                  sink,
                  total,
                  residentId,
                  null,
                  null,
                  after + total,
                  after,
                  null,
                  null));
      store.insertAllocations(t.id(), all);
      return total;
    } catch (SQLException e) {
      throw new IllegalStateException("sweep failed: " + e.getMessage(), e);
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
