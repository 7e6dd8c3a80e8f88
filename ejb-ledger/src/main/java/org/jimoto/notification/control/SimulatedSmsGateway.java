package org.jimoto.notification.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import org.jimoto.notification.boundary.SmsGateway;
import org.jimoto.notification.entity.SimulatedSms;

/**
 * The SMS simulator, the default {@link SmsGateway} adapter: a message is "sent" by writing it to
 * {@code simulated_sms} in the caller's transaction, so that it exists exactly when what it is
 * about does. The simulator page ({@code /sms.xhtml} on the server root) shows them.
 *
 * <p>{@code @Typed}: it is a gateway only through {@link SmsGatewayProducer}'s choice.
 */
@ApplicationScoped
@Typed(SimulatedSmsGateway.class)
public class SimulatedSmsGateway implements SmsGateway {

  public static final String NAME = "simulator";
  static final int MAX_LENGTH = 500;

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  @Override
  public void send(String phone, String text) {
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("an SMS of at most " + MAX_LENGTH + " characters");
    }
    em.persist(new SimulatedSms(phone, text, LocalDateTime.now(clock)));
  }

  @Override
  public String name() {
    return NAME;
  }
}
