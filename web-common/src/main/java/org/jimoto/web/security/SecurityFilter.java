package org.jimoto.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * CSRF guard and security headers for the Faces pages.
 *
 * <p>Every Faces form carries {@code jakarta.faces.ViewState}; with server-side state saving it is
 * an unguessable token bound to the session, so it is the CSRF token. A POST without it never
 * reaches Faces (Faces would silently treat it as a fresh page view); a POST with a forged one is
 * refused by Faces as an expired view (see {@code expired.xhtml}).
 */
@WebFilter(filterName = "jimotoSecurityFilter", urlPatterns = "*.xhtml")
public class SecurityFilter extends HttpFilter {

  static final String VIEW_STATE = "jakarta.faces.ViewState";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    if ("POST".equalsIgnoreCase(request.getMethod()) && isBlank(request.getParameter(VIEW_STATE))) {
      response.setContentType("text/plain;charset=UTF-8");
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response
          .getWriter()
          .write(
              "CSRFトークンがないため、要求を拒否しました。画面を開き直してから操作してください。\n"
                  + "Request refused: the CSRF token is missing. Reload the page and try again.\n");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
