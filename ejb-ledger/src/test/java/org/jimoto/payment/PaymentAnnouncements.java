package org.jimoto.payment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jimoto.payment.boundary.PaymentReceived;

/**
 * Records the payments the ledger announces, as the merchant portal's live feed hears them.
 */
@ApplicationScoped
public class PaymentAnnouncements {

  private final List<PaymentReceived> heard = new CopyOnWriteArrayList<>();

  void heard(@ObservesAsync PaymentReceived received) {
    heard.add(received);
  }

  /** How often the payment of this id was announced so far. */
  public long count(String paymentId) {
    return heard.stream().filter(r -> r.payment().paymentId().equals(paymentId)).count();
  }

  /** The announcements for a shop so far. */
  public List<PaymentReceived> forShop(String shopCode) {
    return heard.stream().filter(r -> r.shopCode().equals(shopCode)).toList();
  }
}
