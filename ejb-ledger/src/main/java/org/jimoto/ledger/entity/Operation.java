package org.jimoto.ledger.entity;

/**
 * Why a transfer happened (操作). The codes follow the Mitaka transaction CSV: operationType
 * ADD / SUB / CANCEL, operationId OP1..OP5 and the names of seed 004 (OP4 利用キャンセル), extended for
 * expiry, forfeiture, card migration and payouts.
 */
public enum Operation {
  USE("SUB", "OP1", "利用", "use"),
  GRANT("ADD", "OP2", "付与", "grant"),
  CHARGE("ADD", "OP3", "チャージ", "charge"),
  USE_CANCEL("CANCEL", "OP4", "利用キャンセル", "use cancel"),
  GRANT_CANCEL("CANCEL", "OP5", "付与キャンセル", "grant cancel"),
  EXPIRE("SUB", "OP6", "有効期限切れ", "expired"),
  FORFEIT("SUB", "OP7", "失効", "forfeited"),
  /** value arriving in an app member's wallet from their card (the app member's row). */
  MIGRATE("ADD", "OP8", "移行", "migrate"),
  /** the same value leaving the card's wallet (the card member's row), in the same entry. */
  MIGRATE_OUT("SUB", "OP8", "移行", "migrate"),
  /** the bank paid a settlement line: its amount leaves the settlement payable. */
  PAYOUT("SUB", "OP9", "振込", "payout"),
  /** a closed period's due moves from the shop's receivable to the settlement payable. */
  SETTLE("SUB", "OP10", "精算締め", "settlement close"),
  /**
   * a PAID result recorded by mistake is reversed: the amount returns from the shop's
   * paid-out account to the settlement payable (the PAYOUT entry stays; this one offsets it).
   */
  PAYOUT_REVERSAL("ADD", "OP11", "振込取消", "payout reversal");

  private final String operationType;
  private final String operationId;
  private final String nameJa;
  private final String nameEn;

  Operation(String operationType, String operationId, String nameJa, String nameEn) {
    this.operationType = operationType;
    this.operationId = operationId;
    this.nameJa = nameJa;
    this.nameEn = nameEn;
  }

  public String operationType() {
    return operationType;
  }

  public String operationId() {
    return operationId;
  }

  public String nameJa() {
    return nameJa;
  }

  public String nameEn() {
    return nameEn;
  }

  /**
   * the city's settlement moves (close, payout, its reversal). They carry the shop
   * (R-70 shop filter, R-71 from/to) but are no sales and no resident's transaction.
   */
  public boolean isSettlement() {
    return this == SETTLE || this == PAYOUT || this == PAYOUT_REVERSAL;
  }

  /** a cancellation cannot itself be cancelled. */
  public boolean isCancellation() {
    return this == USE_CANCEL || this == GRANT_CANCEL;
  }
}
