package org.jimoto.ledger.entity;

/** The accounts of one service's ledger. Only {@link #WALLET} keeps a balance row. */
public enum AccountKind {
  /** A resident's balance (残高) in one service; never negative. */
  WALLET,
  /** What the city owes a shop for payments taken (未払金), until payout. */
  SHOP_RECEIVABLE,
  /** Value issued against money received (charges). */
  ISSUED_FLOAT,
  /** The city's funding of premium bonuses. */
  PREMIUM_FUNDING,
  /** The city's funding of granted points. */
  GRANT_FUNDING,
  /** Value that left wallets at its expiry date (有効期限切れ, R-13). */
  EXPIRED,
  /** Value forfeited, e.g. on a closed account (失効, R-13). */
  FORFEITED,
  /** Closed shop receivables awaiting bank transfer. */
  SETTLEMENT_PAYABLE,
  /**
   * Value on its way from a card's wallet to its owner's app wallet; within each MIGRATE
   * entry it receives and passes on the same amount, so it always nets to zero.
   */
  CARD_MIGRATION,
  /**
   * Money the city transferred to a shop: a PAID payout line leaves the settlement payable.
   */
  SHOP_PAID_OUT
}
