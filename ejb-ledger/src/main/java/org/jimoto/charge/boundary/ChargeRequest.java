package org.jimoto.charge.boundary;

/**
 * A charge of a resident's wallet.
 *
 * @param externalReference the payment provider's reference (bank transaction, card authorisation)
 * @param reason why a person made it, for the audit log: a window clerk's cash charge (#11
 *     item 3); null for the resident's own charges
 */
public record ChargeRequest(
    long residentId,
    String serviceCode,
    ChargeChannel channel,
    long amountYen,
    String externalReference,
    String actor,
    String reason) {

  /** A charge without a reason of its own (the resident's own, a provider's notification). */
  public ChargeRequest(
      long residentId,
      String serviceCode,
      ChargeChannel channel,
      long amountYen,
      String externalReference,
      String actor) {
    this(residentId, serviceCode, channel, amountYen, externalReference, actor, null);
  }
}
