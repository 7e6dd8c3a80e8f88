package org.jimoto.web.security;

import jakarta.servlet.http.HttpServletRequest;
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

  static final String API = "/api";
  static final String FACES_RESOURCES = "/jakarta.faces.resource/";

  /** Payara's own endpoints, which it serves in the server's root web module (web-root). */
  static final String HEALTH = "/health";

  static final String OPENAPI = "/openapi";

  private SecurityHeaders() {}

  /** What a request is, by its servlet path: the headers and rules it gets follow from that. */
  enum Kind {
    PAGE,
    RESOURCE,
    API,
    /** {@code /health}: a probe's answer, also over plain HTTP on an HTTPS-only server. */
    PROBE;

    static Kind of(HttpServletRequest request) {
      String path = request.getServletPath();
      // The POS API's servlet path is /api itself; the admin API's servlets are under /api/.
      if (isUnder(path, SecurityHeaders.API) || isUnder(path, OPENAPI)) {
        return API;
      }
      if (isUnder(path, HEALTH)) {
        return PROBE;
      }
      return path.startsWith(FACES_RESOURCES) ? RESOURCE : PAGE;
    }

    private static boolean isUnder(String path, String prefix) {
      return path.startsWith(prefix)
          && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
  }

  /**
   * The headers of a request's kind, for the responses that leave before {@link SecurityFilter}
   * runs (the login redirect of an authentication mechanism).
   */
  public static void apply(HttpServletRequest request, HttpServletResponse response) {
    switch (Kind.of(request)) {
      case API, PROBE -> api(response);
      case RESOURCE -> resource(response);
      case PAGE -> page(response);
    }
  }

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

  /** A POS or admin API response, Payara's health and OpenAPI documents. */
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
