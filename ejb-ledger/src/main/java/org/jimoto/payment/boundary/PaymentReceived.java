package org.jimoto.payment.boundary;

/**
 * A payment a shop has just received (R-30: the staff confirm it on their screen as it arrives).
 * {@link PaymentService} fires it as an asynchronous CDI event after the payment's transaction has
 * committed, once per new payment: never for a refused one, never again for a retried request
 * . It carries what the payment already had in hand, so that telling the shop costs the
 * payment path no query; observers ({@code @ObservesAsync}) run on another thread and cannot slow
 * it down or make it fail.
 *
 * <p>The notification is local to the server that took the payment: a screen connected to another
 * server of a cluster is not told by this event.
 *
 * @param payment the payment as the terminal got it (shop and terminal codes, amount, legs, time)
 */
public record PaymentReceived(PaymentView payment) {

  /** The code of the shop that received it: who may be told. */
  public String shopCode() {
    return payment.shopCode();
  }
}
