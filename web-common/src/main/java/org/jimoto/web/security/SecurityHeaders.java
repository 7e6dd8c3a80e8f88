package org.jimoto.web.security;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every response of the portals and their APIs (#8 finding 8), in one
 * place: {@link SecurityFilter} sets them in every WAR, and PrimeFaces gets {@link #PAGE_POLICY} to
 * add its per-response script nonce to ({@link PortalInitializer}).
 */
public final class SecurityHeaders {

  /**
   * Pages: everything from this origin only; scripts only from here or carrying the response's
   * nonce (PrimeFaces appends {@code 'nonce-…'} to the policy, so {@code script-src} comes last).
   * Inline styles stay allowed: PrimeFaces' components and theme set style attributes.
   */
  public static final String PAGE_POLICY =
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
          + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none';"
          + " script-src 'self'";

  /** JSON needs nothing from a browser and is never framed. */
  public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

  /** One year; HTTPS-only servers only, and browsers ignore it over an untrusted certificate. */
  static final String HSTS = "max-age=31536000";

  static final String CSP = "Content-Security-Policy";

  private SecurityHeaders() {}

  /** A portal page, or a response that stands in for one (redirect, error). */
  static void page(HttpServletResponse response) {
    common(response, PAGE_POLICY);
    // Logged-in pages and the login page must not stay in a shared or back-button cache.
    response.setHeader("Cache-Control", "no-store");
  }

  /** A static resource of a portal (style sheets, scripts, fonts): cacheable. */
  static void resource(HttpServletResponse response) {
    common(response, PAGE_POLICY);
  }

  /** A POS or admin API response. */
  static void api(HttpServletResponse response) {
    common(response, API_POLICY);
    response.setHeader("Cache-Control", "no-store");
  }

  static void hsts(HttpServletResponse response) {
    response.setHeader("Strict-Transport-Security", HSTS);
  }

  private static void common(HttpServletResponse response, String policy) {
    response.setHeader(CSP, policy);
    response.setHeader("X-Frame-Options", "DENY"); // browsers without frame-ancestors
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
  }
}
