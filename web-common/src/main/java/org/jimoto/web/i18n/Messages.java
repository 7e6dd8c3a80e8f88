package org.jimoto.web.i18n;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/** Text of the common bundle ({@code msg}) in the locale of the current view. */
@RequestScoped
public class Messages {

  public String get(String key) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "msg");
    return bundle.getString(key);
  }

  public String format(String key, Object... args) {
    FacesContext faces = FacesContext.getCurrentInstance();
    return new MessageFormat(get(key), faces.getViewRoot().getLocale()).format(args);
  }
}
