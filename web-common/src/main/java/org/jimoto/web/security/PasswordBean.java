package org.jimoto.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.boundary.PasswordChangeOutcome;
import org.jimoto.web.i18n.Messages;

/** The password change page of every portal; the rules are the ledger's PasswordPolicy. */
@Named("passwordChange")
@RequestScoped
public class PasswordBean {

  @Inject LoginService loginService;
  @Inject Messages messages;
  // Instance: the server root (web-root) has no portal mechanism, and no password page.
  @Inject Instance<PortalAuthenticationMechanism> mechanism;

  private String current;
  private String next;
  private String confirmation;

  public void submit() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    var request = (HttpServletRequest) external.getRequest();
    if (!next.equals(confirmation)) {
      error(faces, messages.get("password.mismatch"));
      return;
    }
    PasswordChangeOutcome outcome =
        loginService.changePassword(
            mechanism.get().portal(),
            request.getUserPrincipal().getName(),
            current.toCharArray(),
            next.toCharArray(),
            ClientAddress.of(request));
    if (outcome instanceof PasswordChangeOutcome.Changed) {
      AccountStateFilter.forgetPasswordStamp(request);
      // The change ended every device's "keep me signed in"; this one stays if it was.
      mechanism
          .get()
          .rememberAgain(
              request,
              (HttpServletResponse) external.getResponse(),
              request.getUserPrincipal().getName());
      external.getFlash().setKeepMessages(true);
      faces.addMessage(
          null,
          new FacesMessage(FacesMessage.SEVERITY_INFO, messages.get("password.changed"), null));
      external.redirect(external.getRequestContextPath() + LoginBean.HOME);
    } else if (outcome instanceof PasswordChangeOutcome.WrongCurrentPassword) {
      error(faces, messages.get("password.wrongCurrent"));
    } else if (outcome instanceof PasswordChangeOutcome.TemporaryPasswordExpired) {
      error(faces, messages.get("login.temporaryExpired")); // R-62, #11 review 2
    } else if (outcome instanceof PasswordChangeOutcome.Refused refused) {
      refused
          .violations()
          .forEach(v -> error(faces, messages.get("password.violation." + v.name())));
    } else {
      error(faces, messages.get("password.tryLater"));
    }
  }

  private void error(FacesContext faces, String text) {
    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    current = next = confirmation = null;
  }

  public String getCurrent() {
    return current;
  }

  public void setCurrent(String current) {
    this.current = current;
  }

  public String getNext() {
    return next;
  }

  public void setNext(String next) {
    this.next = next;
  }

  public String getConfirmation() {
    return confirmation;
  }

  public void setConfirmation(String confirmation) {
    this.confirmation = confirmation;
  }
}
