package org.jimoto.ledger.control;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Chooses the lots a debit takes: earliest expiry first, then oldest lot. */
public final class LotAllocator {

  /** A lot that can still be spent. */
  public record OpenLot(long lotId, long remainingYen, LocalDate expiresOn) {}

  /** How much of one lot a debit takes. */
  public record Allocation(long lotId, long amountYen) {}

  private LotAllocator() {}

  /**
   * @param lots spendable lots, already ordered by expiry then id
   * @return the allocations, or an empty list if the lots do not cover the amount
   */
  public static List<Allocation> allocate(List<OpenLot> lots, long amountYen) {
    if (amountYen <= 0) {
      throw new IllegalArgumentException("amount must be positive: " + amountYen);
    }
    List<Allocation> taken = new ArrayList<>();
    long left = amountYen;
    for (OpenLot lot : lots) {
      if (left == 0) {
        break;
      }
      long take = Math.min(left, lot.remainingYen());
      if (take > 0) {
        taken.add(new Allocation(lot.lotId(), take));
        left -= take;
      }
    }
    return left == 0 ? taken : List.of();
  }
}
