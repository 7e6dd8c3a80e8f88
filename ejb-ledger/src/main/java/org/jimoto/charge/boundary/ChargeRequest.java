package org.jimoto.charge.boundary;

/**
 * A charge of a resident's wallet.
 *
 * @param externalReference the payment provider's reference (bank transaction, card authorisation)
 */
public record ChargeRequest(
    long residentId,
    String serviceCode,
    ChargeChannel channel,
    long amountYen,
    String externalReference,
    String actor) {}
