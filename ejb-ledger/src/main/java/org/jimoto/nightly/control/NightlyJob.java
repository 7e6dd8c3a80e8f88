package org.jimoto.nightly.control;

import java.time.LocalTime;
import java.util.Arrays;
import java.util.Optional;

/** The nightly jobs; each name is its job XML's (META-INF/batch-jobs) and the claim row's. */
public enum NightlyJob {
  /** expired value leaves the wallets (00:10 Japan). */
  EXPIRY("nightly-expiry", LocalTime.of(0, 10)),
  /** bonuses earned by charges are paid in their service (00:20 Japan). */
  BONUS("nightly-bonus", LocalTime.of(0, 20));

  private final String jobName;
  private final LocalTime startsAt;

  NightlyJob(String jobName, LocalTime startsAt) {
    this.jobName = jobName;
    this.startsAt = startsAt;
  }

  /**
   * The time of day (Japan) its timer starts the day's run; after it, a missed start is made up.
   */
  public LocalTime startsAt() {
    return startsAt;
  }

  public String jobName() {
    return jobName;
  }

  public static Optional<NightlyJob> byJobName(String name) {
    return Arrays.stream(values()).filter(j -> j.jobName.equals(name)).findFirst();
  }
}
