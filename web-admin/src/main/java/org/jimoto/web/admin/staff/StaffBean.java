package org.jimoto.web.admin.staff;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Supplier;
import org.jimoto.identity.boundary.StaffAccounts;
import org.jimoto.identity.entity.Role;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.web.i18n.LocaleBean;

/** The staff accounts page (#11 item 7). */
@Named("staff")
@ViewScoped
public class StaffBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject StaffAccounts accounts;
  @Inject LocaleBean localeBean;

  private String loginName;
  private String displayName;
  private String email;
  private List<String> roles = new ArrayList<>();
  private String reason;

  /** The temporary password just issued, shown once on this view. */
  private String issuedLogin;

  private String issuedPassword;
  private transient List<StaffAccounts.StaffView> list;

  public List<StaffAccounts.StaffView> getList() {
    if (list == null) {
      list = accounts.list();
    }
    return list;
  }

  public List<String> getRoleChoices() {
    return List.of(Role.CITY_ADMIN.name(), Role.CITY_CLERK.name(), Role.CITY_AUDITOR.name());
  }

  public String roleLabel(Object role) {
    return text("staff.role." + role);
  }

  public String rolesOf(StaffAccounts.StaffView v) {
    return String.join(", ", v.roles().stream().map(this::roleLabel).toList());
  }

  public void create() {
    Set<Role> chosen = EnumSet.noneOf(Role.class);
    roles.forEach(r -> chosen.add(Role.valueOf(r)));
    run(
        () -> {
          var issued = accounts.create(loginName, displayName, email, chosen);
          issuedLogin = issued.loginName();
          issuedPassword = issued.temporaryPassword();
          loginName = null;
          displayName = null;
          email = null;
          roles = new ArrayList<>();
          return text("staff.created", issued.loginName());
        });
  }

  public void resetPassword(String login) {
    run(
        () -> {
          var issued = accounts.resetPassword(login, reason);
          issuedLogin = issued.loginName();
          issuedPassword = issued.temporaryPassword();
          return text("staff.reset", login);
        });
  }

  public void setEnabled(String login, boolean enabled) {
    run(
        () -> {
          accounts.setEnabled(login, enabled, reason);
          return text(enabled ? "staff.enabled" : "staff.disabled", login);
        });
  }

  private void run(Supplier<String> action) {
    FacesContext faces = FacesContext.getCurrentInstance();
    try {
      String done = action.get();
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, done, null));
      list = null;
    } catch (RefusedException e) {
      issuedPassword = null;
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR,
              e.refusal().message(localeBean.getLocale(), e.args()),
              null));
    }
  }

  private String text(String key, Object... args) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "portal");
    return new MessageFormat(bundle.getString(key), localeBean.getLocale()).format(args);
  }

  public String getLoginName() {
    return loginName;
  }

  public void setLoginName(String loginName) {
    this.loginName = loginName;
  }

  public String getDisplayName() {
    return displayName;
  }

  public void setDisplayName(String displayName) {
    this.displayName = displayName;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public List<String> getRoles() {
    return roles;
  }

  public void setRoles(List<String> roles) {
    this.roles = roles;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getIssuedLogin() {
    return issuedLogin;
  }

  public String getIssuedPassword() {
    return issuedPassword;
  }
}
