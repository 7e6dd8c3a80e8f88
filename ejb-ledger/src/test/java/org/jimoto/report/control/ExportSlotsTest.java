package org.jimoto.report.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streamed exports are bounded so they cannot take the connections payments need (#9 review). */
class ExportSlotsTest {

  @Test
  void oneExportPerLoginAndAFewPerNodeAndASlotComesBackWhenItEnds() {
    var slots = new ExportSlots();
    var first = slots.take("shop-a").orElseThrow();
    assertTrue(slots.take("shop-a").isEmpty(), "a second export of the same login waits");
    first.close();
    first.close(); // closing twice gives back one slot, not two
    List<ExportSlots.Slot> taken = new ArrayList<>();
    for (int i = 0; i < ExportSlots.MAX_TOTAL; i++) {
      taken.add(slots.take("shop-" + i).orElseThrow());
    }
    assertTrue(slots.take("another").isEmpty(), "the node runs at most MAX_TOTAL");
    taken.get(0).close();
    assertTrue(slots.take("another").isPresent(), "a slot given back is taken again");
  }
}
