package org.jimoto.merchant.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kind of shop (業種), as the public "使えるお店" directory groups shops. Its names are in the
 * ledger's {@code profile} bundle ({@code category.NAME}).
 */
public enum ShopCategory {
  GROCERY,
  RESTAURANT,
  RETAIL,
  CLOTHING,
  HOME_ELECTRONICS,
  BEAUTY,
  HEALTH_PHARMACY,
  AUTOMOTIVE,
  LODGING,
  LEISURE,
  SERVICES,
  OTHER;

  public static Optional<ShopCategory> of(String name) {
    return Arrays.stream(values()).filter(c -> c.name().equals(name)).findFirst();
  }
}
