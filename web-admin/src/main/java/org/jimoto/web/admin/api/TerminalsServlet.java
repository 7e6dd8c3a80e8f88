package org.jimoto.web.admin.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.merchant.boundary.TerminalAdministration;
import org.jimoto.merchant.boundary.TerminalSuspensions;

/**
 * The city's terminal operations for scripts, CITY_ADMIN only ({@code POST
 * /admin/api/v1/terminals/{code}/retire}, {@code /reactivate}, {@code /credential} (answers the new
 * secret, once), {@code /lift-suspension}; parameter {@code reason}). Effective at the terminal's
 * next request (#8 findings 5 and 10). Translation only.
 */
@WebServlet("/api/v1/terminals/*")
public class TerminalsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient CityApiAccess access;
  @Inject transient TerminalAdministration terminals;
  @Inject transient TerminalSuspensions suspensions;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> admin = access.allows(request, response, CityApiAccess.ADMINISTRATORS);
    if (admin.isEmpty()) {
      return;
    }
    String[] path = String.valueOf(request.getPathInfo()).split("/");
    if (path.length != 3) {
      answer(
          response,
          404,
          "POST /api/v1/terminals/{code}/{retire|reactivate|credential|lift-suspension}",
          null);
      return;
    }
    String code = path[1];
    String reason = request.getParameter("reason");
    try {
      Optional<Refusal> refusal =
          switch (path[2]) {
            case "retire" -> terminals.setActive(code, false, admin.get(), reason);
            case "reactivate" -> terminals.setActive(code, true, admin.get(), reason);
            case "lift-suspension" -> suspensions.lift(code, admin.get(), reason);
            case "credential" -> {
              var fresh = terminals.replaceCredential(code, admin.get(), reason);
              answer(response, 200, "credential replaced", fresh.secret());
              yield null;
            }
            default -> {
              answer(response, 404, "unknown operation " + path[2], null);
              yield null;
            }
          };
      if (refusal != null) {
        if (refusal.isEmpty()) {
          answer(response, 200, path[2] + " done", null);
        } else {
          refuse(response, refusal.get(), new Object[0]);
        }
      }
    } catch (RefusedException e) {
      refuse(response, e.refusal(), e.args());
    }
  }

  private static void refuse(HttpServletResponse response, Refusal refusal, Object[] args)
      throws IOException {
    answer(
        response,
        // The caller is authenticated: an unknown terminal is a resource that does not exist.
        refusal == Refusal.UNKNOWN_TERMINAL ? 404 : refusal.httpStatus(),
        refusal.name() + ": " + refusal.messageJa(args) + " / " + refusal.messageEn(args),
        null);
  }

  private static void answer(HttpServletResponse response, int status, String title, String secret)
      throws IOException {
    response.setStatus(status);
    response.setCharacterEncoding("UTF-8");
    response.setContentType(status < 400 ? "application/json" : "application/problem+json");
    var json = Json.createObjectBuilder().add("status", status).add("title", title);
    if (secret != null) {
      json.add("secret", secret);
    }
    response.getWriter().write(json.build().toString());
  }
}
