package org.jimoto.charge.boundary;

import org.jimoto.ledger.boundary.LocalizedName;

/** Where charged money comes from; limits are configured per service and channel. */
public enum ChargeChannel {
  /** Bank account, confirmed by an SMS one-time code. */
  BANK("銀行口座", "bank account"),
  /** Credit card with 3-D Secure. */
  CREDIT_CARD("クレジットカード", "credit card"),
  /** Seven Bank ATM. */
  ATM("ATM", "ATM"),
  /** Cash at the city window, in 1,000-yen units. */
  WINDOW("市役所窓口", "city office window");

  private final LocalizedName displayName;

  ChargeChannel(String ja, String en) {
    this.displayName = new LocalizedName(ja, en);
  }

  public LocalizedName displayName() {
    return displayName;
  }
}
