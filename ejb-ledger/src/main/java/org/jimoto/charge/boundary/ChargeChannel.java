package org.jimoto.charge.boundary;

/** Where charged money comes from; limits are configured per service and channel. */
public enum ChargeChannel {
  /** Bank account, confirmed by an SMS one-time code. */
  BANK,
  /** Credit card with 3-D Secure. */
  CREDIT_CARD,
  /** Seven Bank ATM. */
  ATM,
  /** Cash at the city window, in 1,000-yen units. */
  WINDOW
}
