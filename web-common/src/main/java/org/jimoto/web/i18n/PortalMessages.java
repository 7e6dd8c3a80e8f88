package org.jimoto.web.i18n;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Texts of the portal's own bundle ({@code portal}) in the view's language, and the page's
 * messages: what every portal bean otherwise writes again.
 */
public final class PortalMessages {

  private PortalMessages() {}

  public static String text(String key, Object... args) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "portal");
    return new MessageFormat(bundle.getString(key), faces.getViewRoot().getLocale()).format(args);
  }

  public static void info(String message) {
    add(FacesMessage.SEVERITY_INFO, message);
  }

  public static void error(String message) {
    add(FacesMessage.SEVERITY_ERROR, message);
  }

  private static void add(FacesMessage.Severity severity, String message) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, message, null));
  }
}
