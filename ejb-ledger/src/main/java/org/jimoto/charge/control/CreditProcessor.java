package org.jimoto.charge.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ChargeRequest;
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.Catalog;
import org.jimoto.ledger.control.ExpiryRules;
import org.jimoto.ledger.control.IdAllocator;
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

  /**
   * a charge, with the running campaigns' premiums. The
   * provider's reference is unique per channel: a repeat is thrown as {@link DuplicateCharge}.
   */
  public CreditView charge(ChargeRequest request) {
    String reference = request.externalReference();
    if (reference == null || reference.isBlank() || reference.length() > 100) {
      throw new RefusedException(Refusal.EXTERNAL_REFERENCE_MISSING);
    }
    try (Connection c = dataSource.getConnection()) {
      LocalDateTime now = LocalDateTime.now(clock);
      LocalDate today = now.toLocalDate();
      var catalog = new Catalog(c);
      var store = new LedgerStore(c, now);
      if (findCharge(c, request.channel(), reference).isPresent()) {
        throw new DuplicateCharge();
      }
      catalog.refuseDuringMaintenance(now);
      Catalog.Service service = catalog.service(request.serviceCode());
      if (!service.chargeable() || service.chargedValidYears() == null) {
        throw new RefusedException(Refusal.NOT_CHARGEABLE, service.name());
      }
      Catalog.ChargeRule rule =
          catalog
              .chargeRule(service.id(), request.channel().name())
              .orElseThrow(
                  () ->
                      new RefusedException(
                          Refusal.CHARGE_CHANNEL_NOT_OFFERED,
                          service.name(),
                          request.channel().displayName()));
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
      Catalog.Chargee chargee =
          catalog
              .chargee(request.residentId())
              .orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_RESIDENT));
      if (service.chargeNeedsVerifiedIdentity() && !chargee.identityVerified()) {
        throw new RefusedException(Refusal.IDENTITY_NOT_VERIFIED, service.name());
      }
      // on a card the charged part counts from the card's purchase, not from the charge.
      LocalDate validFrom =
          chargee.card() && chargee.cardPurchasedOn() != null ? chargee.cardPurchasedOn() : today;
      LocalDate chargedExpiry = ExpiryRules.chargedPart(validFrom, service.chargedValidYears());
      if (chargedExpiry.isBefore(today)) {
        throw new RefusedException(Refusal.CARD_VALIDITY_ENDED, chargedExpiry);
      }
      List<Catalog.Campaign> campaigns = catalog.campaigns(service.id(), today);
      Optional<Catalog.Campaign> ownPremium =
          campaigns.stream().filter(k -> k.bonusServiceId() == null).findFirst();
      long premium = ownPremium.map(k -> Premium.of(amount, k.rateBasisPoints())).orElse(0L);

      long wallet = store.ensureWallet(request.residentId(), service.id());
      long before = store.balance(wallet);
      if (!store.creditWallet(wallet, amount + premium, service.holdingLimitYen())) {
        throw new RefusedException(
            Refusal.HOLDING_LIMIT_EXCEEDED, service.holdingLimitYen(), before);
      }
      long entry = store.insertEntry(Operation.CHARGE, request.actor(), null);
      long chargeId = insertCharge(c, store, request, service.id(), entry, now);
      List<CreditView.Part> parts = new ArrayList<>();
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
              request.channel() + " " + reference));
      if (premium > 0) {
        Catalog.Campaign k = ownPremium.get();
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
                k.premiumExpiry(today),
                "premium: " + k.name()));
      }
      // bonuses in another service are paid by the next day's job.
      for (Catalog.Campaign k : campaigns) {
        long bonus = k.bonusServiceId() == null ? 0 : Premium.of(amount, k.rateBasisPoints());
        if (bonus > 0) {
          LocalDate due = today.plusDays(1);
          insertPendingBonus(
              c, store, chargeId, k, request.residentId(), bonus, due, k.premiumExpiry(due));
        }
      }
      return new CreditView(service.code(), amount + premium, store.balance(wallet), parts, false);
    } catch (SQLException e) {
      throw new IllegalStateException("charge failed: " + e.getMessage(), e);
    }
  }

  /** A charge already recorded under this provider reference. */
  public record RecordedCharge(long residentId, String serviceCode, long amountYen, long entryId) {}

  public Optional<RecordedCharge> recordedCharge(ChargeChannel channel, String reference) {
    try (Connection c = dataSource.getConnection()) {
      return findCharge(c, channel, reference);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The credit a recorded charge made, as it was answered the first time. */
  public CreditView creditOf(RecordedCharge charge) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT t.tran_id, l.kind, t.amount_yen, l.expires_on, t.wallet_after_yen"
                    + " FROM transfer t JOIN value_lot l ON l.origin_transfer_id = t.id"
                    + " WHERE t.entry_id = ? ORDER BY t.id")) {
      ps.setLong(1, charge.entryId());
      List<CreditView.Part> parts = new ArrayList<>();
      long credited = 0;
      long after = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          parts.add(
              new CreditView.Part(
                  rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDate(4).toLocalDate()));
          credited += rs.getLong(3);
          after = rs.getLong(5);
        }
      }
      return new CreditView(charge.serviceCode(), credited, after, parts, true);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<RecordedCharge> findCharge(
      Connection c, ChargeChannel channel, String reference) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ch.resident_id, v.code, ch.amount_yen, ch.entry_id FROM charge ch"
                + " JOIN value_service v ON v.id = ch.service_id"
                + " WHERE ch.channel = ? AND ch.external_ref = ?")) {
      ps.setString(1, channel.name());
      ps.setString(2, reference);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new RecordedCharge(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
            : Optional.empty();
      }
    }
  }

  private static long insertCharge(
      Connection c,
      LedgerStore store,
      ChargeRequest request,
      long serviceId,
      long entry,
      LocalDateTime now)
      throws SQLException {
    long id = IdAllocator.next(c, store.dialect(), "charge_seq");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO charge (id, channel, external_ref, resident_id, service_id, amount_yen,"
                + " entry_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, request.channel().name());
      ps.setString(3, request.externalReference());
      ps.setLong(4, request.residentId());
      ps.setLong(5, serviceId);
      ps.setLong(6, request.amountYen());
      ps.setLong(7, entry);
      ps.setTimestamp(8, Timestamp.valueOf(now));
      ps.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new DuplicateCharge(); // the same reference is being charged concurrently
      }
      throw e;
    }
    return id;
  }

  private static void insertPendingBonus(
      Connection c,
      LedgerStore store,
      long chargeId,
      Catalog.Campaign campaign,
      long residentId,
      long amount,
      LocalDate due,
      LocalDate expiresOn)
      throws SQLException {
    long id = IdAllocator.next(c, store.dialect(), "pending_bonus_seq");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO pending_bonus (id, charge_id, campaign_id, resident_id, service_id,"
                + " amount_yen, due_on, expires_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setLong(2, chargeId);
      ps.setLong(3, campaign.id());
      ps.setLong(4, residentId);
      ps.setLong(5, campaign.bonusServiceId());
      ps.setLong(6, amount);
      ps.setDate(7, java.sql.Date.valueOf(due));
      ps.setDate(8, java.sql.Date.valueOf(expiresOn));
      ps.executeUpdate();
    }
  }

  /** The bonuses due on or before {@code day} and not yet paid. */
  public List<Long> dueBonuses(LocalDate day) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id FROM pending_bonus WHERE due_on <= ? AND granted_entry_id IS NULL"
                    + " ORDER BY id")) {
      ps.setDate(1, java.sql.Date.valueOf(day));
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Pays one pending bonus as a grant in its service, funded by the city's premium account
   * of that service. A bonus that would pass the holding limit stays pending with the reason.
   *
   * @return true if it was paid now
   */
  public boolean payBonus(long bonusId) {
    try (Connection c = dataSource.getConnection()) {
      LocalDateTime now = LocalDateTime.now(clock);
      var store = new LedgerStore(c, now);
      long residentId;
      long serviceId;
      long amount;
      LocalDate expiresOn;
      long campaignId;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT resident_id, service_id, amount_yen, expires_on, campaign_id"
                  + " FROM pending_bonus WHERE id = ? AND granted_entry_id IS NULL FOR UPDATE")) {
        ps.setLong(1, bonusId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return false; // paid meanwhile (another node's job)
          }
          residentId = rs.getLong(1);
          serviceId = rs.getLong(2);
          amount = rs.getLong(3);
          expiresOn = rs.getDate(4).toLocalDate();
          campaignId = rs.getLong(5);
        }
      }
      Long limit = new Catalog(c).service(serviceId).holdingLimitYen();
      long wallet = store.ensureWallet(residentId, serviceId);
      long before = store.balance(wallet);
      if (!store.creditWallet(wallet, amount, limit)) {
        markBonus(c, bonusId, null, Refusal.HOLDING_LIMIT_EXCEEDED.name());
        return false;
      }
      long entry = store.insertEntry(Operation.GRANT, "bonus:campaign-" + campaignId, null);
      credit(
          store,
          entry,
          serviceId,
          AccountKind.PREMIUM_FUNDING,
          Operation.GRANT,
          residentId,
          wallet,
          amount,
          before,
          LotKind.PREMIUM,
          expiresOn,
          "charge bonus, campaign " + campaignId);
      markBonus(c, bonusId, entry, null);
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("bonus failed: " + e.getMessage(), e);
    }
  }

  private static void markBonus(Connection c, long bonusId, Long entry, String refusal)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE pending_bonus SET granted_entry_id = ?, last_refusal = ? WHERE id = ?")) {
      ps.setObject(1, entry);
      ps.setString(2, refusal);
      ps.setLong(3, bonusId);
      ps.executeUpdate();
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
      return new CreditView(service.code(), amountYen, store.balance(wallet), List.of(part), false);
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
