package org.jimoto.web.merchant.shop;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIInput;
import jakarta.faces.context.FacesContext;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jimoto.merchant.boundary.ProfileRefusal.Problem;

/** The ledger's refusals as Faces messages on their fields, in the page's language. */
final class FormMessages {

  private FormMessages() {}

  static Locale locale() {
    return FacesContext.getCurrentInstance().getViewRoot().getLocale();
  }

  static String text(String key) {
    return ResourceBundle.getBundle(
            "org.jimoto.web.merchant.portal", locale(), FormMessages.class.getClassLoader())
        .getString(key);
  }

  /**
   * Each problem as an error message naming its field ("電話番号: ..."), attached to the field's input,
   * which is marked invalid (aria-invalid) so that it is found again on the page.
   */
  static void show(String form, List<Problem> problems) {
    FacesContext faces = FacesContext.getCurrentInstance();
    for (Problem p : problems) {
      String clientId = form + ":" + p.field();
      UIComponent input = faces.getViewRoot().findComponent(":" + clientId);
      if (input instanceof UIInput in) {
        in.setValid(false);
      } else {
        clientId = null;
      }
      String label = label(p.field());
      String message = p.message(locale());
      faces.addMessage(
          clientId,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR, label == null ? message : label + ": " + message, null));
    }
    faces.validationFailed();
  }

  private static String label(String field) {
    try {
      return text("shopPage.field." + field);
    } catch (java.util.MissingResourceException none) {
      return null;
    }
  }

  static void info(String key, Object... args) {
    FacesContext.getCurrentInstance()
        .addMessage(
            null,
            new FacesMessage(
                FacesMessage.SEVERITY_INFO,
                new java.text.MessageFormat(text(key), locale()).format(args),
                null));
  }
}
