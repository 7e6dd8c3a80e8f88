package org.jimoto.nightly.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.nightly.control.NightlyRun;
import org.jimoto.nightly.control.NightlyRuns;
import org.jimoto.nightly.control.NightlyStarter;

/**
 * Takes over, every minute and on every node, a nightly run whose node died (RUNNING, no progress
 * for {@link NightlyRuns#STALE}), as {@code SettlementScheduler} does for the close: the claim lets
 * one node take it, and the work is safe to repeat. The nightly starts themselves are the timers of
 * {@code ExpiryService} (00:10) and {@code BonusService} (00:20). {@code
 * jimoto.nightly.timers.enabled=false} stops all three (the ledger's test deployments, whose tests
 * call the work themselves).
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NightlyScheduler {

  /** The name the timers' starts and takeovers carry in the run and the audit log. */
  public static final String WHO = "scheduler";

  private static final Logger LOG = Logger.getLogger(NightlyScheduler.class.getName());

  @Inject NightlyRuns runs;
  @Inject NightlyStarter starter;

  @Inject
  @ConfigProperty(name = "jimoto.nightly.timers.enabled", defaultValue = "true")
  boolean timers;

  @Schedule(minute = "*", hour = "*", persistent = false)
  void everyMinute() {
    if (timers) {
      resumeStalled();
    }
  }

  /** Takes over every stalled run; returns those this node took over. */
  public List<Long> resumeStalled() {
    List<Long> taken = new ArrayList<>();
    for (NightlyRun run : runs.stalled()) {
      try {
        if (starter.start(run.job(), run.day(), WHO, false).started()) {
          taken.add(run.id());
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Taking over nightly run " + run.id() + " failed", e);
      }
    }
    return taken;
  }
}
