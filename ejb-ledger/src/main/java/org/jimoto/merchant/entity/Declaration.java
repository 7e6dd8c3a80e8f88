package org.jimoto.merchant.entity;

/**
 * The eligibility declarations of a merchant application (R-60; seed 001 「加盟店募集登録要件」): the
 * applicant ticks each one, with its legal wording (the ledger's {@code profile} bundle, {@code
 * declaration.NAME}, version {@link #VERSION}). An application lacking any one is refused.
 */
public enum Declaration {
  /** 市内に店舗または事業所などがある. */
  SHOP_IN_CITY,
  /** 風営法 2条1項4号・5号の営業、同条5項の事業者でない. */
  NOT_ADULT_ENTERTAINMENT,
  /** 特定の宗教・政治団体と関わる営業、公序良俗に反する営業でない. */
  NOT_RELIGIOUS_OR_POLITICAL,
  /** 暴力団排除条例 2条3号・4号に該当しない. */
  NOT_ORGANIZED_CRIME,
  /** 取扱物品や役務等が適切である. */
  APPROPRIATE_GOODS;

  /** The version of the wording the applicant agreed to; stored with the application. */
  public static final String VERSION = "2026-11";
}
