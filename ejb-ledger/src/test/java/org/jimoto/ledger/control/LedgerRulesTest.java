package org.jimoto.ledger.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.jimoto.ledger.control.LotAllocator.Allocation;
import org.jimoto.ledger.control.LotAllocator.OpenLot;
import org.junit.jupiter.api.Test;

class LedgerRulesTest {

  @Test
  void chargedPartIsValidForTwoYearsCountingTheChargeDay_R10() {
    assertEquals(LocalDate.of(2026, 3, 31), ExpiryRules.chargedPart(LocalDate.of(2024, 4, 1), 2));
    assertEquals(LocalDate.of(2026, 2, 28), ExpiryRules.chargedPart(LocalDate.of(2024, 2, 29), 2));
  }

  @Test
  void premiumPartExpiresOnMarch31OfTheFiscalYearOfTheCharge_R10() {
    assertEquals(LocalDate.of(2024, 3, 31), ExpiryRules.fiscalYearEnd(LocalDate.of(2023, 4, 1)));
    assertEquals(LocalDate.of(2024, 3, 31), ExpiryRules.fiscalYearEnd(LocalDate.of(2024, 3, 31)));
    assertEquals(LocalDate.of(2025, 3, 31), ExpiryRules.fiscalYearEnd(LocalDate.of(2024, 4, 1)));
    assertEquals(LocalDate.of(2027, 3, 31), ExpiryRules.fiscalYearEnd(LocalDate.of(2026, 11, 22)));
  }

  @Test
  void premiumIsRoundedDownToTheYen() {
    assertEquals(100, Premium.of(10_000, 100)); // ISECA 1 %
    assertEquals(2_000, Premium.of(10_000, 2_000)); // 20 %
    assertEquals(3_000, Premium.of(10_000, 3_000)); // 30 %
    assertEquals(9, Premium.of(999, 100));
    assertEquals(200, Premium.of(1_000, 2_000)); // 1,000 buys 1,200
  }

  @Test
  void debitsTakeEarliestExpiryFirst_R10() {
    var lots =
        List.of(
            new OpenLot(7, 100, LocalDate.of(2027, 3, 31)),
            new OpenLot(3, 10_000, LocalDate.of(2028, 11, 21)));
    assertEquals(
        List.of(new Allocation(7, 100), new Allocation(3, 400)), LotAllocator.allocate(lots, 500));
    assertEquals(List.of(new Allocation(7, 50)), LotAllocator.allocate(lots, 50));
    assertTrue(LotAllocator.allocate(lots, 10_101).isEmpty(), "not enough: nothing taken");
    assertThrows(IllegalArgumentException.class, () -> LotAllocator.allocate(lots, 0));
  }
}
