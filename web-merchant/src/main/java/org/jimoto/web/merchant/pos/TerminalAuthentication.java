package org.jimoto.web.merchant.pos;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.merchant.boundary.TerminalCredentials;
import org.jimoto.merchant.boundary.TerminalCredentials.AuthenticatedTerminal;

/** Every POS API request must name its terminal and prove it with the terminal's secret. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class TerminalAuthentication implements ContainerRequestFilter {

  static final String TERMINAL = "org.jimoto.pos.terminal";

  @Inject TerminalCredentials credentials;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getUriInfo().getPath().startsWith("openapi")) {
      return;
    }
    Optional<AuthenticatedTerminal> terminal =
        basic(request.getHeaderString(HttpHeaders.AUTHORIZATION))
            .flatMap(pair -> credentials.authenticate(pair[0], pair[1], isPayment(request)));
    if (terminal.isEmpty()) {
      request.abortWith(Problem.of(Refusal.UNKNOWN_TERMINAL));
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

  private static Optional<String[]> basic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6) || header.length() > 512) {
      return Optional.empty();
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon <= 0
          ? Optional.empty()
          : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
