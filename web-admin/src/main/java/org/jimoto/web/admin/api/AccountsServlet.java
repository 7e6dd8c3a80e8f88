package org.jimoto.web.admin.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.jimoto.identity.boundary.UserAccountService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.RefusedException;

/**
 * Disables or enables a login, for CITY_ADMIN ({@code POST
 * /admin/api/v1/accounts/{portal}/{login}/disable} or {@code .../enable}, parameter {@code
 * reason}): a leaked password or a shop that left is shut out at once, its open sessions included
 * (#8 finding 10). Translation only; the rule and the audit record are the ledger's.
 */
@WebServlet("/api/v1/accounts/*")
public class AccountsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient CityApiAccess access;
  @Inject transient UserAccountService accounts;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> admin = access.allows(request, response, CityApiAccess.ADMINISTRATORS);
    if (admin.isEmpty()) {
      return;
    }
    String[] path = String.valueOf(request.getPathInfo()).split("/");
    // "", portal, login, action
    if (path.length != 4 || !(path[3].equals("disable") || path[3].equals("enable"))) {
      answer(response, 404, "POST /api/v1/accounts/{portal}/{login}/disable or /enable");
      return;
    }
    Portal portal;
    try {
      portal = Portal.valueOf(path[1].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      answer(response, 404, "portal is one of resident, merchant, admin");
      return;
    }
    try {
      boolean found =
          accounts.setEnabled(
              portal,
              path[2],
              path[3].equals("enable"),
              admin.get(),
              request.getParameter("reason"));
      answer(response, found ? 200 : 404, found ? path[3] + "d" : "no such login");
    } catch (RefusedException e) {
      answer(
          response,
          e.refusal().httpStatus(),
          e.refusal().messageJa(e.args()) + " / " + e.refusal().messageEn(e.args()));
    }
  }

  private static void answer(HttpServletResponse response, int status, String title)
      throws IOException {
    response.setStatus(status);
    response.setCharacterEncoding("UTF-8");
    response.setContentType(status < 400 ? "application/json" : "application/problem+json");
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("status", status)
                .add("title", title)
                .build()
                .toString());
  }
}
