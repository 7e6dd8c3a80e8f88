package org.jimoto.settlement.control;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One closing period of a service's settlement (R-50..R-53): the transactions from {@code first} to
 * {@code last} (both inclusive, local dates) are closed together on {@code closeDate}. The close
 * date is the period's last day, except where a service starts or ends inside a weekly cycle: the
 * period is cut to the service's days, the cycle's close date stays (seed 004: 8/31 alone is closed
 * with the week that ends Friday 9/6 and paid on 9/17).
 */
public record ClosingPeriod(LocalDate first, LocalDate last, LocalDate closeDate) {

  public ClosingPeriod {
    Objects.requireNonNull(first);
    Objects.requireNonNull(last);
    Objects.requireNonNull(closeDate);
    if (last.isBefore(first) || closeDate.isBefore(last)) {
      throw new IllegalArgumentException(first + ".." + last + " closed " + closeDate);
    }
  }

  /** A period closed on its last day. */
  public static ClosingPeriod of(LocalDate first, LocalDate last) {
    return new ClosingPeriod(first, last, last);
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(first) && !date.isAfter(last);
  }
}
