package org.jimoto.nightly.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.nightly.control.NightlyJob;
import org.jimoto.nightly.control.NightlyRun;
import org.jimoto.nightly.control.NightlyRuns;
import org.jimoto.nightly.control.NightlyStarter;

/**
 * Takes over, every minute and on every node, a nightly run whose node died (RUNNING, no progress
 * for {@link NightlyRuns#STALE}), as {@code SettlementScheduler} does for the close: the claim lets
 * one node take it, and the work is safe to repeat. The nightly starts themselves are the timers of
 * {@code ExpiryService} (00:10) and {@code BonusService} (00:20); a start they missed (server down
 * then) is made up here ({@link #startMissed}). {@code jimoto.nightly.timers.enabled=false} stops
 * all three (the ledger's test deployments, whose tests call the work themselves).
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NightlyScheduler {

  /** The name the timers' starts and takeovers carry in the run and the audit log. */
  public static final String WHO = "scheduler";

  private static final Logger LOG = Logger.getLogger(NightlyScheduler.class.getName());

  @Inject NightlyRuns runs;
  @Inject NightlyStarter starter;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "jimoto.nightly.timers.enabled", defaultValue = "true")
  boolean timers;

  @Schedule(minute = "*", hour = "*", persistent = false)
  void everyMinute() {
    if (timers) {
      startMissed();
      resumeStalled();
    }
  }

  /**
   * Starts today's (Japan) run of each job whose time has passed and that has no run today: the
   * timers are not persistent, so a server down at 00:10 or 00:20 (maintenance 00:00-05:00) would
   * otherwise leave the day without a run. The claim keeps it once per day when the timer fires
   * too. Returns the runs this node started.
   */
  public List<Long> startMissed() {
    LocalDateTime now = LocalDateTime.now(clock);
    LocalDate today = now.toLocalDate();
    List<Long> started = new ArrayList<>();
    for (NightlyJob job : NightlyJob.values()) {
      if (now.toLocalTime().isBefore(job.startsAt()) || runs.of(job, today).isPresent()) {
        continue;
      }
      try {
        NightlyStarter.Started s = starter.start(job, today, WHO, false);
        if (s.started()) {
          LOG.info(
              () -> job.jobName() + " " + today + ": missed start made up, run " + s.run().id());
          started.add(s.run().id());
        }
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "Starting the missed " + job.jobName() + " of " + today + " failed", e);
      }
    }
    return started;
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
