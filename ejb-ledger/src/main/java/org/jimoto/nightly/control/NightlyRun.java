package org.jimoto.nightly.control;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One run of a nightly job on one business day, as its claim row records it (V32 nightly_run).
 *
 * @param itemsTotal wallets or bonuses found due (after a takeover: those done before plus those
 *     still due then)
 * @param itemsDone of them tried, including failures
 * @param itemsMoved wallets swept, bonuses paid
 * @param amountYen yen expired or granted
 * @param leftPending bonuses left pending (holding limit R-14, lost card R-84)
 * @param failures items whose transaction failed (rolled back, retried by the next run)
 * @param takeovers how often another execution took the run over from a dead one
 */
public record NightlyRun(
    long id,
    NightlyJob job,
    LocalDate day,
    String state,
    String node,
    Long executionId,
    String startedBy,
    LocalDateTime startedAt,
    LocalDateTime heartbeatAt,
    LocalDateTime endedAt,
    int itemsTotal,
    int itemsDone,
    int itemsMoved,
    long amountYen,
    int leftPending,
    int failures,
    int takeovers) {

  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";

  public boolean running() {
    return RUNNING.equals(state);
  }

  /**
   * Whether the run is working: RUNNING with progress within {@code stale} before {@code now}. A
   * RUNNING run silent longer (its node died) waits for a takeover and is not watched.
   */
  public boolean alive(LocalDateTime now, java.time.Duration stale) {
    return running() && !heartbeatAt.isBefore(now.minus(stale));
  }

  /** Percentage of the items tried, for a progress bar (100 when there was nothing to do). */
  public int percentDone() {
    if (itemsTotal <= 0) {
      return running() ? 0 : 100;
    }
    return (int) Math.min(100, (100L * itemsDone) / itemsTotal);
  }
}
