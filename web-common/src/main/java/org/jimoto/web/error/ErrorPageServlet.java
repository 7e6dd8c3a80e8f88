package org.jimoto.web.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import org.jimoto.web.i18n.LocaleBean;

/**
 * The portals' error pages (#8 finding 8): a short text per status in the visitor's language (the
 * session's, else the browser's), never the exception or anything about the server.
 *
 * <p>A plain servlet, not a Faces page: it must render also when Faces or the database is what
 * failed, and for a form post that carries no PrimeFaces CSP nonce (which PrimeFaces refuses to
 * render a page for). {@code /expired} is the page for a form whose view no longer exists, which is
 * also how a forged CSRF token ends (403).
 */
@WebServlet({"/error", "/expired"})
public class ErrorPageServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Set<Integer> EXPLAINED = Set.of(400, 403, 404, 411, 413, 500);
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT);

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    boolean expired = "/expired".equals(request.getServletPath());
    int status = expired ? 403 : status(request);
    String key = expired ? "expired" : EXPLAINED.contains(status) ? "error." + status : "error";
    Locale locale = locale(request);
    // The portal's own class loader: Payara may run one WAR's copy of this class for all three.
    ClassLoader loader = request.getServletContext().getClassLoader();
    ResourceBundle msg = bundle("org.jimoto.web.i18n.messages", locale, loader);
    String context = request.getContextPath();
    // /resident -> org.jimoto.web.resident.portal, the portal's own bundle (its title)
    ResourceBundle portal =
        bundle(
            "org.jimoto.web"
                + (context.isEmpty() ? ".root" : context.replace('/', '.'))
                + ".portal",
            locale,
            loader);
    String portalTitle = portal == null ? "Jimoto" : portal.getString("portal.title");
    String title = msg.getString(key + ".title");

    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    response
        .getWriter()
        .write(
            "<!DOCTYPE html>\n<html lang=\""
                + locale.getLanguage()
                + "\"><head><meta charset=\"UTF-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
                + "<title>"
                + html(title)
                + " | "
                + html(portalTitle)
                + "</title><link rel=\"stylesheet\" href=\""
                + context
                + "/jakarta.faces.resource/jimoto.css.xhtml?ln=jimoto\"/></head>\n<body>"
                + "<header class=\"jm-header\"><div class=\"jm-brand\">"
                + "<span id=\"portalTitle\" class=\"jm-portal\">"
                + html(portalTitle)
                + "</span></div></header>\n<main class=\"jm-main\"><h1 id=\"errorTitle\">"
                + html(title)
                + "</h1><p id=\"errorText\">"
                + html(msg.getString(key + ".text"))
                + "</p><p><a id=\"errorBack\" href=\""
                + context
                + "/\">"
                + html(msg.getString(expired ? "expired.back" : "error.back"))
                + "</a></p></main>\n<footer class=\"jm-footer\">"
                + html(msg.getString("footer.text"))
                + "</footer></body></html>\n");
  }

  /** The session's language if the visitor has one, else the browser's (as a first page does). */
  private static Locale locale(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(LocaleBean.SESSION_ATTRIBUTE) instanceof Locale l) {
      return l;
    }
    return LocaleBean.preferred(request.getHeader("Accept-Language"));
  }

  private static int status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    return code instanceof Integer status ? status : 404; // opened directly: no such page
  }

  private static ResourceBundle bundle(String name, Locale locale, ClassLoader loader) {
    try {
      // No fallback to the server's default locale: English is each base bundle.
      return ResourceBundle.getBundle(name, locale, loader, NO_FALLBACK);
    } catch (MissingResourceException e) {
      return null;
    }
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
