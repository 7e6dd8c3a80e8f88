package org.jimoto.nightly.control;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.util.logging.Logger;

/**
 * The steps of the {@code nightly-expiry} and {@code nightly-bonus} jobs
 * (META-INF/batch-jobs/nightly-*.xml). They keep no checkpoint of their own: the ledger is the
 * checkpoint (a swept wallet has no expired lot left, a paid bonus is marked paid), so an execution
 * that takes a run over finds only what is still due. Stopped (the server shutting down), a run
 * stays RUNNING and is taken over once it is stale.
 */
public final class NightlyBatchlets {

  /** The actor of the EXPIRE entries the job makes, as before it was a job. */
  public static final String EXPIRY_ACTOR = "system:expiry";

  private static final Logger LOG = Logger.getLogger(NightlyBatchlets.class.getName());

  private NightlyBatchlets() {}

  /** What both steps share: the run, its execution, its end. */
  abstract static class RunStep extends AbstractBatchlet {
    @Inject
    @BatchProperty(name = "runId")
    String runId;

    @Inject JobContext job;
    @Inject NightlyRuns runs;
    @Inject NightlyPass pass;

    volatile boolean stopRequested;

    /** The pass over the items of the run's business day. */
    abstract NightlyPass.Tally pass(long run, long execution, LocalDate day);

    @Override
    public String process() {
      long run = Long.parseLong(runId);
      long execution = job.getExecutionId();
      try {
        // first, before any query: the execution and a heartbeat, so that end() finds the run
        if (!runs.begin(run, execution)) {
          LOG.warning(() -> job.getJobName() + " run " + run + " is not this execution's; left");
          return "NOT_OURS";
        }
        // the run's own day: one taken over after midnight stays the day it was claimed for
        LocalDate day = runs.run(run).orElseThrow().day();
        NightlyPass.Tally tally = pass(run, execution, day);
        if (stopRequested) {
          return "STOPPED";
        }
        runs.end(run, execution, NightlyRun.COMPLETED);
        LOG.info(() -> job.getJobName() + " run " + run + ": " + tally);
        return NightlyRun.COMPLETED;
      } catch (NightlyRuns.RunLost e) { // taken over meanwhile: the new execution ends it
        LOG.warning(e::getMessage);
        return "TAKEN_OVER";
      } catch (RuntimeException e) { // items fail alone; this is the run failing as a whole
        runs.end(run, execution, NightlyRun.FAILED);
        throw e;
      }
    }

    @Override
    public void stop() {
      stopRequested = true;
    }
  }

  /** the expired lots of every wallet, one wallet per transaction. */
  @Named("nightlyExpire")
  @Dependent
  public static class Expire extends RunStep {
    @Override
    NightlyPass.Tally pass(long run, long execution, LocalDate day) {
      return pass.expire(
          run,
          execution,
          day,
          EXPIRY_ACTOR,
          due -> runs.plan(run, execution, due),
          () -> stopRequested);
    }
  }

  /** every bonus due, one bonus per transaction. */
  @Named("nightlyPayBonuses")
  @Dependent
  public static class PayBonuses extends RunStep {
    @Override
    NightlyPass.Tally pass(long run, long execution, LocalDate day) {
      return pass.payBonuses(
          run, execution, day, due -> runs.plan(run, execution, due), () -> stopRequested);
    }
  }
}
