package org.jimoto.nightly.control;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
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
    JobOperator operator = BatchRuntime.getJobOperator();
    Optional<NightlyRun> existing = runs.of(job, day);
    if (existing.isPresent() && executing(operator, existing.get())) {
      // this node's execution still works (only slow, its heartbeat stale): no second one beside it
      return new Started(existing.get(), false);
    }
    NightlyRuns.Claim claim = runs.claim(job, day, who, restartFailed);
    if (claim.startJob()) {
      Properties parameters = new Properties();
      parameters.setProperty("runId", Long.toString(claim.runId()));
      try {
        // the job records its execution itself (NightlyRuns#begin): no race with a fast job's end
        operator.start(job.jobName(), parameters);
      } catch (RuntimeException e) { // no execution will end it: FAILED now, not RUNNING for good
        runs.end(claim.runId(), null, NightlyRun.FAILED);
        throw e;
      }
    }
    return new Started(runs.run(claim.runId()).orElseThrow(), claim.startJob());
  }

  /**
   * Whether {@code run} is RUNNING on this node and this node's batch runtime reports its recorded
   * execution as still running (as {@code ClosingStarter} asks before taking a close over). Another
   * node's execution is not known here: its heartbeat tells.
   */
  static boolean executing(JobOperator operator, NightlyRun run) {
    if (!run.running() || !NightlyRuns.NODE.equals(run.node()) || run.executionId() == null) {
      return false;
    }
    try {
      JobExecution e = operator.getJobExecution(run.executionId());
      boolean ours =
          run.job().jobName().equals(e.getJobName())
              && Long.toString(run.id()).equals(e.getJobParameters().getProperty("runId"));
      return ours
          && EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING)
              .contains(e.getBatchStatus());
    } catch (NoSuchJobExecutionException e) {
      return false;
    }
  }
}
