package org.jimoto.ledger.control;

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
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.control.LotAllocator.Allocation;
import org.jimoto.ledger.control.LotAllocator.OpenLot;
import org.jimoto.ledger.entity.AccountKind;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Moves value out of one wallet in one transaction: its expired lots (R-13 有効期限切れ) or, for
 * forfeiture, all of it (失効).
 */
@Stateless
public class WalletSweeper {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;
  @Inject AuditLog audit;

  /** What a sweep moved: the yen, and the EXPIRE or FORFEIT transfer (null if nothing). */
  public record Swept(long amountYen, String tranId, long residentId) {}

  /**
   * Sweeps one wallet. The wallet row is locked before its lots are read, so two runs at once (two
   * nodes, or a run and a forfeiture) move each lot once: the second finds nothing left. A
   * forfeiture is a person's decision and is audit-logged with its reason.
   */
  public Swept sweep(long walletAccountId, boolean forfeit, String actor, String reason) {
    return sweep(walletAccountId, forfeit, null, actor, reason);
  }

  /**
   * sweeps the lots of one wallet whose last valid day is before {@code day}: a nightly run
   * expires what was due on its own business day, also when it runs after the next midnight.
   */
  public Swept sweepExpired(long walletAccountId, LocalDate day, String actor) {
    return sweep(walletAccountId, false, day, actor, null);
  }

  private Swept sweep(
      long walletAccountId, boolean forfeit, LocalDate day, String actor, String reason) {
    try (Connection c = dataSource.getConnection()) {
      LocalDateTime now = LocalDateTime.now(clock);
      var store = new LedgerStore(c, now);
      long before = store.lockWallet(walletAccountId);
      List<OpenLot> lots =
          forfeit
              ? store.allOpenLots(walletAccountId)
              : store.expiredLots(walletAccountId, day == null ? now.toLocalDate() : day);
      long total = lots.stream().mapToLong(OpenLot::remainingYen).sum();
      if (total == 0) {
        return new Swept(0, null, 0);
      }
      if (!store.debitWallet(walletAccountId, total)) {
        throw new IllegalStateException(
            "wallet " + walletAccountId + " holds " + before + " yen, less than its lots " + total);
      }
      List<Allocation> all =
          lots.stream().map(l -> new Allocation(l.lotId(), l.remainingYen())).toList();
      store.consumeLots(all);
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
                  before,
                  before - total,
                  null,
                  reason));
      store.insertAllocations(t.id(), all);
      if (forfeit) {
        audit.record(
            Portal.ADMIN,
            actor,
            "FORFEIT",
            "resident "
                + residentId
                + ", wallet "
                + walletAccountId
                + ", "
                + total
                + " yen, tranId "
                + t.tranId(),
            reason);
      }
      return new Swept(total, t.tranId(), residentId);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "sweep of wallet " + walletAccountId + " failed: " + e.getMessage(), e);
    }
  }
}
