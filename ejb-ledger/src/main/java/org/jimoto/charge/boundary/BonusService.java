package org.jimoto.charge.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.nightly.control.NightlyJob;
import org.jimoto.nightly.control.NightlyPass;
import org.jimoto.nightly.control.NightlyStarter;

/**
 * bonuses a charge earned in another service (さいたま's 3 % as たまポン points) are paid by the next
 * day, as the {@code nightly-bonus} Jakarta Batch job (#12 item 7, {@code org.jimoto.nightly}).
 * Each bonus is its own transaction and is paid at most once, also when several nodes run the job
 * at the same time; one that fails is logged with its id, counted, and tried again by the next run,
 * while the run goes on with the others.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BonusService {

  private static final Logger LOG = Logger.getLogger(BonusService.class.getName());

  /** Result of a run: bonuses paid, left pending (holding limit reached), and failed. */
  public record Run(int paid, int leftPending, int failed) {}

  @Inject NightlyPass pass;
  @Inject NightlyStarter starter;
  @Inject Clock clock;

  /** Off in the ledger's test deployments: the tests start the work themselves. */
  @Inject
  @ConfigProperty(name = "jimoto.nightly.timers.enabled", defaultValue = "true")
  boolean timers;

  /**
   * 00:20 (Japan): starts today's {@code nightly-bonus} job, once per day across the nodes (#12
   * item 7; the claim and the figures: {@code NightlyRuns}, the admin's nightly page).
   */
  @Schedule(hour = "0", minute = "20", timezone = "Asia/Tokyo", persistent = false)
  void nightly() {
    if (timers) {
      var started = starter.start(NightlyJob.BONUS, LocalDate.now(clock), "system:bonus", false);
      LOG.info(
          () -> "Bonus run " + started.run().id() + (started.started() ? " started" : " exists"));
    }
  }

  /**
   * Pays every bonus due on or before {@code day} that is not paid yet, outside the day's run (no
   * claim, no figures kept): the same work the job does, each bonus in its own transaction.
   */
  public Run payDueBonuses(LocalDate day) {
    NightlyPass.Tally t = pass.payBonuses(null, null, day, n -> {}, () -> false);
    return new Run(t.moved(), t.leftPending(), t.failed());
  }
}
