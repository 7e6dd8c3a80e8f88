package org.jimoto.web.layout;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jimoto.platform.boundary.Simulators;

/**
 * Simulator (demo) mode for the pages (#10 security review): a simulator page (one that sets the
 * template parameter {@code simulatorPage}) shows the banner that no real money moves.
 */
@Named("simulatorMode")
@RequestScoped
public class SimulatorModeBean {

  @Inject Simulators simulators;

  public boolean isOn() {
    return simulators.on();
  }
}
