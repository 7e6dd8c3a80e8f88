package org.jimoto.web.admin.window;

import jakarta.ejb.EJBAccessException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.Locale;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;

/** What the window's beans share: the staff's roles and messages in the page's language. */
final class WindowPages {

  private WindowPages() {}

  static FacesContext faces() {
    return FacesContext.getCurrentInstance();
  }

  static Locale locale() {
    return faces().getViewRoot().getLocale();
  }

  /** A clerk or an administrator: may change; the auditor only reads (the ledger enforces it). */
  static boolean mayChange() {
    var external = faces().getExternalContext();
    return external.isUserInRole("CITY_CLERK") || external.isUserInRole("CITY_ADMIN");
  }

  static String text(String key, Object... args) {
    String pattern = faces().getApplication().getResourceBundle(faces(), "portal").getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(args);
  }

  static void info(String key, Object... args) {
    faces().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text(key, args), null));
  }

  static void refused(Refusal refusal, Object... args) {
    faces()
        .addMessage(
            null,
            new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal.message(locale(), args), null));
  }

  /**
   * Runs a ledger call; a refusal or the container's role refusal becomes the page's error message.
   *
   * @return false if refused
   */
  static boolean attempt(Runnable call) {
    try {
      call.run();
      return true;
    } catch (RefusedException e) {
      refused(e.refusal(), e.args());
    } catch (EJBAccessException e) {
      faces()
          .addMessage(
              null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text("window.notAllowed"), null));
    }
    return false;
  }
}
