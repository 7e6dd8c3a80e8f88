package org.jimoto.charge.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jimoto.charge.control.BonusPayer;

/**
 * bonuses a charge earned in another service (さいたま's 3 % as たまポン points) are paid by the next
 * day. Each bonus is its own transaction and is paid at most once, also when several nodes run the
 * job at the same time; one that fails is logged with its id, counted, and tried again by the next
 * run, while the run goes on with the others.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BonusService {

  private static final Logger LOG = Logger.getLogger(BonusService.class.getName());

  /** Result of a run: bonuses paid, left pending (holding limit reached), and failed. */
  public record Run(int paid, int leftPending, int failed) {}

  @Inject BonusPayer payer;
  @Inject Clock clock;

  @Schedule(hour = "0", minute = "20", timezone = "Asia/Tokyo", persistent = false)
  void nightly() {
    Run run = payDueBonuses(LocalDate.now(clock));
    LOG.info(
        () ->
            "Bonus run: "
                + run.paid()
                + " paid, "
                + run.leftPending()
                + " left pending, "
                + run.failed()
                + " failed");
  }

  /** Pays every bonus due on or before {@code day} that is not paid yet. */
  public Run payDueBonuses(LocalDate day) {
    int paid = 0;
    int pending = 0;
    int failed = 0;
    for (long id : payer.dueBonuses(day)) {
      try {
        switch (payer.payBonus(id)) {
          case PAID -> paid++;
          case LEFT_PENDING -> pending++;
          case ALREADY_PAID -> {} // another run or node paid it meanwhile
        }
      } catch (RuntimeException e) { // the bonus's transaction is rolled back; the run goes on
        failed++;
        LOG.log(Level.SEVERE, "Bonus " + id + " failed; retried next run", e);
      }
    }
    return new Run(paid, pending, failed);
  }
}
