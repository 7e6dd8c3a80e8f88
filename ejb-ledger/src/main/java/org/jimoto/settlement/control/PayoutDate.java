package org.jimoto.settlement.control;

import java.time.LocalDate;

/** When a closing period is paid: a date, or not decided yet (a published calendar's 未定). */
public sealed interface PayoutDate {

  record Scheduled(LocalDate date) implements PayoutDate {}

  /** The city has not published the date (seed 000: 令和7年3月 rows say 未定). */
  record Undecided() implements PayoutDate {}

  static PayoutDate on(LocalDate date) {
    return new Scheduled(date);
  }

  static PayoutDate undecided() {
    return new Undecided();
  }
}
