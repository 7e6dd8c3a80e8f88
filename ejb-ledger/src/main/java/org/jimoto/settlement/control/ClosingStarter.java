package org.jimoto.settlement.control;

import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Properties;
import javax.sql.DataSource;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Starts the {@code settlement-close} job for a service's period, for the administrator ({@link
 * org.jimoto.settlement.boundary.SettlementClosing#start}) and for the schedule ({@link
 * org.jimoto.settlement.boundary.SettlementScheduler}) alike: unless the period is closed already
 * or a live job works on it, in which case it only returns the run. Called outside a transaction
 * (the batch runtime starts jobs in its own).
 */
@Dependent
public class ClosingStarter {

  @Inject ClosingSteps steps;
  @Inject ServiceSchedules schedules;
  @Inject Clock clock;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /**
   * The run of the period of {@code serviceCode} that {@code dayInPeriod} falls in, its job started
   * if needed.
   *
   * @param who the staff login, or the scheduler's name, for the run and the audit log
   * @throws RefusedException UNKNOWN_SERVICE, or SETTLEMENT_PERIOD_OPEN if the period's close date
   *     has not passed
   */
  public long start(String serviceCode, LocalDate dayInPeriod, String who) {
    var service =
        steps
            .service(serviceCode)
            .orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_SERVICE, serviceCode));
    SettlementSchedule schedule = schedules.of(service.id(), service.schedule());
    ClosingPeriod period = schedule.periodOf(dayInPeriod);
    if (!closable(period)) {
      throw new RefusedException(
          Refusal.SETTLEMENT_PERIOD_OPEN, period.first().toString(), period.last().toString());
    }
    LocalDate payout = null;
    try {
      if (schedule.payoutDate(period) instanceof PayoutDate.Scheduled s) {
        payout = s.date();
      }
    } catch (BusinessCalendar.NotCovered e) {
      payout = null; // the holiday list does not reach that far: the date stays undecided
    }
    return launch(service, period, payout, who);
  }

  /**
   * Takes up the run {@code runId} (RUNNING, its job dead): its own period and payout date, not the
   * ones its service's schedule would give today (a schedule changed since does not move it).
   *
   * @return the run, or empty if there is no such run
   */
  public java.util.Optional<Long> resume(long runId, String who) {
    String code;
    ClosingPeriod period;
    LocalDate payout;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT v.code, r.period_start, r.period_end, r.close_date, r.payout_date"
                    + " FROM settlement_run r JOIN value_service v ON v.id = r.service_id"
                    + " WHERE r.id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return java.util.Optional.empty();
        }
        code = rs.getString(1);
        period =
            new ClosingPeriod(
                rs.getDate(2).toLocalDate(),
                rs.getDate(3).toLocalDate(),
                rs.getDate(4).toLocalDate());
        Date date = rs.getDate(5);
        payout = date == null ? null : date.toLocalDate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return java.util.Optional.of(launch(steps.service(code).orElseThrow(), period, payout, who));
  }

  private long launch(
      ClosingSteps.Service service, ClosingPeriod period, LocalDate payout, String who) {
    JobOperator jobs = BatchRuntime.getJobOperator();
    Long dead = deadExecution(jobs, service.id(), period);
    ClosingSteps.Opened opened = steps.openRun(service, period, payout, who, dead);
    if (opened.startJob()) {
      Properties parameters = new Properties();
      parameters.setProperty("runId", Long.toString(opened.runId()));
      long execution = jobs.start(ClosingBatchlets.JOB, parameters);
      steps.recordExecution(opened.runId(), execution);
    }
    return opened.runId();
  }

  /** Whether the period's close date has passed (R-53: a period is closed after its close date). */
  public boolean closable(ClosingPeriod period) {
    return LocalDate.now(clock).isAfter(period.closeDate());
  }

  /**
   * The run's recorded job execution, if this server's batch runtime knows it as this run's and
   * reports it ended (failed, stopped, or the server died under it): the run may be taken up at
   * once. An execution this server does not know is not taken for dead; the run's heartbeat going
   * stale ({@link ClosingSteps#STALE}) tells then. Each node has its own batch repository, so an id
   * can also name this node's earlier, ended execution of the same run while another node's live
   * job recorded the same number: a second job then works beside it, which costs time but never
   * money (each line is closed once, under its lock).
   */
  private Long deadExecution(JobOperator jobs, long serviceId, ClosingPeriod period) {
    long runId;
    long execution;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, job_execution_id FROM settlement_run WHERE service_id = ?"
                    + " AND period_start = ? AND period_end = ?")) {
      ps.setLong(1, serviceId);
      ps.setDate(2, Date.valueOf(period.first()));
      ps.setDate(3, Date.valueOf(period.last()));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        runId = rs.getLong(1);
        execution = rs.getLong(2);
        if (rs.wasNull()) {
          return null;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    try {
      JobExecution e = jobs.getJobExecution(execution);
      boolean ours =
          ClosingBatchlets.JOB.equals(e.getJobName())
              && Long.toString(runId).equals(e.getJobParameters().getProperty("runId"));
      boolean ended =
          !EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING)
              .contains(e.getBatchStatus());
      return ours && ended ? execution : null;
    } catch (NoSuchJobExecutionException e) {
      return null;
    }
  }
}
