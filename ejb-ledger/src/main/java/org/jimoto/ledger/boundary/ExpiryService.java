package org.jimoto.ledger.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jimoto.ledger.control.WalletSweeper;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * every night, value past its last valid day leaves the wallets through an explicit EXPIRE
 * entry per wallet. Each wallet is its own transaction: one that fails is logged with its id,
 * counted, and tried again by the next run, while the run goes on with the others.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExpiryService {

  private static final Logger LOG = Logger.getLogger(ExpiryService.class.getName());

  /** Result of a run: wallets swept, yen moved to the EXPIRED account, wallets that failed. */
  public record Run(int wallets, long expiredYen, int failed) {}

  @Inject WalletSweeper sweeper;
  @Inject Clock clock;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Schedule(hour = "0", minute = "10", timezone = "Asia/Tokyo", persistent = false)
  void nightly() {
    Run run = expireDueLots("system:expiry");
    LOG.info(
        () ->
            "Expiry run: "
                + run.wallets()
                + " wallet(s), "
                + run.expiredYen()
                + " yen, "
                + run.failed()
                + " failed");
  }

  public Run expireDueLots(String actor) {
    LocalDate today = LocalDate.now(clock);
    int wallets = 0;
    int failed = 0;
    long total = 0;
    for (long account : walletsWithExpiredLots(today)) {
      try {
        long moved = sweeper.sweep(account, false, actor, null).amountYen();
        if (moved > 0) {
          wallets++;
          total += moved;
        }
      } catch (RuntimeException e) { // the sweep's transaction is rolled back; the run goes on
        failed++;
        LOG.log(Level.SEVERE, "Expiry of wallet " + account + " failed; retried next run", e);
      }
    }
    return new Run(wallets, total, failed);
  }

  /**
   * 失効: everything left in a wallet goes to FORFEITED, e.g. when the account is closed; audited
   * with who and why.
   *
   * @return the yen forfeited
   */
  public long forfeit(long walletAccountId, String actor, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new RefusedException(Refusal.REASON_MISSING);
    }
    return sweeper.sweep(walletAccountId, true, actor, reason).amountYen();
  }

  private List<Long> walletsWithExpiredLots(LocalDate today) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT DISTINCT account_id FROM value_lot WHERE expires_on < ?"
                    + " AND remaining_yen > 0 ORDER BY account_id")) {
      ps.setDate(1, Date.valueOf(today));
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
}
