package org.jimoto.web.merchant.terminal;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.merchant.boundary.MerchantTerminals;
import org.jimoto.merchant.boundary.MerchantTerminals.Rights;
import org.jimoto.merchant.boundary.MerchantTerminals.TerminalView;
import org.jimoto.merchant.boundary.StoreQrCodes;
import org.jimoto.web.i18n.LocaleBean;
import org.jimoto.web.merchant.account.ShopSelectionBean;

/**
 * The terminal list (レジ一覧) of the shop chosen with the shop selector, and adding a terminal.
 * Translates only: the ledger checks the shop against the login and the name.
 */
@Named("terminals")
@ViewScoped
public class TerminalsBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient MerchantTerminals terminals;
  @Inject transient StoreQrCodes storeQrCodes;
  @Inject ShopSelectionBean shopSelection;
  @Inject transient SecurityContext security;
  @Inject LocaleBean localeBean;

  private transient List<TerminalView> list;
  private String newName;

  private String login() {
    return security.getCallerPrincipal().getName();
  }

  /** The chosen shop's terminals, those in use first. */
  public List<TerminalView> getList() {
    if (list == null) {
      Long shop = shopSelection.getShopId();
      list = shop == null ? List.of() : terminals.list(login(), shop);
    }
    return list;
  }

  public long getActiveCount() {
    return getList().stream().filter(TerminalView::active).count();
  }

  public Rights getRights() {
    return terminals.rights(login());
  }

  /** QR codes printed now would point at this machine only: the city must set the public URL. */
  public boolean isPublicUrlLocal() {
    return storeQrCodes.publicUrlIsLocal();
  }

  public String getPublicUrl() {
    return storeQrCodes.baseUrl();
  }

  public void add() {
    Long shop = shopSelection.getShopId();
    if (shop == null) {
      return;
    }
    try {
      TerminalView added = terminals.add(login(), shop, newName);
      info(MessageFormat.format(text("terminals.added"), added.code(), added.name()));
      newName = null;
      list = null;
    } catch (RefusedException e) {
      error(e.refusal().message(locale(), e.args()));
      FacesContext.getCurrentInstance().validationFailed();
    }
  }

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }

  private Locale locale() {
    return localeBean.getLocale();
  }

  private String text(String key) {
    return text(locale(), key);
  }

  static String text(Locale locale, String key) {
    return ResourceBundle.getBundle(
            "org.jimoto.web.merchant.portal", locale, TerminalsBean.class.getClassLoader())
        .getString(key);
  }

  static void info(String message) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
  }

  static void error(String message) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
  }
}
