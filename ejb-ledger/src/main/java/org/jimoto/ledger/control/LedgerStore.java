package org.jimoto.ledger.control;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jimoto.ledger.control.LotAllocator.Allocation;
import org.jimoto.ledger.control.LotAllocator.OpenLot;
import org.jimoto.ledger.entity.AccountKind;
import org.jimoto.ledger.entity.LotKind;
import org.jimoto.ledger.entity.Operation;

/**
 * The ledger's SQL, on one connection of the caller's transaction. An instance lives for one
 * operation. Wallet balances change only through conditional updates, so two terminals paying from
 * one wallet at once can never overdraw it: the second waits for the first's row lock and
 * then sees the new balance.
 */
public final class LedgerStore {

  /** Shop and city account ids never change once committed; wallets are looked up each time. */
  private static final Map<String, Long> COMMITTED_ACCOUNTS = new ConcurrentHashMap<>();

  private final Connection c;
  private final SqlDialect dialect;
  private final LocalDateTime now;
  private final Set<String> createdHere = new HashSet<>();

  public LedgerStore(Connection connection, LocalDateTime now) throws SQLException {
    this.c = connection;
    this.dialect = SqlDialect.of(connection);
    this.now = now;
  }

  public LocalDateTime now() {
    return now;
  }

  // ------------------------------------------------------------------ accounts

  /** A shop or city account of a service, created on first use. */
  public long account(long serviceId, AccountKind kind, Long shopId) throws SQLException {
    if (kind == AccountKind.WALLET) {
      throw new IllegalArgumentException("use wallet()/ensureWallet() for wallets");
    }
    String key = serviceId + ":" + kind + ":" + shopId;
    Long cached = COMMITTED_ACCOUNTS.get(key);
    if (cached != null) {
      return cached;
    }
    Optional<Long> found = findAccount(serviceId, kind, null, shopId);
    if (found.isEmpty()) {
      insertAccount(serviceId, kind, null, shopId);
      createdHere.add(key);
      found = findAccount(serviceId, kind, null, shopId);
    }
    long id = found.orElseThrow();
    if (!createdHere.contains(key)) {
      COMMITTED_ACCOUNTS.put(
          key, id); // only rows this transaction did not create: no rollback risk
    }
    return id;
  }

  /** The resident's wallet account in a service, if it has one. */
  public Optional<Long> wallet(long residentId, long serviceId) throws SQLException {
    return findAccount(serviceId, AccountKind.WALLET, residentId, null);
  }

  /**
   * The resident's wallet in a service, created on first use. Two first credits at once create one
   * account and one balance row (the unique indexes decide; the loser reads the winner's).
   */
  public long ensureWallet(long residentId, long serviceId) throws SQLException {
    Optional<Long> found = wallet(residentId, serviceId);
    if (found.isPresent()) {
      return found.get();
    }
    insertAccount(serviceId, AccountKind.WALLET, residentId, null);
    long id = wallet(residentId, serviceId).orElseThrow();
    try (PreparedStatement ps =
        c.prepareStatement(
            dialect.insertIgnoringDuplicate(
                "INSERT INTO wallet (account_id, balance_yen) VALUES (?, 0)"))) {
      ps.setLong(1, id);
      dialect.executeIgnoringDuplicate(ps);
    }
    return id;
  }

  private Optional<Long> findAccount(long serviceId, AccountKind kind, Long residentId, Long shopId)
      throws SQLException {
    String sql =
        "SELECT id FROM account WHERE service_id = ? AND kind = ? AND "
            + (residentId == null ? "resident_id IS NULL" : "resident_id = ?")
            + " AND "
            + (shopId == null ? "shop_id IS NULL" : "shop_id = ?")
            + " ORDER BY id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setLong(i++, serviceId);
      ps.setString(i++, kind.name());
      if (residentId != null) {
        ps.setLong(i++, residentId);
      }
      if (shopId != null) {
        ps.setLong(i, shopId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  private void insertAccount(long serviceId, AccountKind kind, Long residentId, Long shopId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            dialect.insertIgnoringDuplicate(
                "INSERT INTO account (id, service_id, kind, resident_id, shop_id, owner_id,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"))) {
      ps.setLong(1, IdAllocator.next(c, dialect, "account_seq"));
      ps.setLong(2, serviceId);
      ps.setString(3, kind.name());
      setNullableLong(ps, 4, residentId);
      setNullableLong(ps, 5, shopId);
      // One account per (service, kind, owner); the city's own accounts are owner 0 (V5).
      ps.setLong(6, residentId != null ? residentId : shopId != null ? shopId : 0L);
      ps.setTimestamp(7, Timestamp.valueOf(now));
      dialect.executeIgnoringDuplicate(ps);
    }
  }

  /**
   * locks the resident's row for the rest of the transaction. A card's move to the app takes
   * this lock first and holds it until it has emptied the card and disabled it; whoever credits a
   * card (a charge, a grant, a bonus, a cancellation's refund) takes it before reading the card's
   * state, so it either goes first (and its value moves with the card) or sees the card moved.
   *
   * @return false if there is no such resident
   */
  public boolean lockResident(long residentId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM resident WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, residentId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  // ------------------------------------------------------------------ wallet balances

  public long balance(long walletAccountId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT balance_yen FROM wallet WHERE account_id = ?")) {
      ps.setLong(1, walletAccountId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    }
  }

  /**
   * Finds the resident's wallet and takes the amount in one statement, if the balance covers it.
   *
   * @return {wallet account id, balance after}, or empty (nothing changed) if there is no wallet or
   *     not enough in it
   */
  public Optional<long[]> debitResidentWallet(long residentId, long serviceId, long amountYen)
      throws SQLException {
    String update =
        "UPDATE wallet SET balance_yen = balance_yen - ? WHERE account_id = (SELECT id FROM"
            + " account WHERE resident_id = ? AND service_id = ? AND kind = 'WALLET')"
            + " AND balance_yen >= ?";
    try (PreparedStatement ps =
        c.prepareStatement(dialect.updateReturning(update, "account_id, balance_yen"))) {
      ps.setLong(1, amountYen);
      ps.setLong(2, residentId);
      ps.setLong(3, serviceId);
      ps.setLong(4, amountYen);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2)})
            : Optional.empty();
      }
    }
  }

  /** Takes the amount if the balance covers it; false (and nothing changed) otherwise. */
  public boolean debitWallet(long walletAccountId, long amountYen) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE wallet SET balance_yen = balance_yen - ?"
                + " WHERE account_id = ? AND balance_yen >= ?")) {
      ps.setLong(1, amountYen);
      ps.setLong(2, walletAccountId);
      ps.setLong(3, amountYen);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Adds the amount unless the balance would pass {@code limitYen} (R-14; null = no limit). The
   * balance after comes from the same statement, under the row lock, so it is what the wallet
   * really holds even when a payment committed a moment before (R-71 beforeValue/afterValue).
   *
   * @return the balance after, or empty (nothing changed) if the limit would be passed
   */
  public OptionalLong creditWallet(long walletAccountId, long amountYen, Long limitYen)
      throws SQLException {
    String update =
        "UPDATE wallet SET balance_yen = balance_yen + ? WHERE account_id = ?"
            + (limitYen == null ? "" : " AND balance_yen + ? <= ?");
    try (PreparedStatement ps =
        c.prepareStatement(dialect.updateReturning(update, "balance_yen"))) {
      ps.setLong(1, amountYen);
      ps.setLong(2, walletAccountId);
      if (limitYen != null) {
        ps.setLong(3, amountYen);
        ps.setLong(4, limitYen);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /**
   * Locks the wallet row for the rest of the transaction and returns its balance: whoever reads
   * lots to move them out (expiry, forfeiture) must hold it, or two runs could move them twice.
   */
  public long lockWallet(long walletAccountId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT balance_yen FROM wallet WHERE account_id = ? FOR UPDATE")) {
      ps.setLong(1, walletAccountId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no wallet " + walletAccountId);
        }
        return rs.getLong(1);
      }
    }
  }

  // ------------------------------------------------------------------ lots

  /** Lots that can still be spent on {@code today}, earliest expiry first. */
  public List<OpenLot> spendableLots(long walletAccountId, LocalDate today) throws SQLException {
    return openLots(walletAccountId, "expires_on >= ?", today, "expires_on, id");
  }

  /** Lots of a wallet whose last valid day is before {@code today} and that still hold value. */
  public List<OpenLot> expiredLots(long walletAccountId, LocalDate today) throws SQLException {
    return openLots(walletAccountId, "expires_on < ?", today, "id");
  }

  /** All lots of a wallet that still hold value, expired or not (for forfeiture). */
  public List<OpenLot> allOpenLots(long walletAccountId) throws SQLException {
    return openLots(walletAccountId, null, null, "expires_on, id");
  }

  private List<OpenLot> openLots(long account, String dateCondition, LocalDate day, String order)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, remaining_yen, expires_on FROM value_lot"
                + " WHERE account_id = ? AND remaining_yen > 0"
                + (dateCondition == null ? "" : " AND " + dateCondition)
                + " ORDER BY "
                + order)) {
      ps.setLong(1, account);
      if (day != null) {
        ps.setDate(2, Date.valueOf(day));
      }
      List<OpenLot> lots = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lots.add(new OpenLot(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate()));
        }
      }
      return lots;
    }
  }

  /**
   * The common case in one statement: if the earliest-expiring spendable lot covers the
   * whole amount, takes it from that lot. Call with the wallet row already locked by its debit.
   *
   * @return the lot taken from, or empty (nothing changed) if the amount spans several lots
   */
  public Optional<Long> takeFromEarliestLot(long walletAccountId, long amountYen, LocalDate today)
      throws SQLException {
    String update =
        "UPDATE value_lot SET remaining_yen = remaining_yen - ? WHERE id = (SELECT id FROM"
            + " value_lot WHERE account_id = ? AND remaining_yen > 0 AND expires_on >= ?"
            + " ORDER BY expires_on, id FETCH FIRST 1 ROWS ONLY) AND remaining_yen >= ?";
    try (PreparedStatement ps = c.prepareStatement(dialect.updateReturning(update, "id"))) {
      ps.setLong(1, amountYen);
      ps.setLong(2, walletAccountId);
      ps.setDate(3, Date.valueOf(today));
      ps.setLong(4, amountYen);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  public void consumeLots(List<Allocation> allocations) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE value_lot SET remaining_yen = remaining_yen - ?"
                + " WHERE id = ? AND remaining_yen >= ?")) {
      for (Allocation a : allocations) {
        ps.setLong(1, a.amountYen());
        ps.setLong(2, a.lotId());
        ps.setLong(3, a.amountYen());
        ps.addBatch();
      }
      assertAllUpdated(ps.executeBatch(), "lot consumption");
    }
  }

  /** gives back exactly what a debit took, to the same lots (expiry preserved). */
  public void restoreLots(List<Allocation> allocations) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE value_lot SET remaining_yen = remaining_yen + ?"
                + " WHERE id = ? AND remaining_yen + ? <= amount_yen")) {
      for (Allocation a : allocations) {
        ps.setLong(1, a.amountYen());
        ps.setLong(2, a.lotId());
        ps.setLong(3, a.amountYen());
        ps.addBatch();
      }
      assertAllUpdated(ps.executeBatch(), "lot restore");
    }
  }

  public long insertLot(
      long walletAccountId,
      long originTransferId,
      LotKind kind,
      long amountYen,
      LocalDate expiresOn)
      throws SQLException {
    long id = IdAllocator.next(c, dialect, "value_lot_seq");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO value_lot (id, account_id, origin_transfer_id, kind, amount_yen,"
                + " remaining_yen, expires_on) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setLong(2, walletAccountId);
      ps.setLong(3, originTransferId);
      ps.setString(4, kind.name());
      ps.setLong(5, amountYen);
      ps.setLong(6, amountYen);
      ps.setDate(7, Date.valueOf(expiresOn));
      ps.executeUpdate();
    }
    return id;
  }

  /** The lot a credit created, with what is left of it. */
  public Optional<long[]> lotOf(long originTransferId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, amount_yen, remaining_yen FROM value_lot WHERE origin_transfer_id = ?")) {
      ps.setLong(1, originTransferId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
            : Optional.empty();
      }
    }
  }

  public void insertAllocations(long transferId, List<Allocation> allocations) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO lot_allocation (transfer_id, lot_id, amount_yen) VALUES (?, ?, ?)")) {
      for (Allocation a : allocations) {
        ps.setLong(1, transferId);
        ps.setLong(2, a.lotId());
        ps.setLong(3, a.amountYen());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  public List<Allocation> allocationsOf(long transferId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT lot_id, amount_yen FROM lot_allocation WHERE transfer_id = ? ORDER BY lot_id")) {
      ps.setLong(1, transferId);
      List<Allocation> result = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          result.add(new Allocation(rs.getLong(1), rs.getLong(2)));
        }
      }
      return result;
    }
  }

  // ------------------------------------------------------------------ journal

  public long insertEntry(Operation operation, String actor, Long targetEntryId)
      throws SQLException {
    long id = IdAllocator.next(c, dialect, "journal_entry_seq");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO journal_entry (id, operation, actor, target_entry_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, operation.name());
      ps.setString(3, actor);
      setNullableLong(ps, 4, targetEntryId);
      ps.setTimestamp(5, Timestamp.valueOf(now));
      ps.executeUpdate();
    }
    return id;
  }

  /** One transfer of a journal entry; {@code tranId} is its public transaction id. */
  public record NewTransfer(
      long entryId,
      long serviceId,
      Operation operation,
      long debitAccountId,
      long creditAccountId,
      long amountYen,
      Long residentId,
      Long shopId,
      Long terminalId,
      Long walletBeforeYen,
      Long walletAfterYen,
      Long targetTransferId,
      String note) {}

  /** A stored transfer: its row id and its public transaction id (tranId, R-71). */
  public record Inserted(long id, String tranId) {}

  public Inserted insertTransfer(NewTransfer t) throws SQLException {
    if (t.amountYen() <= 0 || t.debitAccountId() == t.creditAccountId()) {
      throw new IllegalArgumentException("a transfer moves a positive amount between two accounts");
    }
    long id = IdAllocator.next(c, dialect, "transfer_seq");
    String tranId = java.util.UUID.randomUUID().toString();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO transfer (id, tran_id, entry_id, service_id, operation, debit_account_id,"
                + " credit_account_id, amount_yen, resident_id, shop_id, terminal_id,"
                + " wallet_before_yen, wallet_after_yen, target_transfer_id, status, closed, note,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, tranId);
      ps.setLong(3, t.entryId());
      ps.setLong(4, t.serviceId());
      ps.setString(5, t.operation().name());
      ps.setLong(6, t.debitAccountId());
      ps.setLong(7, t.creditAccountId());
      ps.setLong(8, t.amountYen());
      setNullableLong(ps, 9, t.residentId());
      setNullableLong(ps, 10, t.shopId());
      setNullableLong(ps, 11, t.terminalId());
      setNullableLong(ps, 12, t.walletBeforeYen());
      setNullableLong(ps, 13, t.walletAfterYen());
      setNullableLong(ps, 14, t.targetTransferId());
      // R-71 status: a cancellation is shown as キャンセル from the start (seed 004), its
      // original once it is cancelled; everything else is active (1).
      ps.setInt(15, t.operation().isCancellation() ? 2 : 1);
      ps.setString(16, t.note());
      ps.setTimestamp(17, Timestamp.valueOf(now));
      ps.executeUpdate();
    }
    return new Inserted(id, tranId);
  }

  /**
   * the original keeps its row and is marked cancelled (status 2), R-71 updatedAt set. Only
   * while it is still active and not closed: a settlement close that committed after the
   * caller read the row wins, and the caller must refuse.
   *
   * @return false if the transfer was already cancelled or closed
   */
  public boolean markCancelled(long transferId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE transfer SET status = 2, updated_at = ? WHERE id = ? AND status = 1"
                + " AND closed = FALSE")) {
      ps.setTimestamp(1, Timestamp.valueOf(now));
      ps.setLong(2, transferId);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * A credit to a wallet whose balance was already raised by {@link #creditWallet}: the transfer
   * from the funding account and the lot it creates, with its own expiry (R-10..R-12).
   *
   * @param afterYen the wallet's balance once this credit is in it
   */
  public Inserted creditLot(
      long entryId,
      long serviceId,
      AccountKind source,
      Operation operation,
      long residentId,
      long walletAccountId,
      long amountYen,
      long afterYen,
      LotKind kind,
      LocalDate expiresOn,
      String note)
      throws SQLException {
    long from = account(serviceId, source, null);
    Inserted t =
        insertTransfer(
            new NewTransfer(
                entryId,
                serviceId,
                operation,
                from,
                walletAccountId,
                amountYen,
                residentId,
                null,
                null,
                afterYen - amountYen,
                afterYen,
                null,
                note));
    insertLot(walletAccountId, t.id(), kind, amountYen, expiresOn);
    return t;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  private static void setNullableLong(PreparedStatement ps, int index, Long value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  private static void assertAllUpdated(int[] counts, String what) {
    for (int n : counts) {
      if (n == 0) {
        // The wallet row lock serializes a wallet's writers, so this means corrupted state.
        throw new IllegalStateException(what + " found a lot with less value than recorded");
      }
    }
  }
}
