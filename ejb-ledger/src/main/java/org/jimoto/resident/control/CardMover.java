package org.jimoto.resident.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.LedgerStore;
import org.jimoto.ledger.control.LotAllocator.Allocation;
import org.jimoto.ledger.entity.AccountKind;
import org.jimoto.ledger.entity.LotKind;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * moves a card's value into its owner's app account, in one transaction and one MIGRATE
 * journal entry. Per service: the card wallet's spendable lots are taken whole (MIGRATE_OUT, card
 * wallet → CARD_MIGRATION) and the same amount arrives in the app wallet (MIGRATE, CARD_MIGRATION →
 * app wallet) as new lots of the same kind and the same expiry, so nothing gains or loses time
 * (R-10..R-12). The entry sums to zero; the card is disabled; a {@code card_migration} row, keyed
 * on the card, makes a repeated request move nothing twice; the move is audit-logged.
 *
 * <p>Value already past its last valid day stays on the card: it was never spendable, and the
 * nightly expiry run takes it out of the card's wallet as 有効期限切れ.
 *
 * <p>Locks: the card's resident row first (two requests for one card queue there; the second sees
 * the first's migration), then each card wallet, then the app wallets, always in this order.
 * Whatever credits a card takes the same resident row lock before it reads the card's state ({@link
 * LedgerStore#lockResident}): a charge at the window or ATM, a grant, an R-22 bonus or a
 * cancellation's refund either commits before the move, and its value moves with the card, or waits
 * and then sees the card moved: a charge or grant is refused (CARD_MOVED), a bonus is paid into the
 * app account, and a refund gives back the exact lots and passes them on to the app account
 * in the cancellation's own entry. So nothing is ever left on the disabled card but expired value,
 * which the expiry run takes.
 */
@Stateless
public class CardMover {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;
  @Inject AuditLog audit;

  /** A lot as it moved: its service, kind, amount and the expiry it kept. */
  public record MovedLot(String serviceCode, LotKind kind, long amountYen, LocalDate expiresOn) {}

  /**
   * What a migration moved. {@code earlier} is true when the card had already moved into this app
   * account and this request moved nothing.
   */
  public record Moved(long entryId, long totalYen, List<MovedLot> lots, boolean earlier) {}

  /**
   * @throws RefusedException CARD_DISABLED if the card is disabled or moved into another account;
   *     UNKNOWN_RESIDENT if either is not what it should be or they are not the same person;
   *     HOLDING_LIMIT_EXCEEDED if the app wallet could not take the value. Nothing changes.
   */
  public Moved move(long cardResidentId, long appResidentId, String actor) {
    return move(cardResidentId, appResidentId, actor, Portal.RESIDENT, null);
  }

  /**
   * As {@link #move(long, long, String)}, done for the card holder by the city window (#11 item 3):
   * audit-logged on {@code portal} with the clerk's {@code reason}.
   */
  public Moved move(
      long cardResidentId, long appResidentId, String actor, Portal portal, String reason) {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      // Card row, then app row, before any wallet: on PostgreSQL the card_migration insert takes a
      // key-share lock on the app's row, which would deadlock with a charge or bonus to the app
      // member holding that row and waiting for the app wallet this move holds.
      Person card = lockPerson(c, cardResidentId);
      Person app = lockPerson(c, appResidentId);
      if (card == null
          || app == null
          || !"CARD".equals(card.membership)
          || !"APP".equals(app.membership)
          || !CardOwnership.samePerson(card.kana, card.birthDate, app.kana, app.birthDate)) {
        throw new RefusedException(Refusal.UNKNOWN_RESIDENT);
      }
      Moved earlier = earlierMigration(c, cardResidentId, appResidentId);
      if (earlier != null) {
        return earlier;
      }
      if (!card.enabled) {
        throw new RefusedException(Refusal.CARD_DISABLED);
      }
      var store = new LedgerStore(c, now);
      long entry = store.insertEntry(Operation.MIGRATE, actor, null);
      List<MovedLot> moved = new ArrayList<>();
      long total = 0;
      for (CardWallet w : cardWallets(c, cardResidentId)) {
        // the app account is an account of its own, with its holding limit.
        total +=
            moveService(
                store,
                c,
                w,
                card,
                appResidentId,
                entry,
                now.toLocalDate(),
                moved,
                w.holdingLimitYen);
      }
      disable(c, cardResidentId);
      record(c, cardResidentId, appResidentId, entry, total, now);
      audit.record(
          portal,
          actor,
          "CARD_MIGRATE",
          "card "
              + card.memberCode
              + " (resident "
              + cardResidentId
              + ") into app resident "
              + appResidentId
              + ", "
              + total
              + " yen, entry "
              + entry,
          reason);
      return new Moved(entry, total, List.copyOf(moved), false);
    } catch (SQLException e) {
      throw new IllegalStateException("card migration failed: " + e.getMessage(), e);
    }
  }

  /**
   * #11 item 3: moves the frozen balance of a card reported lost to its replacement card, as {@link
   * #move} moves a card into the app: one MIGRATE entry, per service the lost card's spendable lots
   * out (MIGRATE_OUT) and the same lots — kind, amount, expiry — into the replacement (MIGRATE),
   * through CARD_MIGRATION, summing to zero. The {@code card_loss} row records the replacement and
   * the entry, so a repeat moves nothing twice; a refund of a payment the lost card made is passed
   * on to the replacement by the cancellation ({@code Catalog.Chargee#cardMovedTo}).
   *
   * <p>Locks: the lost card's row, then the replacement's, then wallets, as {@link #move}.
   *
   * @throws RefusedException CARD_NOT_REPLACEABLE if the card is not reported lost or went to
   *     another card; UNKNOWN_RESIDENT if either is no card or they are not the same person;
   *     CARD_NOT_USABLE if the replacement is disabled. No holding limit applies (finding 3).
   */
  public Moved replaceLost(long lostCardId, long newCardId, String actor, String reason) {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      Person lost = lockPerson(c, lostCardId);
      Person replacement = lockPerson(c, newCardId);
      if (lost == null
          || replacement == null
          || lostCardId == newCardId
          || !"CARD".equals(lost.membership)
          || !"CARD".equals(replacement.membership)
          || !CardOwnership.samePerson(
              lost.kana, lost.birthDate, replacement.kana, replacement.birthDate)) {
        throw new RefusedException(Refusal.UNKNOWN_RESIDENT);
      }
      Long[] loss = loss(c, lostCardId);
      if (loss == null) {
        throw new RefusedException(Refusal.CARD_NOT_REPLACEABLE);
      }
      if (loss[0] != null) {
        if (loss[0] != newCardId) {
          throw new RefusedException(
              Refusal.CARD_ALREADY_REPLACED, person(c, loss[0], "").memberCode);
        }
        return new Moved(loss[1], loss[2], lotsOf(c, loss[1]), true);
      }
      if (!replacement.enabled) {
        throw new RefusedException(Refusal.CARD_NOT_USABLE);
      }
      var store = new LedgerStore(c, now);
      long entry = store.insertEntry(Operation.MIGRATE, actor, null);
      List<MovedLot> moved = new ArrayList<>();
      long total = 0;
      for (CardWallet w : cardWallets(c, lostCardId)) {
        // #11 finding 3: the replacement takes the lost card's balance whole, as the same holder's
        // same value; the limit bounds new credits, never this move, or a balance above
        // today's limit (kept under an older rule) could never leave the lost card.
        total += moveService(store, c, w, lost, newCardId, entry, now.toLocalDate(), moved, null);
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE card_loss SET replaced_by_resident_id = ?, moved_entry_id = ?,"
                  + " moved_yen = ?, replaced_at = ? WHERE card_resident_id = ?"
                  + " AND replaced_by_resident_id IS NULL")) {
        ps.setLong(1, newCardId);
        ps.setLong(2, entry);
        ps.setLong(3, total);
        ps.setTimestamp(4, Timestamp.valueOf(now));
        ps.setLong(5, lostCardId);
        if (ps.executeUpdate() != 1) {
          throw new IllegalStateException("card loss of " + lostCardId + " not recorded");
        }
      }
      audit.record(
          Portal.ADMIN,
          actor,
          "CARD_REPLACE_MOVE",
          "lost card "
              + lost.memberCode
              + " to card "
              + replacement.memberCode
              + ", "
              + total
              + " yen, entry "
              + entry,
          reason);
      return new Moved(entry, total, List.copyOf(moved), false);
    } catch (SQLException e) {
      throw new IllegalStateException("card replacement failed: " + e.getMessage(), e);
    }
  }

  /** {replaced_by, moved_entry_id, moved_yen} of the card's loss report, or null if none. */
  private static Long[] loss(Connection c, long cardId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT replaced_by_resident_id, moved_entry_id, moved_yen FROM card_loss"
                + " WHERE card_resident_id = ?")) {
      ps.setLong(1, cardId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Long[] row = new Long[3];
        for (int i = 0; i < 3; i++) {
          long v = rs.getLong(i + 1);
          row[i] = rs.wasNull() ? null : v;
        }
        return row;
      }
    }
  }

  private long moveService(
      LedgerStore store,
      Connection c,
      CardWallet w,
      Person card,
      long appResidentId,
      long entry,
      LocalDate today,
      List<MovedLot> moved,
      Long holdingLimitYen)
      throws SQLException {
    long before = store.lockWallet(w.accountId);
    List<CardLot> lots = spendableLots(c, w.accountId, today);
    long amount = lots.stream().mapToLong(CardLot::remainingYen).sum();
    if (amount == 0) {
      return 0;
    }
    if (!store.debitWallet(w.accountId, amount)) {
      throw new IllegalStateException(
          "card wallet " + w.accountId + " holds " + before + " yen, less than its lots " + amount);
    }
    List<Allocation> taken =
        lots.stream().map(l -> new Allocation(l.lotId, l.remainingYen)).toList();
    store.consumeLots(taken);
    long transit = store.account(w.serviceId, AccountKind.CARD_MIGRATION, null);
    String note = "card " + card.memberCode;
    LedgerStore.Inserted out =
        store.insertTransfer(
            new LedgerStore.NewTransfer(
                entry,
                w.serviceId,
                Operation.MIGRATE_OUT,
                w.accountId,
                transit,
                amount,
                card.id,
                null,
                null,
                before,
                before - amount,
                null,
                note));
    store.insertAllocations(out.id(), taken);

    long appWallet = store.ensureWallet(appResidentId, w.serviceId);
    OptionalLong after = store.creditWallet(appWallet, amount, holdingLimitYen);
    if (after.isEmpty()) {
      throw new RefusedException(
          Refusal.HOLDING_LIMIT_EXCEEDED, holdingLimitYen, store.balance(appWallet));
    }
    LedgerStore.Inserted in =
        store.insertTransfer(
            new LedgerStore.NewTransfer(
                entry,
                w.serviceId,
                Operation.MIGRATE,
                transit,
                appWallet,
                amount,
                appResidentId,
                null,
                null,
                after.getAsLong() - amount,
                after.getAsLong(),
                null,
                note));
    for (CardLot l : lots) {
      store.insertLot(appWallet, in.id(), l.kind, l.remainingYen, l.expiresOn);
      moved.add(new MovedLot(w.serviceCode, l.kind, l.remainingYen, l.expiresOn));
    }
    return amount;
  }

  private record Person(
      long id,
      String membership,
      String kana,
      LocalDate birthDate,
      String memberCode,
      boolean enabled) {}

  private record CardWallet(
      long accountId, long serviceId, String serviceCode, Long holdingLimitYen) {}

  private record CardLot(long lotId, LotKind kind, long remainingYen, LocalDate expiresOn) {}

  private static Person lockPerson(Connection c, long id) throws SQLException {
    return person(c, id, " FOR UPDATE");
  }

  private static Person person(Connection c, long id, String lock) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT membership, name_kana, birth_date, card_member_code, card_enabled"
                + " FROM resident WHERE id = ?"
                + lock)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new Person(
            id,
            rs.getString(1),
            rs.getString(2),
            rs.getDate(3).toLocalDate(),
            rs.getString(4),
            rs.getBoolean(5));
      }
    }
  }

  private static List<CardWallet> cardWallets(Connection c, long cardResidentId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT a.id, a.service_id, v.code, v.holding_limit_yen FROM account a"
                + " JOIN value_service v ON v.id = a.service_id"
                + " WHERE a.resident_id = ? AND a.kind = 'WALLET' ORDER BY a.service_id")) {
      ps.setLong(1, cardResidentId);
      List<CardWallet> wallets = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long limit = rs.getLong(4);
          Long holdingLimitYen = rs.wasNull() ? null : limit; // R-14; none for points
          wallets.add(
              new CardWallet(rs.getLong(1), rs.getLong(2), rs.getString(3), holdingLimitYen));
        }
      }
      return wallets;
    }
  }

  private static List<CardLot> spendableLots(Connection c, long account, LocalDate today)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, kind, remaining_yen, expires_on FROM value_lot"
                + " WHERE account_id = ? AND remaining_yen > 0 AND expires_on >= ?"
                + " ORDER BY expires_on, id")) {
      ps.setLong(1, account);
      ps.setDate(2, Date.valueOf(today));
      List<CardLot> lots = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lots.add(
              new CardLot(
                  rs.getLong(1),
                  LotKind.valueOf(rs.getString(2)),
                  rs.getLong(3),
                  rs.getDate(4).toLocalDate()));
        }
      }
      return lots;
    }
  }

  private static void disable(Connection c, long cardResidentId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE resident SET card_enabled = FALSE WHERE id = ? AND card_enabled = TRUE")) {
      ps.setLong(1, cardResidentId);
      if (ps.executeUpdate() != 1) {
        // The row is locked by this transaction and was enabled a moment ago.
        throw new IllegalStateException("card of resident " + cardResidentId + " not disabled");
      }
    }
  }

  private static void record(
      Connection c, long card, long app, long entry, long total, LocalDateTime now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO card_migration (card_resident_id, app_resident_id, entry_id, moved_yen,"
                + " migrated_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, card);
      ps.setLong(2, app);
      ps.setLong(3, entry);
      ps.setLong(4, total);
      ps.setTimestamp(5, Timestamp.valueOf(now));
      ps.executeUpdate();
    }
  }

  /**
   * The card's earlier migration into this app account, as it moved then; null if there is none.
   *
   * @throws RefusedException CARD_DISABLED if it moved into another account
   */
  private static Moved earlierMigration(Connection c, long card, long app) throws SQLException {
    long entry;
    long total;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT app_resident_id, entry_id, moved_yen FROM card_migration"
                + " WHERE card_resident_id = ?")) {
      ps.setLong(1, card);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        if (rs.getLong(1) != app) {
          throw new RefusedException(Refusal.CARD_DISABLED);
        }
        entry = rs.getLong(2);
        total = rs.getLong(3);
      }
    }
    return new Moved(entry, total, lotsOf(c, entry), true);
  }

  /** The lots a MIGRATE entry created in the app wallet, as they arrived. */
  public static List<MovedLot> lotsOf(Connection c, long entry) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT v.code, l.kind, l.amount_yen, l.expires_on FROM transfer t"
                + " JOIN value_lot l ON l.origin_transfer_id = t.id"
                + " JOIN value_service v ON v.id = t.service_id"
                + " WHERE t.entry_id = ? AND t.operation = 'MIGRATE'"
                + " ORDER BY v.id, l.expires_on, l.id")) {
      ps.setLong(1, entry);
      List<MovedLot> lots = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lots.add(
              new MovedLot(
                  rs.getString(1),
                  LotKind.valueOf(rs.getString(2)),
                  rs.getLong(3),
                  rs.getDate(4).toLocalDate()));
        }
      }
      return List.copyOf(lots);
    }
  }
}
