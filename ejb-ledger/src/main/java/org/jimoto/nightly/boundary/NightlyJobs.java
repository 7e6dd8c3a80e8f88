package org.jimoto.nightly.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jimoto.nightly.control.NightlyJob;
import org.jimoto.nightly.control.NightlyRun;
import org.jimoto.nightly.control.NightlyRuns;
import org.jimoto.nightly.control.NightlyStarter;

/**
 * The nightly jobs as the admin portal shows and starts them (#12 item 7): the recent runs of the
 * expiry and bonus jobs with their progress and figures, for the city's
 * administrators and auditors; the administrator may start today's run now. A start honours the
 * once-per-day claim: when today's run exists (running or done), it is the answer and nothing
 * starts; a FAILED run is started again (taken over).
 */
@Stateless
@DeclareRoles({"CITY_ADMIN", "CITY_AUDITOR"})
@RolesAllowed("CITY_ADMIN")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NightlyJobs {

  /** How far back the page lists runs. */
  public static final int DAYS = 14;

  @Inject NightlyRuns runs;
  @Inject NightlyStarter starter;
  @Inject Clock clock;
  @Resource SessionContext caller;

  /** The runs of the last {@link #DAYS} business days, latest first. */
  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public List<NightlyRun> recent() {
    return runs.since(today().minusDays(DAYS - 1), 2 * DAYS);
  }

  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public Optional<NightlyRun> run(long runId) {
    return runs.run(runId);
  }

  /** Starts today's run of {@code job} unless it exists (then returns it, started = false). */
  public NightlyStarter.Started startToday(NightlyJob job) {
    return starter.start(job, today(), caller.getCallerPrincipal().getName(), true);
  }

  /**
   * Whether a run is working now: RUNNING with a heartbeat within {@link NightlyRuns#STALE}. A
   * RUNNING run silent longer waits for a takeover; the page stops polling for it.
   */
  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public boolean anyWorking(List<NightlyRun> shown) {
    LocalDateTime now = LocalDateTime.now(clock);
    return shown.stream().anyMatch(r -> r.alive(now, NightlyRuns.STALE));
  }

  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public LocalDate today() {
    return LocalDate.now(clock);
  }
}
