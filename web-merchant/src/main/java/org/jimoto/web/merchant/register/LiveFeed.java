package org.jimoto.web.merchant.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jimoto.payment.boundary.PaymentReceived;

/**
 * tells the register screens of a shop that it received a payment, through the Faces
 * websocket channel {@value #CHANNEL}. A screen's socket is registered under its shop's code as the
 * channel's user ({@code <f:websocket user>} on register.xhtml, taken from the login's terminal the
 * ledger checked), so a shop hears only its own payments; the message says only that one
 * came, and the screen then reads its list from the ledger, within its login's reach.
 *
 * <p>Runs on the ledger's asynchronous event, after the payment committed: never on the payment's
 * own thread.
 */
@ApplicationScoped
public class LiveFeed {

  /** The websocket channel of the register screens. */
  public static final String CHANNEL = "shopPayments";

  /** The event the screens' {@code <f:ajax event>} reacts to. */
  public static final String PAYMENT = "payment";

  private static final Logger LOG = Logger.getLogger(LiveFeed.class.getName());

  @Inject
  @Push(channel = CHANNEL)
  PushContext shops;

  void paymentReceived(@ObservesAsync PaymentReceived received) {
    try {
      shops.send(PAYMENT, received.shopCode());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "register screens of " + received.shopCode() + " not told", e);
    }
  }
}
