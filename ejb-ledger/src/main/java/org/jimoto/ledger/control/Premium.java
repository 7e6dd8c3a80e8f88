package org.jimoto.ledger.control;

/** Premium bonus arithmetic (R-10 1 %, R-11 20 % / 30 %, R-80 20 %). Whole yen, rounded down. */
public final class Premium {

  private Premium() {}

  /** {@code amountYen × rate}, rounded down to the yen; the rate in basis points (100 = 1 %). */
  public static long of(long amountYen, int rateBasisPoints) {
    if (amountYen < 0 || rateBasisPoints < 0) {
      throw new IllegalArgumentException("negative amount or rate");
    }
    return Math.multiplyExact(amountYen, (long) rateBasisPoints) / 10_000L;
  }
}
