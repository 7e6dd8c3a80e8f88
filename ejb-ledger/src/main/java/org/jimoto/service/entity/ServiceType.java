package org.jimoto.service.entity;

/** R-02; the code is the Mitaka CSV's serviceType. */
public enum ServiceType {
  /** Charged, prepaid value (チャージマネー). */
  MONEY(1),
  /** Granted, not bought (ポイント). */
  POINT(2),
  /** Bought in units at a premium (商品券). */
  GIFT_CERTIFICATE(3);

  private final int code;

  ServiceType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static ServiceType ofCode(int code) {
    for (ServiceType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown serviceType " + code);
  }
}
