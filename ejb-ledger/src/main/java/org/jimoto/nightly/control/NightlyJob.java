package org.jimoto.nightly.control;

import java.util.Arrays;
import java.util.Optional;

/** The nightly jobs; each name is its job XML's (META-INF/batch-jobs) and the claim row's. */
public enum NightlyJob {
  /** expired value leaves the wallets (00:10 Japan). */
  EXPIRY("nightly-expiry"),
  /** bonuses earned by charges are paid in their service (00:20 Japan). */
  BONUS("nightly-bonus");

  private final String jobName;

  NightlyJob(String jobName) {
    this.jobName = jobName;
  }

  public String jobName() {
    return jobName;
  }

  public static Optional<NightlyJob> byJobName(String name) {
    return Arrays.stream(values()).filter(j -> j.jobName.equals(name)).findFirst();
  }
}
