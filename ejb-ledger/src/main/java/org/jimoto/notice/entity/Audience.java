package org.jimoto.notice.entity;

/** Who a notice is for: the residents' portal or the merchants' portal. */
public enum Audience {
  RESIDENT,
  MERCHANT
}
