package org.jimoto.ledger.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.ledger.control.WalletSweeper;
import org.jimoto.nightly.control.NightlyBatchlets;
import org.jimoto.nightly.control.NightlyJob;
import org.jimoto.nightly.control.NightlyPass;
import org.jimoto.nightly.control.NightlyStarter;

/**
 * every night, value past its last valid day leaves the wallets through an explicit EXPIRE
 * entry per wallet, as the {@code nightly-expiry} Jakarta Batch job (#12 item 7, {@code
 * org.jimoto.nightly}). Each wallet is its own transaction: one that fails is logged with its id,
 * counted, and tried again by the next run, while the run goes on with the others.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExpiryService {

  private static final Logger LOG = Logger.getLogger(ExpiryService.class.getName());

  /** Result of a run: wallets swept, yen moved to the EXPIRED account, wallets that failed. */
  public record Run(int wallets, long expiredYen, int failed) {}

  @Inject WalletSweeper sweeper;
  @Inject NightlyPass pass;
  @Inject NightlyStarter starter;
  @Inject Clock clock;

  /** Off in the ledger's test deployments: the tests start the work themselves. */
  @Inject
  @ConfigProperty(name = "jimoto.nightly.timers.enabled", defaultValue = "true")
  boolean timers;

  /**
   * 00:10 (Japan): starts today's {@code nightly-expiry} job, once per day across the nodes (#12
   * item 7; the claim and the figures: {@code NightlyRuns}, the admin's nightly page).
   */
  @Schedule(hour = "0", minute = "10", timezone = "Asia/Tokyo", persistent = false)
  void nightly() {
    if (timers) {
      var started =
          starter.start(
              NightlyJob.EXPIRY, LocalDate.now(clock), NightlyBatchlets.EXPIRY_ACTOR, false);
      LOG.info(
          () -> "Expiry run " + started.run().id() + (started.started() ? " started" : " exists"));
    }
  }

  /**
   * One pass over the wallets with expired lots, outside the day's run (no claim, no figures kept):
   * the same work the job does, each wallet in its own transaction.
   */
  public Run expireDueLots(String actor) {
    NightlyPass.Tally t =
        pass.expire(null, null, LocalDate.now(clock), actor, n -> {}, () -> false);
    return new Run(t.moved(), t.yen(), t.failed());
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
}
