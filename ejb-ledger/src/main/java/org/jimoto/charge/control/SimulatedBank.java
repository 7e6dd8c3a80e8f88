package org.jimoto.charge.control;

import jakarta.enterprise.context.ApplicationScoped;
import org.jimoto.charge.boundary.ChargeChannel;

/**
 * The bank simulator: the resident logs in on the "bank's" page, receives a one-time code by
 * SMS (through the SMS port) and types it; then the bank approves, declines, fails or loses its
 * answer as the amount says ({@link SimulatedProvider.Scenario}).
 */
@ApplicationScoped
public class SimulatedBank extends SimulatedProvider {

  @Override
  public ChargeChannel channel() {
    return ChargeChannel.BANK;
  }

  @Override
  protected String referencePrefix() {
    return "BK";
  }
}
