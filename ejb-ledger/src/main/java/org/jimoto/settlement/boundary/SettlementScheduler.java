package org.jimoto.settlement.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.settlement.control.ClosingPeriod;
import org.jimoto.settlement.control.ClosingStarter;
import org.jimoto.settlement.control.ClosingSteps;
import org.jimoto.settlement.control.ServiceSchedules;
import org.jimoto.settlement.control.SettlementSchedule;

/**
 * The close on schedule (締め, #12 item 2, R-53), beside the administrator's button:
 *
 * <ul>
 *   <li>every night at 01:00 (Japan) each service's periods whose close date has passed and that
 *       have no run yet are closed, looking back {@link #CATCH_UP_DAYS} days (a night the servers
 *       were down is caught up; a new installation does not close years of empty periods);
 *   <li>every minute a run whose job died (no progress for {@link ClosingSteps#STALE}: its server
 *       was killed or restarted) is taken up again, so a close interrupted by a crash completes
 *       without anyone pressing the button again; at most {@link #MAX_RESUMPTIONS} times per run
 *       and node, then it is logged and left to the administrator.
 * </ul>
 *
 * Every node runs these timers: starting a close is idempotent (one run per service and period, a
 * live run left to its job, each line posted once), so two nodes at once change nothing twice.
 * {@code jimoto.settlement.auto-close=false} turns the nightly close off (a city that closes by
 * hand); the resumption always runs. {@code jimoto.settlement.timers.enabled=false} stops both (the
 * ledger's test deployments, whose tests call {@link #closeDuePeriods} and {@link #resumeStalled}).
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SettlementScheduler {

  /** The name the scheduled starts carry in the run and the audit log. */
  public static final String WHO = "scheduler";

  /** How far back the nightly close looks for a period left unclosed. */
  public static final int CATCH_UP_DAYS = 31;

  private static final Logger LOG = Logger.getLogger(SettlementScheduler.class.getName());

  @Inject ClosingStarter starter;
  @Inject ClosingSteps steps;
  @Inject ServiceSchedules schedules;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "jimoto.settlement.auto-close", defaultValue = "true")
  boolean autoClose;

  /** Off in the ledger's test deployments: the tests call the timers' work themselves. */
  @Inject
  @ConfigProperty(name = "jimoto.settlement.timers.enabled", defaultValue = "true")
  boolean timers;

  /** How often this node takes up one run by itself before leaving it to the administrator. */
  public static final int MAX_RESUMPTIONS = 5;

  // runs taken up by this node's timer, and how often: a run that dies every time (a line that
  // always fails) is not restarted forever
  private final java.util.Map<Long, Integer> resumptions = new java.util.HashMap<>();

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Schedule(hour = "1", minute = "0", timezone = "Asia/Tokyo", persistent = false)
  void nightly() {
    if (timers && autoClose) {
      closeDuePeriods();
    }
  }

  /**
   * Starts the close of every period of every service whose close date has passed within {@link
   * #CATCH_UP_DAYS} and that has no run; returns the runs started.
   */
  public List<Long> closeDuePeriods() {
    LocalDate today = LocalDate.now(clock);
    List<Long> started = new ArrayList<>();
    for (String code : serviceCodes()) {
      try {
        var service = steps.service(code).orElseThrow();
        SettlementSchedule schedule = schedules.of(service.id(), service.schedule());
        LocalDate day = today.minusDays(1);
        // a handful of periods at most: weekly periods are the shortest
        for (int i = 0; i < 8; i++) {
          ClosingPeriod period = schedule.periodOf(day);
          if (period.closeDate().isBefore(today.minusDays(CATCH_UP_DAYS))) {
            break;
          }
          if (starter.closable(period) && !hasRun(service.id(), period)) {
            started.add(starter.start(code, period.first(), WHO));
          }
          day = period.first().minusDays(1);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Scheduled settlement close of " + code + " failed", e);
      }
    }
    return started;
  }

  /**
   * Takes up every RUNNING run without progress for {@link ClosingSteps#STALE}; returns the runs
   * taken up (or found taken up meanwhile by another node).
   */
  public List<Long> resumeStalled() {
    List<Long> resumed = new ArrayList<>();
    for (long runId : stalledRuns()) {
      int attempts = resumptions.merge(runId, 1, Integer::sum);
      if (attempts > MAX_RESUMPTIONS) {
        if (attempts == MAX_RESUMPTIONS + 1) {
          LOG.severe(
              () ->
                  "Settlement run "
                      + runId
                      + " died "
                      + MAX_RESUMPTIONS
                      + " times after being taken up; left to the administrator (settlement page)");
        }
        continue;
      }
      try {
        starter.resume(runId, WHO).ifPresent(resumed::add);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Resuming settlement run " + runId + " failed", e);
      }
    }
    return resumed;
  }

  @Schedule(minute = "*", hour = "*", persistent = false)
  void everyMinute() {
    if (timers) {
      resumeStalled();
    }
  }

  private List<String> serviceCodes() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT code FROM value_service ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      List<String> codes = new ArrayList<>();
      while (rs.next()) {
        codes.add(rs.getString(1));
      }
      return codes;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether a run covers any day of the period: its own, or one of a schedule changed since. */
  private boolean hasRun(long serviceId, ClosingPeriod period) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM settlement_run WHERE service_id = ? AND period_start <= ?"
                    + " AND period_end >= ?")) {
      // any run overlapping the period (a schedule changed since): never closed twice over
      ps.setLong(1, serviceId);
      ps.setDate(2, Date.valueOf(period.last()));
      ps.setDate(3, Date.valueOf(period.first()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each RUNNING run whose heartbeat is older than STALE. */
  private List<Long> stalledRuns() {
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id FROM settlement_run WHERE state = ? AND heartbeat_at < ? ORDER BY id")) {
      ps.setString(1, ClosingSteps.RUNNING);
      ps.setTimestamp(2, Timestamp.valueOf(now.minus(ClosingSteps.STALE)));
      List<Long> runs = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          runs.add(rs.getLong(1));
        }
      }
      return runs;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
