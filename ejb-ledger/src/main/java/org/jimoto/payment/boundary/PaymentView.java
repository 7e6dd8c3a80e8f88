package org.jimoto.payment.boundary;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A payment as the terminal and the merchant screen see it.
 *
 * @param replayed true when this answers a retried request (same idempotency key)
 */
public record PaymentView(
    String paymentId,
    String status,
    long amountYen,
    String shopCode,
    String terminalCode,
    LocalDateTime createdAt,
    LocalDateTime cancelledAt,
    List<Leg> legs,
    boolean replayed) {

  /** One service's part of the payment; balance after is the resident's, after this leg. */
  public record Leg(String tranId, String serviceCode, long amountYen, Long balanceAfterYen) {}

  public PaymentView asReplay() {
    return new PaymentView(
        paymentId, status, amountYen, shopCode, terminalCode, createdAt, cancelledAt, legs, true);
  }
}
