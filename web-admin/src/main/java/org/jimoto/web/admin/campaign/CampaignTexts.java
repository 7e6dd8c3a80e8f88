package org.jimoto.web.admin.campaign;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** This feature's texts (ja default, en) and the page messages made of them. */
final class CampaignTexts {

  static final String BUNDLE = "org.jimoto.web.admin.campaign.texts";

  private CampaignTexts() {}

  static String text(Locale locale, String key, Object... args) {
    String pattern =
        ResourceBundle.getBundle(BUNDLE, locale, CampaignTexts.class.getClassLoader())
            .getString(key);
    return args.length == 0 ? pattern : MessageFormat.format(pattern, args);
  }

  static void error(Locale locale, String key, Object... args) {
    FacesContext.getCurrentInstance()
        .addMessage(
            null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(locale, key, args), null));
  }

  /** An info message that survives the post-redirect-get. */
  static void info(Locale locale, String key, Object... args) {
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.getExternalContext().getFlash().setKeepMessages(true);
    faces.addMessage(
        null, new FacesMessage(FacesMessage.SEVERITY_INFO, text(locale, key, args), null));
  }
}
