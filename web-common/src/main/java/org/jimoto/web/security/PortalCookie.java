package org.jimoto.web.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.boundary.RememberMeService;

/**
 * A cookie of one portal: only for the portal's path, HttpOnly, Secure whenever the page came over
 * HTTPS, and SameSite=Lax like every cookie of the server (the launcher sets it on Payara's
 * listeners, which override a cookie's own attribute).
 */
final class PortalCookie {

  /** "Keep me signed in" (#9 item 1): the token from {@link RememberMeService}. */
  static final PortalCookie REMEMBER_ME =
      new PortalCookie("jimoto_remember", RememberMeService.LIFETIME);

  /**
   * This device logged in to a name before (#8 finding 4): the token from {@link
   * LoginService#knownDeviceToken}, which lets it past the name's growing delay under attack.
   */
  static final PortalCookie KNOWN_DEVICE =
      new PortalCookie("jimoto_device", LoginService.KNOWN_DEVICE_LIFETIME);

  private final String name;
  private final Duration lifetime;

  private PortalCookie(String name, Duration lifetime) {
    this.name = name;
    this.lifetime = lifetime;
  }

  Optional<String> read(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    return cookies == null
        ? Optional.empty()
        : Arrays.stream(cookies)
            .filter(c -> name.equals(c.getName()))
            .map(Cookie::getValue)
            .findFirst();
  }

  void write(HttpServletRequest request, HttpServletResponse response, String token) {
    response.addCookie(cookie(request, token, (int) lifetime.toSeconds()));
  }

  void clear(HttpServletRequest request, HttpServletResponse response) {
    response.addCookie(cookie(request, "", 0));
  }

  private Cookie cookie(HttpServletRequest request, String value, int maxAgeSeconds) {
    var cookie = new Cookie(name, value);
    cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
    cookie.setHttpOnly(true);
    cookie.setSecure(request.isSecure() || "https".equals(request.getScheme()));
    cookie.setMaxAge(maxAgeSeconds);
    return cookie;
  }
}
