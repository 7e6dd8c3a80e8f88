package org.jimoto.settlement.control;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/**
 * The steps of the {@code settlement-close} job (META-INF/batch-jobs/settlement-close.xml). They
 * hold no state: the run and line rows are the checkpoint, so a new execution after a crash (or a
 * second one at the same time) goes on from where the rows say, and closes each line once.
 */
public final class ClosingBatchlets {

  /** The job's name, as its XML file is called. */
  public static final String JOB = "settlement-close";

  private static final Logger LOG = Logger.getLogger(ClosingBatchlets.class.getName());

  private ClosingBatchlets() {}

  /** Step 1: the shops' lines. */
  @Named("settlementPlan")
  @Dependent
  public static class Plan extends AbstractBatchlet {
    @Inject
    @BatchProperty(name = "runId")
    String runId;

    @Inject ClosingSteps steps;

    @Override
    public String process() {
      int lines = steps.plan(Long.parseLong(runId));
      LOG.info(() -> "Settlement run " + runId + ": " + lines + " shop line(s)");
      return "PLANNED";
    }
  }

  /** Step 2: each pending line in its own transaction; stops between lines when asked. */
  @Named("settlementCloseLines")
  @Dependent
  public static class CloseLines extends AbstractBatchlet {
    @Inject
    @BatchProperty(name = "runId")
    String runId;

    @Inject ClosingSteps steps;

    private volatile boolean stopRequested;

    @Override
    public String process() {
      int closed = 0;
      for (long line : steps.pendingLines(Long.parseLong(runId))) {
        if (stopRequested) {
          return "STOPPED";
        }
        if (steps.closeLine(line)) {
          closed++;
        }
      }
      int n = closed;
      LOG.info(() -> "Settlement run " + runId + ": " + n + " line(s) closed");
      return "CLOSED";
    }

    @Override
    public void stop() {
      stopRequested = true;
    }
  }

  /** Step 3: the run is CLOSED, or the job fails and a new start goes on with it. */
  @Named("settlementFinish")
  @Dependent
  public static class Finish extends AbstractBatchlet {
    @Inject
    @BatchProperty(name = "runId")
    String runId;

    @Inject ClosingSteps steps;

    @Override
    public String process() {
      if (!steps.finish(Long.parseLong(runId))) {
        throw new IllegalStateException("settlement run " + runId + " still has open lines");
      }
      return "FINISHED";
    }
  }
}
