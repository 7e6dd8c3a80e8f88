package org.jimoto.web.security;

import jakarta.json.Json;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Every request of a portal, its pages and its API alike (#8): HTTPS only where so configured, the
 * security headers of {@link SecurityHeaders}, and the CSRF guard of the Faces pages.
 *
 * <p>Every Faces form carries {@code jakarta.faces.ViewState}; with server-side state saving it is
 * an unguessable token bound to the session, so it is the CSRF token. A POST without it never
 * reaches Faces (Faces would silently treat it as a fresh page view); a POST with a forged one is
 * refused by Faces as an expired view (see {@code expired.xhtml}).
 *
 * <p>Error pages are dispatched through this filter too, so they get the headers as well.
 */
@WebFilter(
    filterName = "jimotoSecurityFilter",
    urlPatterns = "/*",
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class SecurityFilter extends HttpFilter {

  static final String VIEW_STATE = "jakarta.faces.ViewState";

  /**
   * The largest request body anything but the POS API accepts (#8 finding 7). Checked here rather
   * than by Payara's max-post-size, whose refusal is a page of Payara's own naming its version.
   */
  static final long MAX_BODY_BYTES = 1024 * 1024;

  private transient Transport transport;

  @Override
  public void init() {
    transport = Transport.fromConfig(getServletContext().getClassLoader());
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    SecurityHeaders.Kind kind = SecurityHeaders.Kind.of(request);
    boolean api = kind == SecurityHeaders.Kind.API;
    boolean arriving = request.getDispatcherType() == DispatcherType.REQUEST;
    // getScheme(), not isSecure(): behind a proxy Payara maps X-Forwarded-Proto to the scheme only.
    boolean https = "https".equals(request.getScheme());
    // A health probe (UP/DOWN, nothing secret) is answered over plain HTTP too: load balancers and
    // local monitoring ask that way.
    if (transport.httpsOnly() && !https && arriving && kind != SecurityHeaders.Kind.PROBE) {
      refuseOrRedirect(request, response, api);
      return;
    }
    if (https && transport.httpsOnly()) {
      SecurityHeaders.hsts(response);
    }
    SecurityHeaders.apply(request, response);
    if (arriving && !isPosApi(request) && refusedForItsBody(request, response)) {
      return;
    }
    if (kind != SecurityHeaders.Kind.PAGE) {
      chain.doFilter(request, response);
      return;
    }
    if (arriving
        && "POST".equalsIgnoreCase(request.getMethod())
        && request.getServletPath().endsWith(".xhtml")
        && isBlank(request.getParameter(VIEW_STATE))) {
      response.setContentType("text/plain;charset=UTF-8");
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response
          .getWriter()
          .write(
              "CSRFトークンがないため、要求を拒否しました。画面を開き直してから操作してください。\n"
                  + "Request refused: the CSRF token is missing. Reload the page and try again.\n");
      return;
    }
    chain.doFilter(request, new NoncePolicy(response));
  }

  /** The POS API bounds its bodies itself, at 16 KB, also those without a length (BodyLimit). */
  private static boolean isPosApi(HttpServletRequest request) {
    return SecurityHeaders.API.equals(request.getServletPath());
  }

  /**
   * A body over {@link #MAX_BODY_BYTES} is refused by its declared length, before it is read (413).
   * A chunked body, whose length is unknown, is refused at once (411): browsers always declare a
   * form's length, and what else reads a body here would not stop at 1 MB by itself (Payara stops
   * parsing a form at 1 MB: the launcher's max-form-post-size).
   */
  private static boolean refusedForItsBody(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return true;
    }
    if (request.getHeader("Transfer-Encoding") != null) {
      response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED);
      return true;
    }
    return false;
  }

  /**
   * Plain HTTP on an HTTPS-only server (#8 finding 6). A browser is sent to the same address over
   * HTTPS (308 keeps the method and body of a form post). An API client is refused: its credential
   * has just crossed the network in clear, and a redirect would let a misconfigured terminal go on
   * sending it that way unnoticed.
   */
  private void refuseOrRedirect(
      HttpServletRequest request, HttpServletResponse response, boolean api) throws IOException {
    if (api) {
      SecurityHeaders.api(response);
      ResourceBundle ja = bundle(Locale.JAPANESE);
      ResourceBundle en = bundle(Locale.ENGLISH);
      String title = en.getString("https.required");
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/problem+json;charset=UTF-8");
      response
          .getWriter()
          .write(
              Json.createObjectBuilder()
                  .add("type", "urn:jimoto:problem:HTTPS_REQUIRED")
                  .add("title", title)
                  .add("status", HttpServletResponse.SC_FORBIDDEN)
                  .add("code", "HTTPS_REQUIRED")
                  .add("detail", title)
                  .add("message_ja", ja.getString("https.required"))
                  .add("message_en", title)
                  .build()
                  .toString());
      return;
    }
    SecurityHeaders.page(response);
    int port = transport.publicHttpsPort();
    String host = request.getServerName();
    String query = request.getQueryString();
    response.setStatus(308);
    response.setHeader(
        "Location",
        "https://"
            + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) // IPv6
            + (port == 443 ? "" : ":" + port)
            + request.getRequestURI()
            + (query == null ? "" : "?" + query));
  }

  private static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle(
        "org.jimoto.web.i18n.messages", locale, SecurityFilter.class.getClassLoader());
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /**
   * PrimeFaces adds its own Content-Security-Policy (our page policy plus the nonce of the scripts
   * it rendered) when it renders a page: that one replaces the nonce-less one set above, so a
   * response carries exactly one policy.
   */
  static final class NoncePolicy extends HttpServletResponseWrapper {

    NoncePolicy(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void addHeader(String name, String value) {
      if (SecurityHeaders.CSP.equalsIgnoreCase(name)) {
        super.setHeader(name, value);
      } else {
        super.addHeader(name, value);
      }
    }
  }
}
