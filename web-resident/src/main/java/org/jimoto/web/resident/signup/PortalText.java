package org.jimoto.web.resident.signup;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.jimoto.platform.control.PlatformClock;

/** Text of this portal's bundle ({@code portal}) in the view's language, and page messages. */
@RequestScoped
public class PortalText {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  public String get(String key, Object... args) {
    FacesContext faces = FacesContext.getCurrentInstance();
    String pattern = faces.getApplication().getResourceBundle(faces, "portal").getString(key);
    return args.length == 0
        ? pattern
        : new MessageFormat(pattern, faces.getViewRoot().getLocale()).format(args);
  }

  public void error(String key, Object... args) {
    add(FacesMessage.SEVERITY_ERROR, key, args);
  }

  public void info(String key, Object... args) {
    add(FacesMessage.SEVERITY_INFO, key, args);
  }

  /** A message that survives a redirect. */
  public void infoAfterRedirect(String key, Object... args) {
    FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    info(key, args);
  }

  public void errorAfterRedirect(String key, Object... args) {
    FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    error(key, args);
  }

  /** A time of day in the platform's zone (Asia/Tokyo), as the pages show it. */
  public static String time(Instant t) {
    return t == null ? "" : TIME.format(t.atZone(PlatformClock.ZONE));
  }

  private void add(FacesMessage.Severity severity, String key, Object... args) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(severity, get(key, args), null));
  }
}
