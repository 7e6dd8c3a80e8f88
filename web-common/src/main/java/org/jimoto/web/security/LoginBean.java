package org.jimoto.web.security;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jimoto.identity.boundary.LoginOutcome;
import org.jimoto.identity.boundary.RememberMeService;
import org.jimoto.web.i18n.Messages;

/** The login form of every portal: hands the credential to the portal's mechanism. */
@Named("login")
@RequestScoped
public class LoginBean {

  static final String HOME = "/app/home.xhtml";

  @Inject SecurityContext securityContext;
  @Inject Messages messages;
  // Instance: the server root (web-root) has no portal mechanism, and no login.
  @Inject Instance<PortalAuthenticationMechanism> mechanism;

  private String loginName;
  private String password;
  private boolean remember;

  /** The login page of someone already logged in (a till kept signed in) opens the home page. */
  public String alreadyLoggedIn() {
    return securityContext.getCallerPrincipal() == null ? null : HOME + "?faces-redirect=true";
  }

  public void submit() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    ExternalContext external = faces.getExternalContext();
    var request = (HttpServletRequest) external.getRequest();
    var response = (HttpServletResponse) external.getResponse();
    AuthenticationStatus status =
        securityContext.authenticate(
            request,
            response,
            withParams()
                .credential(
                    new UsernamePasswordCredential(
                        loginName == null ? "" : loginName, new Password(nullToEmpty(password))))
                .newAuthentication(true)
                .rememberMe(remember && mechanism.get().rememberMeOffered()));
    switch (status) {
      case SEND_CONTINUE -> faces.responseComplete(); // mechanism redirected to the saved page
      case SUCCESS -> {
        if (remember && !rememberAllowed(request)) {
          external.getFlash().setKeepMessages(true);
          faces.addMessage(
              null,
              new FacesMessage(
                  FacesMessage.SEVERITY_INFO, messages.get("login.rememberShopOnly"), null));
        }
        external.redirect(
            external.getRequestContextPath()
                + (mustChangePassword(request) ? AccountStateFilter.PASSWORD_PAGE : HOME));
      }
      default ->
          failed(faces, request.getAttribute(PortalAuthenticationMechanism.OUTCOME_ATTRIBUTE));
    }
  }

  /**
   * One answer for an unknown login, a wrong password and a disabled account; the throttle and the
   * busy answer name no account state and no time (#8 finding 4).
   */
  private void failed(FacesContext faces, Object outcome) {
    String key;
    if (outcome instanceof LoginOutcome.Throttled) {
      key = "login.throttled";
    } else if (outcome instanceof LoginOutcome.TemporaryPasswordExpired) {
      key = "login.temporaryExpired"; // only after the right password
    } else if (outcome instanceof LoginOutcome.Busy) {
      key = "login.busy";
      faces.getExternalContext().setResponseStatus(429); // #8 finding 3
    } else {
      key = "login.invalid";
    }
    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, messages.get(key), null));
    password = null;
  }

  /** Only a shop account (a till) may stay signed in; the ledger's rule. */
  private boolean rememberAllowed(HttpServletRequest request) {
    return request.getAttribute(PortalAuthenticationMechanism.OUTCOME_ATTRIBUTE)
            instanceof LoginOutcome.Authenticated ok
        && RememberMeService.allowedFor(mechanism.get().portal(), ok.roles());
  }

  private static boolean mustChangePassword(HttpServletRequest request) {
    return request.getAttribute(PortalAuthenticationMechanism.OUTCOME_ATTRIBUTE)
            instanceof LoginOutcome.Authenticated ok
        && ok.mustChangePassword();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  public String getLoginName() {
    return loginName;
  }

  public void setLoginName(String loginName) {
    this.loginName = loginName;
  }

  public boolean isRemember() {
    return remember;
  }

  public void setRemember(boolean remember) {
    this.remember = remember;
  }

  /** The box is shown in portals that offer it (the merchant portal's tills). */
  public boolean isRememberOffered() {
    return mechanism.get().rememberMeOffered();
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
