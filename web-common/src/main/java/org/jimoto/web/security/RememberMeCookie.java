package org.jimoto.web.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Optional;
import org.jimoto.identity.boundary.RememberMeService;

/**
 * The "keep me signed in" cookie of a portal (#9 item 1): the token from {@link RememberMeService},
 * only for this portal's path, HttpOnly, Secure whenever the page came over HTTPS, and SameSite=Lax
 * like every cookie of the server (the launcher sets it on Payara's listeners, which override a
 * cookie's own attribute).
 */
final class RememberMeCookie {

  static final String NAME = "jimoto_remember";

  private RememberMeCookie() {}

  static Optional<String> read(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    return cookies == null
        ? Optional.empty()
        : Arrays.stream(cookies)
            .filter(c -> NAME.equals(c.getName()))
            .map(Cookie::getValue)
            .findFirst();
  }

  static void write(HttpServletRequest request, HttpServletResponse response, String token) {
    response.addCookie(cookie(request, token, (int) RememberMeService.LIFETIME.toSeconds()));
  }

  static void clear(HttpServletRequest request, HttpServletResponse response) {
    response.addCookie(cookie(request, "", 0));
  }

  private static Cookie cookie(HttpServletRequest request, String value, int maxAgeSeconds) {
    var cookie = new Cookie(NAME, value);
    cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
    cookie.setHttpOnly(true);
    cookie.setSecure(request.isSecure() || "https".equals(request.getScheme()));
    cookie.setMaxAge(maxAgeSeconds);
    return cookie;
  }
}
