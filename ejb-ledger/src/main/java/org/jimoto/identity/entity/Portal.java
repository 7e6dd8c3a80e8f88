package org.jimoto.identity.entity;

import java.util.EnumSet;
import java.util.Set;

/** The three web portals, each with its own users and roles. */
public enum Portal {
  /** 利用者ポータル. */
  RESIDENT,
  /** 加盟店ポータル (CMS): businesses and shops. */
  MERCHANT,
  /** 管理ポータル: city staff / 事務局. */
  ADMIN;

  /** The roles an account of this portal may hold. */
  public Set<Role> roles() {
    return switch (this) {
      case RESIDENT -> EnumSet.of(Role.RESIDENT);
      case MERCHANT -> EnumSet.of(Role.SHOP_STAFF, Role.BUSINESS_OWNER);
      case ADMIN -> EnumSet.of(Role.CITY_ADMIN, Role.CITY_CLERK, Role.CITY_AUDITOR);
    };
  }
}
