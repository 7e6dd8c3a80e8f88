package org.jimoto.web.admin.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.jimoto.identity.boundary.LoginOutcome;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.ledger.boundary.LedgerInvariants;

/**
 * The ledger invariant check for scripts and monitoring ({@code GET
 * /admin/api/v1/ledger/invariants}, JSON): HTTP Basic with an admin-portal login (same accounts,
 * same lockout) holding CITY_ADMIN or CITY_AUDITOR. A plain servlet, so that the POS API stays the
 * EAR's only JAX-RS application (Payara's OpenAPI document describes one).
 */
@WebServlet("/api/v1/ledger/invariants")
public class LedgerCheckServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Set<Role> ALLOWED = Set.of(Role.CITY_ADMIN, Role.CITY_AUDITOR);

  @Inject transient LoginService logins;
  @Inject transient LedgerInvariants invariants;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int refusal = authorize(request.getHeader("Authorization"));
    response.setCharacterEncoding("UTF-8");
    if (refusal != 0) {
      if (refusal == 401) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"jimoto-admin\", charset=\"UTF-8\"");
      }
      response.setStatus(refusal);
      response.setContentType("application/problem+json");
      String title = refusal == 401 ? "authentication required" : "CITY_ADMIN or CITY_AUDITOR only";
      response
          .getWriter()
          .write(
              Json.createObjectBuilder()
                  .add("status", refusal)
                  .add("title", title)
                  .build()
                  .toString());
      return;
    }
    LedgerInvariants.Report report = invariants.check();
    var violations = Json.createArrayBuilder();
    report.violations().forEach(violations::add);
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

  /** 0 when allowed, else the HTTP status to answer. */
  private int authorize(String header) {
    if (header == null
        || !header.regionMatches(true, 0, "Basic ", 0, 6)
        || header.length() > 1024) {
      return 401;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return 401;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return 401;
    }
    LoginOutcome outcome =
        logins.authenticate(
            Portal.ADMIN, decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
    if (!(outcome instanceof LoginOutcome.Authenticated ok)) {
      return 401;
    }
    return ok.roles().stream().anyMatch(ALLOWED::contains) ? 0 : 403;
  }
}
