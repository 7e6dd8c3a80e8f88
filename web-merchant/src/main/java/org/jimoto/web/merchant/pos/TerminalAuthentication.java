package org.jimoto.web.merchant.pos;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.merchant.boundary.TerminalCredentials;
import org.jimoto.merchant.boundary.TerminalCredentials.AuthenticatedTerminal;
import org.jimoto.web.security.BasicCredentials;

/** Every POS API request must name its terminal and prove it with the terminal's secret. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class TerminalAuthentication implements ContainerRequestFilter {

  static final String TERMINAL = "org.jimoto.pos.terminal";

  @Inject TerminalCredentials credentials;

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<AuthenticatedTerminal> terminal =
        BasicCredentials.parse(request.getHeaderString(HttpHeaders.AUTHORIZATION), 512)
            .flatMap(b -> credentials.authenticate(b.name(), b.secret(), isPayment(request)));
    if (terminal.isEmpty()) {
      request.abortWith(Problem.of(Refusal.UNKNOWN_TERMINAL));
      return;
    }
    if (!terminal.get().active()) {
      request.abortWith(Problem.of(Refusal.TERMINAL_INACTIVE)); // retired (#8 finding 10)
      return;
    }
    if (terminal.get().suspended()) {
      // #8 finding 5: suspended for guessing cards; no request of it is served until the city
      // lifts the suspension.
      request.abortWith(Problem.of(Refusal.TERMINAL_SUSPENDED));
      return;
    }
    request.setProperty(TERMINAL, terminal.get());
  }

  /** A new payment: it checks the terminal's row itself, so the credential cache may answer. */
  private static boolean isPayment(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    return "POST".equals(request.getMethod())
        && (path.equals("v1/payments") || path.equals("/v1/payments"));
  }
}
