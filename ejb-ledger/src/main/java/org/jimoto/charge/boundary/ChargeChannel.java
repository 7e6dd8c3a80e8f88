package org.jimoto.charge.boundary;

import org.jimoto.ledger.boundary.LocalizedName;

/** Where charged money comes from; limits are configured per service and channel. */
public enum ChargeChannel {
  /** Bank account, confirmed by an SMS one-time code. */
  BANK("銀行", "bank", true),
  /** Credit card with 3-D Secure. */
  CREDIT_CARD("カード会社", "card company", true),
  /** Seven Bank ATM. */
  ATM("ATM", "ATM", false),
  /** Cash at the city window, in 1,000-yen units. */
  WINDOW("市役所窓口", "city office window", false);

  private final LocalizedName displayName;
  private final boolean byResidentOnline;

  ChargeChannel(String ja, String en, boolean byResidentOnline) {
    this.displayName = new LocalizedName(ja, en);
    this.byResidentOnline = byResidentOnline;
  }

  /**
   * The resident charges on their own, online (bank, card): R-21's identity verification applies.
   * At the window a clerk checks the resident's documents; an ATM reads the resident's card.
   */
  public boolean byResidentOnline() {
    return byResidentOnline;
  }

  public LocalizedName displayName() {
    return displayName;
  }
}
