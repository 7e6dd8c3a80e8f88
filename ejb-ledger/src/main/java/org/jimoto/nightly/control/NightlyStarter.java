package org.jimoto.nightly.control;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Properties;

/**
 * Starts a nightly job for a business day, for the timers and the administrator alike, honouring
 * the claim ({@link NightlyRuns#claim}): the job is started only by the start that claims the day
 * (or takes a dead run over); every other start only returns the run. Called outside a transaction
 * (the batch runtime starts jobs in its own).
 */
@Dependent
public class NightlyStarter {

  /**
   * A start's answer.
   *
   * @param started whether this start started the job (false: the day's run exists and is alive or
   *     done)
   */
  public record Started(NightlyRun run, boolean started) {}

  @Inject NightlyRuns runs;

  /**
   * The run of {@code job} on {@code day}, its job started if this start claimed it.
   *
   * @param restartFailed whether a FAILED run is started again (the administrator's start)
   */
  public Started start(NightlyJob job, LocalDate day, String who, boolean restartFailed) {
    NightlyRuns.Claim claim = runs.claim(job, day, who, restartFailed);
    if (claim.startJob()) {
      Properties parameters = new Properties();
      parameters.setProperty("runId", Long.toString(claim.runId()));
      // the job records its execution itself (NightlyRuns#plan): no race with a fast job's end
      BatchRuntime.getJobOperator().start(job.jobName(), parameters);
    }
    return new Started(runs.run(claim.runId()).orElseThrow(), claim.startJob());
  }
}
