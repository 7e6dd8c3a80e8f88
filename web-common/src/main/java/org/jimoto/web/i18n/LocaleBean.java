package org.jimoto.web.i18n;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Locale;

/** The language of this session's pages: Japanese by default, English on request. */
@Named("localeBean")
@SessionScoped
public class LocaleBean implements Serializable {

  private static final long serialVersionUID = 1L;

  private Locale locale = Locale.JAPANESE;

  public Locale getLocale() {
    return locale;
  }

  public String getLanguage() {
    return locale.getLanguage();
  }

  public boolean isJapanese() {
    return "ja".equals(locale.getLanguage());
  }

  /** Switches the language and re-renders the current page in it. */
  public void switchTo(String language) {
    locale = "en".equals(language) ? Locale.ENGLISH : Locale.JAPANESE;
    FacesContext.getCurrentInstance().getViewRoot().setLocale(locale);
  }
}
