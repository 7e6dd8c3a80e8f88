package org.jimoto.charge.boundary;

import org.jimoto.ledger.boundary.LocalizedName;

/** Where charged money comes from; limits are configured per service and channel. */
public enum ChargeChannel {
  /** Bank account, confirmed by an SMS one-time code. */
  BANK("銀行", "bank", true),
  /** Credit card with 3-D Secure. */
  CREDIT_CARD("カード会社", "card company", true),
  /** Seven Bank ATM: the resident's app (or card) identifies them, nobody checks documents. */
  ATM("ATM", "ATM", true),
  /** Cash at the city window, in 1,000-yen units. */
  WINDOW("市役所窓口", "city office window", false);

  private final LocalizedName displayName;
  private final boolean byResidentAlone;

  ChargeChannel(String ja, String en, boolean byResidentAlone) {
    this.displayName = new LocalizedName(ja, en);
    this.byResidentAlone = byResidentAlone;
  }

  /**
   * The resident charges on their own (bank, card, ATM): R-21's My Number Card verification
   * applies. Only at the window does a clerk check the resident's identity documents in person
   * which stands in for it.
   */
  public boolean byResidentAlone() {
    return byResidentAlone;
  }

  public LocalizedName displayName() {
    return displayName;
  }
}
