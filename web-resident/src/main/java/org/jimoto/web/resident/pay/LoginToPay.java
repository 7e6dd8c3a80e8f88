package org.jimoto.web.resident.pay;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * A store QR code opens the pay page on a phone that may not be logged in: the resident logs
 * in and must then land on that pay page, with the terminal's token, not on the home page.
 *
 * <p>Soteria's {@code @LoginToContinue} would not do it: the login form authenticates with {@code
 * newAuthentication(true)}, on which Soteria drops the request it saved, so the login page always
 * goes on to the home page. This filter therefore guards the pay page itself: without a login it
 * keeps the page's address (this page and its own query string only, never an address from the
 * request: no open redirect) in the session and sends the browser to the login page; the first home
 * page after the login sends it on to the kept address, once.
 */
@WebFilter(
    filterName = "jimotoLoginToPay",
    urlPatterns = {LoginToPay.PAY_PAGE, LoginToPay.HOME_PAGE})
public class LoginToPay extends HttpFilter {

  private static final long serialVersionUID = 1L;

  static final String PAY_PAGE = "/pay.xhtml";
  static final String HOME_PAGE = "/app/home.xhtml";
  static final String LOGIN_PAGE = "/login.xhtml";

  /** The pay page to go on to after the login. */
  static final String CONTINUE = "org.jimoto.resident.payAfterLogin";

  /** Longer query strings are no store QR code's (a token is 27 characters). */
  private static final int MAX_QUERY = 200;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    boolean loggedIn = request.getUserPrincipal() != null;
    String path = request.getServletPath();
    if (PAY_PAGE.equals(path) && !loggedIn && "GET".equals(request.getMethod())) {
      String query = request.getQueryString();
      String target =
          request.getContextPath()
              + PAY_PAGE
              + (query == null || query.length() > MAX_QUERY ? "" : "?" + query);
      request.getSession(true).setAttribute(CONTINUE, target);
      response.sendRedirect(request.getContextPath() + LOGIN_PAGE);
      return;
    }
    if (PAY_PAGE.equals(path) && !loggedIn) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    if (HOME_PAGE.equals(path) && loggedIn) {
      HttpSession session = request.getSession(false);
      Object target = session == null ? null : session.getAttribute(CONTINUE);
      if (target instanceof String url) {
        session.removeAttribute(CONTINUE);
        response.sendRedirect(url);
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
