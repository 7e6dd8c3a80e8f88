package org.jimoto.web.admin.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jimoto.ledger.boundary.LedgerInvariants;

/**
 * The ledger invariant check for scripts and monitoring ({@code GET
 * /admin/api/v1/ledger/invariants}, JSON), for CITY_ADMIN or CITY_AUDITOR ({@link CityApiAccess}).
 * A plain servlet, so that the POS API stays the EAR's only JAX-RS application (Payara's OpenAPI
 * document describes one).
 */
@WebServlet("/api/v1/ledger/invariants")
public class LedgerCheckServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient CityApiAccess access;
  @Inject transient LedgerInvariants invariants;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!access.allows(request, response)) {
      return;
    }
    LedgerInvariants.Report report = invariants.check();
    var violations = Json.createArrayBuilder();
    report.violations().forEach(violations::add);
    response.setCharacterEncoding("UTF-8");
    response.setContentType("application/json");
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("ok", report.ok())
                .add("transfers", report.transfers())
                .add("wallets", report.wallets())
                .add("violations", violations)
                .build()
                .toString());
  }
}
