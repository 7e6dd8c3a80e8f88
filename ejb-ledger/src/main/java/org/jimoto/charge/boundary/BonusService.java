package org.jimoto.charge.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.logging.Logger;
import org.jimoto.charge.control.CreditProcessor;

/**
 * bonuses a charge earned in another service (さいたま's 3 % as たまポン points) are paid by the next
 * day. Each bonus is its own transaction and is paid at most once, also when several nodes run the
 * job at the same time.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BonusService {

  private static final Logger LOG = Logger.getLogger(BonusService.class.getName());

  /** Result of a run: bonuses paid, and bonuses left pending (holding limit reached). */
  public record Run(int paid, int leftPending) {}

  @Inject CreditProcessor processor;
  @Inject Clock clock;

  @Schedule(hour = "0", minute = "20", timezone = "Asia/Tokyo", persistent = false)
  void nightly() {
    Run run = payDueBonuses(LocalDate.now(clock));
    LOG.info(() -> "Bonus run: " + run.paid() + " paid, " + run.leftPending() + " left pending");
  }

  /** Pays every bonus due on or before {@code day} that is not paid yet. */
  public Run payDueBonuses(LocalDate day) {
    int paid = 0;
    int pending = 0;
    for (long id : processor.dueBonuses(day)) {
      if (processor.payBonus(id)) {
        paid++;
      } else {
        pending++;
      }
    }
    return new Run(paid, pending);
  }
}
