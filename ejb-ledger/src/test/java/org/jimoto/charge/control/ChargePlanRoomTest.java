package org.jimoto.charge.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jimoto.ledger.control.Premium;
import org.junit.jupiter.api.Test;

/** the largest charge whose credit with its premium (rounded down) fits the room. */
class ChargePlanRoomTest {

  @Test
  void theRoomCountsThePremium() {
    assertEquals(9_901, ChargePlan.largestFitting(10_000, 100)); // 9,901 + 99 = 10,000
    assertEquals(10_000, ChargePlan.largestFitting(10_000, 0));
    assertEquals(1_010, ChargePlan.largestFitting(1_020, 100)); // 1,010 + 10 = 1,020
    assertEquals(99, ChargePlan.largestFitting(99, 100)); // below 100 yen no premium
    assertEquals(0, ChargePlan.largestFitting(0, 100));
    assertEquals(0, ChargePlan.largestFitting(-5, 100));
    assertEquals(8_334, ChargePlan.largestFitting(10_000, 2_000)); // 8,334 + 1,666 (R-11 20 %)
  }

  @Test
  void theAnswerIsTheLargestThatFitsForEveryRoom() {
    for (int rate : new int[] {0, 100, 2_000, 3_000}) {
      for (long room = 0; room <= 3_000; room++) {
        long a = ChargePlan.largestFitting(room, rate);
        assertTrue(a + Premium.of(a, rate) <= room, room + " " + rate);
        long next = a + 1;
        assertTrue(next + Premium.of(next, rate) > room, room + " " + rate);
      }
    }
  }
}
