package org.jimoto.nightly.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jimoto.charge.control.BonusPayer;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * One pass of a nightly job over its items, each in its own transaction ({@link NightlyRuns}): an
 * item that fails is logged with its id, counted, and left for the next run, while the pass goes on
 * . The job's batchlets run it for a run; {@code ExpiryService.expireDueLots} and
 * {@code BonusService.payDueBonuses} run it outside any run.
 */
@Dependent
public class NightlyPass {

  private static final Logger LOG = Logger.getLogger(NightlyPass.class.getName());

  /** What a pass did: items tried, moved (swept, paid), yen, left pending, failed. */
  public record Tally(int done, int moved, long yen, int leftPending, int failed) {}

  @Inject NightlyRuns runs;
  @Inject BonusPayer payer;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /**
   * sweeps every wallet with a lot whose last valid day is before {@code today}.
   *
   * @param runId the run to count into, or null
   * @param planned told how many wallets are due, before the first is swept
   * @param stop asked between wallets whether to stop
   */
  public Tally expire(
      Long runId,
      Long executionId,
      LocalDate today,
      String actor,
      IntConsumer planned,
      BooleanSupplier stop) {
    List<Long> wallets = walletsWithExpiredLots(today);
    planned.accept(wallets.size());
    int done = 0;
    int moved = 0;
    int failed = 0;
    long yen = 0;
    for (long wallet : wallets) {
      if (stop.getAsBoolean()) {
        break;
      }
      done++;
      try {
        long swept = runs.expireWallet(runId, executionId, wallet, today, actor);
        if (swept > 0) {
          moved++;
          yen += swept;
        }
      } catch (NightlyRuns.RunLost e) {
        throw e; // taken over: this pass stops, the new execution goes on
      } catch (RuntimeException e) { // the sweep's transaction is rolled back; the pass goes on
        failed++;
        LOG.log(Level.SEVERE, "Expiry of wallet " + wallet + " failed; retried next run", e);
        countFailure(runId, executionId);
      }
    }
    return new Tally(done, moved, yen, 0, failed);
  }

  /**
   * pays every bonus due on or before {@code day} and not paid yet.
   *
   * @param runId the run to count into, or null
   */
  public Tally payBonuses(
      Long runId, Long executionId, LocalDate day, IntConsumer planned, BooleanSupplier stop) {
    List<Long> bonuses = payer.dueBonuses(day);
    planned.accept(bonuses.size());
    int done = 0;
    int paid = 0;
    int pending = 0;
    int failed = 0;
    long yen = 0;
    for (long id : bonuses) {
      if (stop.getAsBoolean()) {
        break;
      }
      done++;
      try {
        NightlyRuns.BonusOutcome outcome = runs.payBonus(runId, executionId, id);
        switch (outcome.result()) {
          case PAID -> {
            paid++;
            yen += outcome.yen();
          }
          case LEFT_PENDING -> pending++;
          case ALREADY_PAID -> {} // another run or node paid it meanwhile
        }
      } catch (NightlyRuns.RunLost e) {
        throw e; // taken over: this pass stops, the new execution goes on
      } catch (RuntimeException e) { // the bonus's transaction is rolled back; the pass goes on
        failed++;
        LOG.log(Level.SEVERE, "Bonus " + id + " failed; retried next run", e);
        countFailure(runId, executionId);
      }
    }
    return new Tally(done, paid, yen, pending, failed);
  }

  private void countFailure(Long runId, Long executionId) {
    if (runId == null) {
      return;
    }
    try {
      runs.failedItem(runId, executionId);
    } catch (NightlyRuns.RunLost e) {
      throw e;
    } catch (RuntimeException e) { // the figures miss one failure; the work is not affected
      LOG.log(Level.WARNING, "Counting a failure of nightly run " + runId + " failed", e);
    }
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
