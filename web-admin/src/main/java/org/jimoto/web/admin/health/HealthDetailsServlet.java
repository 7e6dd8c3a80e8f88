package org.jimoto.web.admin.health;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import org.eclipse.microprofile.health.Readiness;
import org.jimoto.web.admin.api.CityApiAccess;
import org.jimoto.web.security.ClientAddress;

/**
 * The details behind {@code /health/ready} ({@code GET /admin/api/v1/health}, JSON): for monitoring
 * on the server itself without a login, and for CITY_ADMIN / CITY_AUDITOR from elsewhere (#8
 * finding 9). A request relayed by a reverse proxy on the same machine (it carries X-Forwarded-For)
 * is not local.
 */
@WebServlet("/api/v1/health")
public class HealthDetailsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject @Readiness transient DatabaseReadiness readiness;
  @Inject transient CityApiAccess access;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!isLocal(request) && !access.allows(request, response)) {
      return;
    }
    DatabaseReadiness.Details d = readiness.details();
    response.setCharacterEncoding("UTF-8");
    response.setContentType("application/json");
    response.setStatus(d.up() ? 200 : 503);
    var json =
        Json.createObjectBuilder()
            .add("status", d.up() ? "UP" : "DOWN")
            .add("database", String.valueOf(d.database()))
            .add("reachable", d.reachable())
            .add("migrated", d.migrated())
            .add("pendingMigrations", d.pendingMigrations())
            .add("schemaVersion", String.valueOf(d.schemaVersion()));
    response.getWriter().write(json.build().toString());
  }

  private static boolean isLocal(HttpServletRequest request) {
    if (ClientAddress.viaTrustedProxy(request)
        || request.getHeader("X-Forwarded-For") != null
        || request.getHeader("Forwarded") != null) {
      return false;
    }
    try {
      return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }
}
