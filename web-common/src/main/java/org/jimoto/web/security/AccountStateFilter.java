package org.jimoto.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jimoto.identity.boundary.AccountSummary;
import org.jimoto.identity.boundary.LoginService;

/**
 * Reads the logged-in account on every page of {@code /app/}, so that
 *
 * <ul>
 *   <li>an account the city disabled (or removed) loses its session at its next request, on every
 *       server (#8 finding 10): the state is read from the database, not remembered;
 *   <li>a session opened before the account's password was last changed ends at its next request: a
 *       changed (or reset) password ends every other session of that login too; the session that
 *       changed it keeps going ({@link #forgetPasswordStamp});
 *   <li>a session opened before the account's roles were last changed ends at its next request too
 *       (#11 review): its roles were fixed at login, so a withdrawn role must not outlive it;
 *   <li>an account that must change its password (R-62, first login) sees only the password page.
 * </ul>
 *
 * The summary is left in the request for the page header ({@link CurrentUserBean}): one read.
 */
@WebFilter(filterName = "jimotoAccountStateFilter", urlPatterns = "/app/*")
public class AccountStateFilter extends HttpFilter {

  public static final String PASSWORD_PAGE = "/app/password.xhtml";
  static final String SUMMARY = "org.jimoto.web.account";

  /** When the password was last changed, as this session first saw it. */
  static final String PASSWORD_STAMP = "org.jimoto.web.passwordChangedAt";

  @Inject LoginService loginService;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Principal caller = request.getUserPrincipal();
    if (caller == null) {
      chain.doFilter(request, response); // the container's constraint sends it to the login
      return;
    }
    var portal = PortalAuthenticationMechanism.portalOf(getServletContext());
    Optional<AccountSummary> account =
        portal == null ? Optional.empty() : loginService.summary(portal, caller.getName());
    if (account.isEmpty() || !account.get().enabled() || passwordChangedSince(request, account)) {
      request.logout();
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      response.sendRedirect(request.getContextPath() + "/login.xhtml");
      return;
    }
    String page = request.getRequestURI().substring(request.getContextPath().length());
    if (account.get().mustChangePassword() && !page.equals(PASSWORD_PAGE)) {
      response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
      return;
    }
    request.setAttribute(SUMMARY, account);
    chain.doFilter(request, response);
  }

  /** Stamps a session at its first page; true once the password or the roles changed after that. */
  private static boolean passwordChangedSince(
      HttpServletRequest request, Optional<AccountSummary> account) {
    HttpSession session = request.getSession();
    Object seen = session.getAttribute(PASSWORD_STAMP);
    String stamp = stamp(account.get());
    if (seen == null) {
      session.setAttribute(PASSWORD_STAMP, stamp);
      return false;
    }
    return !seen.equals(stamp);
  }

  /** What a session was opened with: the password's time and the roles (in enum order). */
  static String stamp(AccountSummary account) {
    LocalDateTime changedAt = account.passwordChangedAt();
    return changedAt
        + " "
        + account.roles().stream()
            .sorted()
            .map(Enum::name)
            .collect(java.util.stream.Collectors.joining(","));
  }

  /** The session that changed the password takes the new one as its own at its next page. */
  public static void forgetPasswordStamp(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(PASSWORD_STAMP);
    }
  }
}
