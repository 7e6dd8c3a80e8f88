package org.jimoto.web.admin.onboarding;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.text.MessageFormat;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.merchant.boundary.MerchantCredentials;
import org.jimoto.merchant.boundary.MerchantCredentials.LoginView;
import org.jimoto.web.i18n.LocaleBean;

/**
 * The logins of an approved merchant (R-61, R-62, #11 reissue): their password state, and the
 * reissue of a login's credentials after a confirmation with its reason. The new password goes by
 * mail to the business, never to this screen; the ledger decides who may (CITY_ADMIN) and what.
 */
@Named("merchantLogins")
@ViewScoped
public class MerchantLoginsBean implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");

  @Inject MerchantCredentials credentials;
  @Inject LocaleBean localeBean;

  private String businessCode;
  private String chosen;
  private String reason;
  private String refusal;
  private transient List<LoginView> list;

  /** The logins of the business with this code, read once per view. */
  public List<LoginView> of(String code) {
    if (list == null || !Objects.equals(businessCode, code)) {
      businessCode = code;
      list = code == null ? List.of() : credentials.logins(code);
    }
    return list;
  }

  public boolean isMayReissue() {
    return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("CITY_ADMIN");
  }

  /** Opens the confirmation for one login. */
  public void choose(String loginName) {
    chosen = loginName;
    reason = null;
    refusal = null;
  }

  /** Reissues; on a refusal the dialog stays open and says why. */
  public void reissue() {
    try {
      var done = credentials.reissue(chosen, reason);
      FacesContext.getCurrentInstance()
          .addMessage(
              null,
              new FacesMessage(
                  FacesMessage.SEVERITY_INFO,
                  new MessageFormat(text("merchantLogins.reissued"), localeBean.getLocale())
                      .format(new Object[] {done.loginName(), TIME.format(done.expiresAt())}),
                  null));
      list = null;
      chosen = null;
      reason = null;
      refusal = null;
    } catch (RefusedException e) {
      refusal = e.refusal().message(localeBean.getLocale(), e.args());
      FacesContext.getCurrentInstance().validationFailed(); // keeps the dialog open
    }
  }

  /** The password column: temporary until / expired on / set by the merchant. */
  public String passwordState(LoginView v) {
    if (!v.temporary()) {
      return text("merchantLogins.password.own");
    }
    return new MessageFormat(
            text(
                v.temporaryExpired()
                    ? "merchantLogins.password.expired"
                    : "merchantLogins.password.temporary"),
            localeBean.getLocale())
        .format(new Object[] {TIME.format(v.temporaryExpiresAt())});
  }

  public String accountName(LoginView v) {
    return v.kind() == MerchantCredentials.Kind.BUSINESS
        ? text("merchantLogins.kind.business")
        : new MessageFormat(text("merchantLogins.kind.shop"), localeBean.getLocale())
            .format(new Object[] {v.shopCode(), v.shopName()});
  }

  public String lastLogin(LoginView v) {
    return v.lastLoginAt() == null ? text("merchantLogins.never") : TIME.format(v.lastLoginAt());
  }

  private static String text(String key) {
    FacesContext faces = FacesContext.getCurrentInstance();
    return faces.getApplication().getResourceBundle(faces, "portal").getString(key);
  }

  public String getChosen() {
    return chosen;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getRefusal() {
    return refusal;
  }
}
