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
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.campaign.control.CampaignBudget;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ChargeRequest;
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.Catalog;
import org.jimoto.ledger.control.IdAllocator;
import org.jimoto.ledger.control.LedgerStore;
import org.jimoto.ledger.control.SqlDialect;
import org.jimoto.ledger.entity.AccountKind;
import org.jimoto.ledger.entity.LotKind;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Charges a wallet (チャージ) in one transaction: the charged part and the premium as lots, the bonuses
 * due later in other services, all under the provider's reference. Refusals roll back.
 */
@Stateless
public class ChargeProcessor {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;
  @Inject AuditLog audit;

  /**
   * ..R-23: a charge, with the running campaigns' premiums. The provider's
   * reference is unique per channel: a repeat is thrown as {@link DuplicateCharge}.
   */
  public CreditView charge(ChargeRequest request) {
    String reference = request.externalReference();
    if (reference == null || reference.isBlank() || reference.length() > 100) {
      throw new RefusedException(Refusal.EXTERNAL_REFERENCE_MISSING);
    }
    try (Connection c = dataSource.getConnection()) {
      LocalDateTime now = LocalDateTime.now(clock);
      var catalog = new Catalog(c);
      var store = new LedgerStore(c, now);
      if (findCharge(c, request.channel(), reference).isPresent()) {
        throw new DuplicateCharge(); // a repeat of a committed charge: no need to check anything
      }
      catalog.refuseDuringMaintenance(now);
      // the card's state is read under its row lock, which a move to the app holds until
      // it has emptied and disabled the card: a charge at the window or the ATM either lands
      // before the move (and moves with it) or is refused as CARD_MOVED, never left behind.
      store.lockResident(request.residentId());
      ChargePlan plan =
          ChargePlan.of(
              catalog,
              request.residentId(),
              request.serviceCode(),
              request.channel(),
              request.amountYen(),
              now,
              (k, wanted) -> CampaignBudget.claim(c, k.id(), wanted, now));
      Catalog.Service service = plan.service();
      LocalDate chargedExpiry = plan.chargedExpiry();
      long amount = request.amountYen();

      // the reference is claimed before any money moves. A concurrent delivery of it waits
      // here for this transaction and is then answered with this charge, never with a refusal
      // that this charge's own credit caused (the holding limit, say).
      long entry = store.insertEntry(Operation.CHARGE, request.actor(), null);
      long chargeId = insertCharge(c, store, request, service.id(), entry, now);

      // #11 item 2: the plan claimed the premium from the campaign's budget cap, whole or the
      // part left, and chose the campaign (and its expiry) that actually pays it.
      long premium = plan.premiumYen();
      long wallet = store.ensureWallet(request.residentId(), service.id());
      long after =
          store
              .creditWallet(wallet, amount + premium, service.holdingLimitYen())
              .orElseThrow(
                  () ->
                      new RefusedException(
                          Refusal.HOLDING_LIMIT_EXCEEDED,
                          service.holdingLimitYen(),
                          balanceOf(store, wallet)));
      List<CreditView.Part> parts = new ArrayList<>();
      parts.add(
          part(
              store.creditLot(
                  entry,
                  service.id(),
                  AccountKind.ISSUED_FLOAT,
                  Operation.CHARGE,
                  request.residentId(),
                  wallet,
                  amount,
                  after - premium,
                  LotKind.CHARGED,
                  chargedExpiry,
                  request.channel() + " " + reference),
              LotKind.CHARGED,
              amount,
              chargedExpiry));
      if (premium > 0) {
        Catalog.Campaign k = plan.premiumCampaign().orElseThrow();
        LocalDate premiumExpiry = plan.premiumExpiry();
        parts.add(
            part(
                store.creditLot(
                    entry,
                    service.id(),
                    AccountKind.PREMIUM_FUNDING,
                    Operation.CHARGE,
                    request.residentId(),
                    wallet,
                    premium,
                    after,
                    LotKind.PREMIUM,
                    premiumExpiry,
                    "premium: " + k.name()),
                LotKind.PREMIUM,
                premium,
                premiumExpiry));
      }
      // bonuses in another service are paid by the next day's job.
      for (ChargePlan.Bonus bonus : plan.bonuses()) {
        long bonusYen = CampaignBudget.claim(c, bonus.campaign().id(), bonus.amountYen(), now);
        if (bonusYen == 0) {
          continue; // the campaign's budget cap is used up (#11 item 2)
        }
        insertPendingBonus(
            c,
            store,
            chargeId,
            bonus.campaign(),
            request.residentId(),
            bonusYen,
            bonus.dueOn(),
            bonus.expiresOn());
      }
      if (request.channel() == ChargeChannel.WINDOW) {
        // cash taken at the city window is a clerk's action on money.
        audit.record(
            Portal.ADMIN,
            request.actor(),
            "CASH_CHARGE",
            "resident " + request.residentId() + ", " + service.code() + " " + amount + " yen",
            request.reason() == null
                ? "window receipt " + reference
                : request.reason() + " (window receipt " + reference + ")");
      }
      return new CreditView(service.code(), amount + premium, after, parts, false);
    } catch (SQLException e) {
      throw new IllegalStateException("charge failed: " + e.getMessage(), e);
    }
  }

  private static long balanceOf(LedgerStore store, long wallet) {
    try {
      return store.balance(wallet);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CreditView.Part part(
      LedgerStore.Inserted transfer, LotKind kind, long amount, LocalDate expiresOn) {
    return new CreditView.Part(transfer.tranId(), kind.name(), amount, expiresOn);
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
      if (SqlDialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new DuplicateCharge(); // the same reference was charged concurrently
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
}
