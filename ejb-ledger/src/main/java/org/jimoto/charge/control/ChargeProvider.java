package org.jimoto.charge.control;

import java.time.Duration;
import java.util.Optional;
import org.jimoto.charge.boundary.ChargeChannel;

/**
 * The port to a payment provider that money is charged from: the bank (the resident confirms
 * on the bank's page with an SMS one-time code) or the card network (3-D Secure on the issuer's
 * page). The provider holds the order while the resident is on its page; its answer names the
 * provider's reference. Our order (charge_order, V19) is recorded before the provider is asked and
 * its random id is the charge's idempotency key, so a late or repeated answer credits once and a
 * provider's reference never has to be unique across restarts. The default adapters are simulators
 * ({@link SimulatedBank}, {@link SimulatedCardNetwork}).
 */
public interface ChargeProvider {

  /**
   * What the provider is asked to take from the resident: our order, under our order id (a real
   * provider keeps it as the merchant's order number and can be asked by it).
   */
  record Order(String orderId, long residentId, String serviceCode, long amountYen) {}

  /** The provider's answer about an order. */
  sealed interface Answer {
    /** The money was taken; {@code reference} is the provider's transaction number. */
    record Approved(String reference) implements Answer {}

    record Declined() implements Answer {}

    record Failed() implements Answer {}

    /** No answer in time: the provider may still approve and tell us later. */
    record NoAnswer() implements Answer {}

    /** The resident has not finished on the provider's page. */
    record Pending() implements Answer {}

    /** The resident cancelled on the provider's page. */
    record Cancelled() implements Answer {}

    /** The approval was given back (the ledger could not credit it). */
    record Reversed() implements Answer {}

    /** The provider does not know the session (never opened, or forgotten after its period). */
    record Unknown() implements Answer {}
  }

  ChargeChannel channel();

  /**
   * Whether this adapter may be used. A simulator only in simulator (demo) mode: otherwise a
   * resident could "charge" through a bank that moves no money (#10 security review).
   */
  boolean available();

  /** Opens the order at the provider; returns the id of the provider's page session. */
  String open(Order order);

  /** The order of a session of this provider; empty if unknown (or forgotten). */
  Optional<Order> order(String sessionId);

  /** The answer the resident's return (or the provider's notification) delivers. */
  Answer answer(String sessionId);

  /**
   * The provider's status inquiry, as the reconciliation asks it: the order's real state, also when
   * its answer to the resident was lost. A real provider is asked by our order id or its reference
   * and keeps its records; a simulator forgets after {@link #sessionLifetime()}.
   */
  default Answer inquire(String sessionId) {
    return answer(sessionId);
  }

  /** How long the provider keeps an order that the resident has not finished on its page. */
  default Duration sessionLifetime() {
    return Duration.ofMinutes(30);
  }

  /** Gives an approval back: the ledger refused to credit it, so the resident keeps the money. */
  void reverse(String sessionId);
}
