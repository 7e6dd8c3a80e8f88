package org.jimoto.ledger.entity;

/** What a value lot (ロット) came from; decides nothing by itself, but reports show it. */
public enum LotKind {
  /** The charged part of a charge (チャージ分). */
  CHARGED,
  /** The premium part of a charge (プレミアム分). */
  PREMIUM,
  /** Granted points (付与). */
  GRANT,
  /** Purchased gift certificates (商品券購入). */
  PURCHASE
}
