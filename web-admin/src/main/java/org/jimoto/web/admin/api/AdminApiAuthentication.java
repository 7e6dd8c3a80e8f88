package org.jimoto.web.admin.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.jimoto.identity.boundary.LoginOutcome;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;

/** HTTP Basic with an admin-portal account; the ledger check is for administrators and auditors. */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AdminApiAuthentication implements ContainerRequestFilter {

  private static final Set<Role> ALLOWED = Set.of(Role.CITY_ADMIN, Role.CITY_AUDITOR);

  @Inject LoginService logins;

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null
        || !header.regionMatches(true, 0, "Basic ", 0, 6)
        || header.length() > 1024) {
      request.abortWith(refuse(401, "authentication required"));
      return;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      request.abortWith(refuse(401, "malformed credentials"));
      return;
    }
    int colon = decoded.indexOf(':');
    LoginOutcome outcome =
        colon <= 0
            ? new LoginOutcome.InvalidCredentials()
            : logins.authenticate(
                Portal.ADMIN,
                decoded.substring(0, colon),
                decoded.substring(colon + 1).toCharArray());
    if (!(outcome instanceof LoginOutcome.Authenticated ok)) {
      request.abortWith(
          refuse(
              401,
              outcome instanceof LoginOutcome.Locked ? "account locked" : "invalid credentials"));
      return;
    }
    if (ok.roles().stream().noneMatch(ALLOWED::contains)) {
      request.abortWith(refuse(403, "requires CITY_ADMIN or CITY_AUDITOR"));
    }
  }

  private static Response refuse(int status, String title) {
    var r =
        Response.status(status)
            .type("application/problem+json")
            .entity(
                Json.createObjectBuilder()
                    .add("status", status)
                    .add("title", title)
                    .build()
                    .toString());
    if (status == 401) {
      r.header("WWW-Authenticate", "Basic realm=\"jimoto-admin\", charset=\"UTF-8\"");
    }
    return r.build();
  }
}
