package org.jimoto.identity.entity;

/** Container roles. The names are the role names used in web.xml and {@code @RolesAllowed}. */
public enum Role {
  RESIDENT,
  /** Shop account (店舗アカウント): takes and cancels payments of one shop. */
  SHOP_STAFF,
  /** Business account (事業者アカウント): sees all shops of the business, payouts. */
  BUSINESS_OWNER,
  CITY_ADMIN,
  /** Window clerk (窓口). */
  CITY_CLERK,
  /** Read-only. */
  CITY_AUDITOR
}
