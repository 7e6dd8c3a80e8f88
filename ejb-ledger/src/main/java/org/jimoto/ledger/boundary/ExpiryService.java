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
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jimoto.charge.control.CreditProcessor;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * every night, value past its last valid day leaves the wallets through an explicit EXPIRE
 * entry per wallet (one transaction each, so one bad wallet does not stop the run).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExpiryService {

  private static final Logger LOG = Logger.getLogger(ExpiryService.class.getName());

  /** Result of a run: wallets touched and yen moved to the EXPIRED account. */
  public record Run(int wallets, long expiredYen) {}

  @Inject CreditProcessor processor;
  @Inject Clock clock;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Schedule(hour = "0", minute = "10", timezone = "Asia/Tokyo", persistent = false)
  void nightly() {
    Run run = expireDueLots("system:expiry");
    LOG.info(() -> "Expiry run: " + run.wallets() + " wallet(s), " + run.expiredYen() + " yen");
  }

  public Run expireDueLots(String actor) {
    LocalDate today = LocalDate.now(clock);
    int wallets = 0;
    long total = 0;
    for (long account : walletsWithExpiredLots(today)) {
      long moved = processor.sweep(account, false, actor);
      if (moved > 0) {
        wallets++;
        total += moved;
      }
    }
    return new Run(wallets, total);
  }

  /** 失効: everything left in a wallet goes to FORFEITED, e.g. when the account is closed. */
  public long forfeit(long walletAccountId, String actor) {
    return processor.sweep(walletAccountId, true, actor);
  }

  private List<Long> walletsWithExpiredLots(LocalDate today) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT DISTINCT account_id FROM value_lot WHERE expires_on < ?"
                    + " AND remaining_yen > 0")) {
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
