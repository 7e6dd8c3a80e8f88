package org.jimoto.web.i18n;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The language of this session's pages. The first page follows the browser's Accept-Language
 * (Japanese unless it prefers English); the language links switch it.
 */
@Named("localeBean")
@SessionScoped
public class LocaleBean implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final List<Locale> OFFERED = List.of(Locale.JAPANESE, Locale.ENGLISH);

  /** The session's language also as a session attribute, for the error pages (no Faces). */
  public static final String SESSION_ATTRIBUTE = "org.jimoto.web.locale";

  private Locale locale = Locale.JAPANESE;

  @PostConstruct
  void firstVisit() {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    use(preferred(external.getRequestHeaderMap().get("Accept-Language")));
  }

  /** The first of Japanese and English the header accepts; Japanese without a header. */
  public static Locale preferred(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return Locale.JAPANESE;
    }
    try {
      Locale match = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), OFFERED);
      return match == null ? Locale.JAPANESE : match;
    } catch (IllegalArgumentException malformed) {
      return firstOffered(acceptLanguage);
    }
  }

  /**
   * A header the strict parser refuses (a repeated or bad q-value, seen from real browsers): the
   * first of its tags, in order, that names Japanese or English; Japanese if none.
   */
  private static Locale firstOffered(String acceptLanguage) {
    for (String range : acceptLanguage.split(",", 20)) {
      String tag = range.split(";", 2)[0].strip();
      String language = Locale.forLanguageTag(tag).getLanguage();
      for (Locale offered : OFFERED) {
        if (offered.getLanguage().equals(language)) {
          return offered;
        }
      }
    }
    return Locale.JAPANESE;
  }

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
    use("en".equals(language) ? Locale.ENGLISH : Locale.JAPANESE);
    FacesContext.getCurrentInstance().getViewRoot().setLocale(locale);
  }

  private void use(Locale chosen) {
    locale = chosen;
    FacesContext.getCurrentInstance()
        .getExternalContext()
        .getSessionMap()
        .put(SESSION_ATTRIBUTE, chosen);
  }
}
