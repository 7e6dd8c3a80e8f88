package org.jimoto.campaign.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import org.jimoto.campaign.boundary.ServiceAdministration.Problem;
import org.jimoto.campaign.boundary.ServiceRules;
import org.jimoto.campaign.boundary.ServiceRules.ChannelRule;
import org.junit.jupiter.api.Test;

/** the channels' bounds and units a service's rules may have (#11 item 2). */
class ServiceEditorCheckTest {

  private static List<Problem> check(ChannelRule... channels) {
    return ServiceEditor.check(new ServiceRules(true, 100_000L, 2, false, List.of(channels)));
  }

  @Test
  void onlyAUniqueKeyViolationMeansChangedMeanwhile() {
    // #11 review 2: 23505 is another save that came first; other integrity errors are faults.
    assertTrue(ServiceEditor.otherSaveFirst(new SQLException("dup", "23505")));
    assertFalse(ServiceEditor.otherSaveFirst(new SQLException("not null", "23502")));
    assertFalse(ServiceEditor.otherSaveFirst(new SQLException("fk", "23503")));
    assertFalse(ServiceEditor.otherSaveFirst(new SQLException("check", "23514")));
    assertFalse(ServiceEditor.otherSaveFirst(new SQLException("none")));
  }

  @Test
  void theDemoRulesPass() {
    assertEquals(
        List.of(),
        check(
            new ChannelRule("BANK", 1_000L, 10_000L, 1L),
            new ChannelRule("CREDIT_CARD", 1_000L, 49_000L, 1L),
            new ChannelRule("ATM", 1_000L, 100_000L, 1_000L),
            new ChannelRule("WINDOW", 1_000L, 100_000L, 1_000L)));
  }

  @Test
  void theWindowTakesOnlyThousandYenUnits_R20() {
    assertEquals(
        List.of(Problem.WINDOW_UNIT_NOT_THOUSANDS),
        check(new ChannelRule("WINDOW", 1_000L, 50_000L, 1L)));
    assertEquals(
        List.of(Problem.WINDOW_UNIT_NOT_THOUSANDS),
        check(new ChannelRule("WINDOW", 1_500L, 45_000L, 500L)));
    assertEquals(List.of(), check(new ChannelRule("WINDOW", 2_000L, 50_000L, 2_000L)));
    // Other channels may take single yen.
    assertEquals(List.of(), check(new ChannelRule("BANK", 1_000L, 10_000L, 1L)));
  }

  @Test
  void theMostPerChargeIsAMultipleOfTheUnit_R20() {
    assertEquals(
        List.of(Problem.MAX_NOT_IN_UNITS), check(new ChannelRule("ATM", 1_000L, 10_500L, 1_000L)));
    assertEquals(
        List.of(Problem.MAX_NOT_IN_UNITS), check(new ChannelRule("BANK", 1_000L, 10_001L, 2L)));
    assertEquals(
        List.of(Problem.WINDOW_UNIT_NOT_THOUSANDS, Problem.MAX_NOT_IN_UNITS),
        check(new ChannelRule("WINDOW", 1_000L, 9_999L, 500L)));
  }
}
