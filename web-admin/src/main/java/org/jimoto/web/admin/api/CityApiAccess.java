package org.jimoto.web.admin.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jimoto.identity.boundary.LoginOutcome;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.web.security.ClientAddress;

/**
 * Who may call the city's JSON APIs for scripts and monitoring: HTTP Basic with an admin-portal
 * login (same accounts, same throttling) holding the roles an API asks for. Refusals are answered
 * here as problem JSON: 401, 403, or 429 when the login is throttled or the server busy (#8).
 */
@ApplicationScoped
public class CityApiAccess {

  /** Who may read: the city's administrators and auditors. */
  public static final Set<Role> READERS = Set.of(Role.CITY_ADMIN, Role.CITY_AUDITOR);

  /** Who may change things: the city's administrators. */
  public static final Set<Role> ADMINISTRATORS = Set.of(Role.CITY_ADMIN);

  @Inject LoginService logins;

  /** For readers: true when the request may go on; otherwise the refusal has been written. */
  public boolean allows(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return allows(request, response, READERS).isPresent();
  }

  /**
   * The caller's login name when it holds one of {@code roles}; otherwise empty, and the refusal
   * has been written.
   */
  public Optional<String> allows(
      HttpServletRequest request, HttpServletResponse response, Set<Role> roles)
      throws IOException {
    String[] caller = new String[1];
    int refusal =
        refusal(request.getHeader("Authorization"), ClientAddress.of(request), roles, caller);
    if (refusal == 0) {
      return Optional.of(caller[0]);
    }
    if (refusal == 401) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"jimoto-admin\", charset=\"UTF-8\"");
    } else if (refusal == 429) {
      response.setHeader("Retry-After", "1");
    }
    response.setStatus(refusal);
    response.setCharacterEncoding("UTF-8");
    response.setContentType("application/problem+json");
    String title =
        switch (refusal) {
          case 401 -> "authentication required";
          case 429 -> "too many login attempts or the server is busy: try again later";
          default ->
              roles.stream().map(Enum::name).sorted().collect(Collectors.joining(" or ")) + " only";
        };
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("status", refusal)
                .add("title", title)
                .build()
                .toString());
    return Optional.empty();
  }

  /** 0 when allowed, else the HTTP status to answer. */
  private int refusal(String header, String clientAddress, Set<Role> roles, String[] caller) {
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
            Portal.ADMIN,
            decoded.substring(0, colon),
            decoded.substring(colon + 1).toCharArray(),
            clientAddress);
    if (outcome instanceof LoginOutcome.Busy || outcome instanceof LoginOutcome.Throttled) {
      return 429; // #8 findings 3 and 4: answered at once, no password check
    }
    if (!(outcome instanceof LoginOutcome.Authenticated ok)) {
      return 401;
    }
    caller[0] = ok.loginName();
    return ok.roles().stream().anyMatch(roles::contains) ? 0 : 403;
  }
}
