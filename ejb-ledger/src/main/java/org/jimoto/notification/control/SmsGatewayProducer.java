package org.jimoto.notification.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.notification.boundary.SmsGateway;

/**
 * Chooses the {@link SmsGateway} adapter named by {@code jimoto.sms.gateway}. Only {@code
 * simulator} exists today; a provider's adapter is added as another case here. An unknown name
 * fails the first use with a message that names the setting.
 */
@ApplicationScoped
public class SmsGatewayProducer {

  @Inject
  @ConfigProperty(name = "jimoto.sms.gateway", defaultValue = SimulatedSmsGateway.NAME)
  String configured;

  @Inject SimulatedSmsGateway simulator;

  @Produces
  @ApplicationScoped
  SmsGateway gateway() {
    return switch (configured.strip()) {
      case SimulatedSmsGateway.NAME -> simulator;
      default ->
          throw new IllegalStateException(
              "jimoto.sms.gateway="
                  + configured
                  + " is no known SMS gateway; the one available is '"
                  + SimulatedSmsGateway.NAME
                  + "'");
    };
  }
}
