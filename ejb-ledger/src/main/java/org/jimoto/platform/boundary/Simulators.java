package org.jimoto.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The simulator (demo) mode (#10 security review): whether the simulated bank, card network, My
 * Number Card and the SMS and mail inbox pages may be used ({@code jimoto.simulators},
 * JIMOTO_SIMULATORS). Off unless set: in production nobody may read others' codes or "charge"
 * through a bank that moves no money. The launcher turns it on with the demo data. The ports stay;
 * only their simulator adapters and pages ask this.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Simulators {

  public static final String SETTING = "jimoto.simulators";
  static final String WARNING =
      "Simulated bank, card network, SMS and My Number Card are ON: demo only, not for production"
          + " ("
          + SETTING
          + "=true, JIMOTO_SIMULATORS)";
  private static final Logger LOG = Logger.getLogger(Simulators.class.getName());

  @Inject
  @ConfigProperty(name = SETTING, defaultValue = "false")
  boolean on;

  @PostConstruct
  void announce() {
    if (on) {
      LOG.warning(WARNING);
    } else {
      LOG.info(
          "Simulators are off ("
              + SETTING
              + "): no simulated bank, card network or My Number"
              + " Card; the SMS and mail inbox pages are not served.");
    }
  }

  /** Whether the simulators and their pages are on (demo mode). */
  public boolean on() {
    return on;
  }
}
