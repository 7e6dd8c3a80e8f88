package org.jimoto.notification.boundary;

/**
 * What a one-time code confirms. The SMS names it, so that a resident who did not ask for it knows
 * what someone is attempting.
 */
public enum CodePurpose {
  /** The second factor at each login of a resident with a confirmed phone. */
  LOGIN,
  /** A phone number being registered or changed: the resident proves it is theirs. */
  PHONE_CONFIRMATION,
  /**
   * Changing a registered phone: the resident first proves, with a code to the phone registered
   * now, that the change is theirs (#10 identity review, R-90).
   */
  PHONE_CHANGE,
  /** A card member's balance inquiry on the public site. */
  CARD_INQUIRY,
  /** Moving one's own card into one's app account. */
  CARD_MIGRATION,
  /** The bank's confirmation of a charge from a bank account. */
  BANK_CHARGE
}
