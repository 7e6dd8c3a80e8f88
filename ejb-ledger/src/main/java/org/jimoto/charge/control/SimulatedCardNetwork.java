package org.jimoto.charge.control;

import jakarta.enterprise.context.ApplicationScoped;
import org.jimoto.charge.boundary.ChargeChannel;

/**
 * The card network simulator: the resident types a card number, then passes the issuer's 3-D
 * Secure step (the simulator's password is shown on its page); the issuer then approves, declines,
 * fails or loses its answer as the amount says ({@link SimulatedProvider.Scenario}).
 */
@ApplicationScoped
public class SimulatedCardNetwork extends SimulatedProvider {

  /** The 3-D Secure password of every simulated card (shown on the simulator's page). */
  public static final String SECURE_PASSWORD = "1234";

  @Override
  public ChargeChannel channel() {
    return ChargeChannel.CREDIT_CARD;
  }

  @Override
  protected String referencePrefix() {
    return "CC";
  }
}
