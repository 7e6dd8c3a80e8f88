package org.jimoto.web.admin.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jimoto.identity.boundary.LoginOutcome;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.web.security.BasicCredentials;
import org.jimoto.web.security.ClientAddress;

/**
 * Who may call the city's JSON APIs for scripts and monitoring: HTTP Basic with an admin-portal
 * login (same accounts, same throttling) holding the roles an API asks for, whose password is not a
 * one-time one still to be changed. A POST must also carry an {@code X-Requested-By} header
 * and must not come from another site: a browser that once cached the Basic credentials cannot be
 * made to send a forged form (CSRF). Refusals are answered here as problem JSON in Japanese and
 * English: 401, 403, or 429 when the login is throttled or the server busy (#8).
 */
@ApplicationScoped
public class CityApiAccess {

  /** Who may read: the city's administrators and auditors. */
  public static final Set<Role> READERS = Set.of(Role.CITY_ADMIN, Role.CITY_AUDITOR);

  /** Who may change things: the city's administrators. */
  public static final Set<Role> ADMINISTRATORS = Set.of(Role.CITY_ADMIN);

  @Inject LoginService logins;

  private record Refusal(int status, String ja, String en) {}

  private static final Refusal UNAUTHENTICATED =
      new Refusal(401, "ログインが必要です。", "Authentication required.");
  private static final Refusal TRY_LATER =
      new Refusal(
          429,
          "ログインの試行が多いか、混み合っています。しばらくしてからお試しください。",
          "Too many login attempts or the server is busy: try again later.");
  private static final Refusal CHANGE_PASSWORD_FIRST =
      new Refusal(
          403,
          "初回のパスワードのままです。管理ポータルでパスワードを変更してください。",
          "This login still has its one-time password: change it in the admin portal first.");
  private static final Refusal FORGERY =
      new Refusal(
          403,
          "X-Requested-By ヘッダーのない、または他のサイトからの POST は受け付けません。",
          "A POST needs an X-Requested-By header and must not come from another site.");

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
    if ("POST".equals(request.getMethod()) && forged(request)) {
      refuse(response, FORGERY);
      return Optional.empty();
    }
    String[] caller = new String[1];
    Refusal refusal =
        refusal(request.getHeader("Authorization"), ClientAddress.of(request), roles, caller);
    if (refusal == null) {
      return Optional.of(caller[0]);
    }
    refuse(response, refusal);
    return Optional.empty();
  }

  /** A cross-site form can neither add a custom header nor hide where it comes from. */
  private static boolean forged(HttpServletRequest request) {
    String requestedBy = request.getHeader("X-Requested-By");
    String site = request.getHeader("Sec-Fetch-Site");
    return requestedBy == null
        || requestedBy.isBlank()
        || (site != null && !site.equals("same-origin") && !site.equals("none"));
  }

  private static void refuse(HttpServletResponse response, Refusal refusal) throws IOException {
    if (refusal.status() == 401) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"jimoto-admin\", charset=\"UTF-8\"");
    } else if (refusal.status() == 429) {
      response.setHeader("Retry-After", "1");
    }
    response.setStatus(refusal.status());
    response.setCharacterEncoding("UTF-8");
    response.setContentType("application/problem+json");
    response
        .getWriter()
        .write(
            Json.createObjectBuilder()
                .add("status", refusal.status())
                .add("title", refusal.en())
                .add("message_ja", refusal.ja())
                .add("message_en", refusal.en())
                .build()
                .toString());
  }

  /** null when allowed, else the refusal to answer. */
  private Refusal refusal(String header, String clientAddress, Set<Role> roles, String[] caller) {
    Optional<BasicCredentials> basic = BasicCredentials.parse(header, 1024);
    if (basic.isEmpty()) {
      return UNAUTHENTICATED;
    }
    LoginOutcome outcome =
        logins.authenticate(
            Portal.ADMIN, basic.get().name(), basic.get().secret().toCharArray(), clientAddress);
    if (outcome instanceof LoginOutcome.Busy || outcome instanceof LoginOutcome.Throttled) {
      return TRY_LATER; // #8 findings 3 and 4: answered at once, no password check
    }
    if (!(outcome instanceof LoginOutcome.Authenticated ok)) {
      return UNAUTHENTICATED;
    }
    if (ok.mustChangePassword()) {
      return CHANGE_PASSWORD_FIRST; // a one-time password opens nothing but its change
    }
    if (ok.roles().stream().noneMatch(roles::contains)) {
      String names = roles.stream().map(Enum::name).sorted().collect(Collectors.joining(" / "));
      return new Refusal(403, names + " の権限が必要です。", names + " only.");
    }
    caller[0] = ok.loginName();
    return null;
  }
}
