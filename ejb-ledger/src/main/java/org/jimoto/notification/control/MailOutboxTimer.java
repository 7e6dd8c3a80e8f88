package org.jimoto.notification.control;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jimoto.notification.boundary.MailDelivery;

/**
 * Drains the mail outbox every five seconds (a non-persistent timer per server; the rows are the
 * memory, so a restart loses nothing). A singleton: one run at a time per server.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailOutboxTimer {

  @Inject MailDelivery delivery;

  @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
  void drain() {
    for (long id : delivery.due()) {
      delivery.deliver(id);
    }
  }

  /** #11 review finding 1: no stale secret stays in an undelivered mail's body. */
  @Schedule(minute = "17", hour = "*", persistent = false)
  void purgeSecrets() {
    delivery.purgeStaleSecrets();
  }
}
