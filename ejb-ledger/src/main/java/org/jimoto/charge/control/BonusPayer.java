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
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.control.Catalog;
import org.jimoto.ledger.control.LedgerStore;
import org.jimoto.ledger.entity.AccountKind;
import org.jimoto.ledger.entity.LotKind;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Pays a bonus a charge earned in another service, each in its own transaction, at most
 * once: the pending row is locked while it is paid, so two runs (or two nodes) cannot both pay it.
 */
@Stateless
public class BonusPayer {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;

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

  /** What became of one pending bonus. */
  public enum Result {
    PAID,
    /** Paid meanwhile by another run or node. */
    ALREADY_PAID,
    /**
     * Left pending: it would pass the holding limit, or the card is lost (disabled without a
     * move to the app, R-84); the reason is kept on the row.
     */
    LEFT_PENDING
  }

  /**
   * Pays one pending bonus as a grant in its service, funded by the city's premium account
   * of that service.
   */
  public Result payBonus(long bonusId) {
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
            return Result.ALREADY_PAID;
          }
          residentId = rs.getLong(1);
          serviceId = rs.getLong(2);
          amount = rs.getLong(3);
          expiresOn = rs.getDate(4).toLocalDate();
          campaignId = rs.getLong(5);
        }
      }
      var catalog = new Catalog(c);
      // read under the resident's row lock, which a card's move holds until the card is
      // empty and disabled: the bonus is paid before the move (and moves with the card) or after
      // it, to the app account.
      store.lockResident(residentId);
      var resident = catalog.chargee(residentId).orElseThrow();
      long payee = residentId;
      var holder = resident;
      // #11 finding 1: a moved card's value may have moved on: a lost card's replacement may be
      // lost and replaced again, or moved into the app. The chain is followed to its live
      // end, each card's row locked before the next, in the order every move locks them (the old
      // card, then where it went), so no move can complete under the payment. A visited set
      // guards against a cycle, which no move can make but which would otherwise loop forever.
      java.util.Set<Long> seen = new java.util.HashSet<>();
      seen.add(residentId);
      while (holder.card() && !holder.cardEnabled() && holder.cardMoved()) {
        long next = holder.cardMovedTo();
        if (!seen.add(next)) {
          throw new IllegalStateException("card moves of resident " + residentId + " loop");
        }
        store.lockResident(next);
        holder = catalog.chargee(next).orElseThrow();
        payee = next;
      }
      if (holder.card() && !holder.cardEnabled()) {
        // the live end is a lost or disabled card, which takes no more value; the bonus
        // waits (retried by every run) until the card is replaced, rather than stranded there.
        // The same answer for an unreplaced lost card as for one down a chain (CARD_LOST), and
        // for a card otherwise disabled, as a charge or a grant to it gets (review of finding 1).
        markBonus(c, bonusId, null, holder.disabledCardRefusal().name());
        return Result.LEFT_PENDING;
      }
      Long limit = catalog.service(serviceId).holdingLimitYen();
      long wallet = store.ensureWallet(payee, serviceId);
      OptionalLong after = store.creditWallet(wallet, amount, limit);
      if (after.isEmpty()) {
        markBonus(c, bonusId, null, Refusal.HOLDING_LIMIT_EXCEEDED.name());
        return Result.LEFT_PENDING;
      }
      long entry = store.insertEntry(Operation.GRANT, "bonus:campaign-" + campaignId, null);
      store.creditLot(
          entry,
          serviceId,
          AccountKind.PREMIUM_FUNDING,
          Operation.GRANT,
          payee,
          wallet,
          amount,
          after.getAsLong(),
          LotKind.PREMIUM,
          expiresOn,
          payee == residentId
              ? "charge bonus, campaign " + campaignId
              : "charge bonus, campaign " + campaignId + ", earned on moved card " + residentId);
      markBonus(c, bonusId, entry, null);
      return Result.PAID;
    } catch (SQLException e) {
      throw new IllegalStateException("bonus " + bonusId + " failed: " + e.getMessage(), e);
    }
  }

  private static void markBonus(Connection c, long bonusId, Long entry, String refusal)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE pending_bonus SET granted_entry_id = ?, last_refusal = ? WHERE id = ?")) {
      if (entry == null) {
        ps.setNull(1, java.sql.Types.BIGINT);
      } else {
        ps.setLong(1, entry);
      }
      ps.setString(2, refusal);
      ps.setLong(3, bonusId);
      ps.executeUpdate();
    }
  }
}
