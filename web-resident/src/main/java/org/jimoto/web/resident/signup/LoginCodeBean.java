package org.jimoto.web.resident.signup;

import static jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters.withParams;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import org.jimoto.identity.boundary.LoginOutcome;
import org.jimoto.notification.boundary.CodeCheck;
import org.jimoto.notification.boundary.CodeIssue;
import org.jimoto.resident.boundary.LoginCodes;
import org.jimoto.web.i18n.LocaleBean;
import org.jimoto.web.security.PortalAuthenticationMechanism;

/**
 * The second step of a resident's login: the SMS code. The check itself is the login
 * mechanism's ({@code ResidentAuthenticationMechanism}); this page hands it the code, words the
 * answer and can send a new code (throttled by the ledger).
 */
@Named("loginCode")
@RequestScoped
public class LoginCodeBean {

  static final String LOGIN_PAGE = "/login.xhtml";
  static final String HOME = "/app/home.xhtml";
  static final String PASSWORD_PAGE = "/app/password.xhtml";

  @Inject SecurityContext securityContext;
  @Inject LoginCodes loginCodes;
  @Inject LocaleBean locale;
  @Inject PortalText text;

  private String code;
  private PendingLogin pending;

  /** Without a login awaiting its code, the page sends to the login page. */
  public String open() {
    return pending() == null ? LOGIN_PAGE + "?faces-redirect=true" : null;
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
                .credential(new LoginCodeCredential(code == null ? "" : code))
                .newAuthentication(true));
    Object outcome = request.getAttribute(PortalAuthenticationMechanism.OUTCOME_ATTRIBUTE);
    code = null;
    switch (status) {
      case SEND_CONTINUE -> faces.responseComplete(); // to the page first asked for
      case SUCCESS -> {
        boolean mustChange =
            outcome instanceof LoginOutcome.Authenticated ok && ok.mustChangePassword();
        external.redirect(external.getRequestContextPath() + (mustChange ? PASSWORD_PAGE : HOME));
      }
      default -> refused(external, outcome);
    }
  }

  private void refused(ExternalContext external, Object outcome) throws IOException {
    CodeCheck check = outcome instanceof CodeCheck c ? c : CodeCheck.NO_CODE;
    switch (check) {
      case WRONG -> text.error("signup.code.wrong");
      case EXPIRED -> text.error("signup.code.expired");
      case TOO_MANY_TRIES -> {
        text.errorAfterRedirect("signup.code.tooMany");
        external.redirect(external.getRequestContextPath() + LOGIN_PAGE);
      }
      default -> {
        text.errorAfterRedirect("signup.code.none");
        external.redirect(external.getRequestContextPath() + LOGIN_PAGE);
      }
    }
  }

  /** A new code, unless one was sent too recently or too often. */
  public void resend() throws IOException {
    PendingLogin p = pending();
    if (p == null) {
      text.errorAfterRedirect("signup.code.none");
      ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
      external.redirect(external.getRequestContextPath() + LOGIN_PAGE);
      return;
    }
    CodeIssue issue = loginCodes.send(p.loginName(), locale.getLocale());
    pending = p.after(issue);
    session().setAttribute(PendingLogin.ATTRIBUTE, pending);
    if (issue instanceof CodeIssue.Sent sent) {
      text.info("signup.code.resent", PortalText.time(sent.expiresAt()));
    } else if (issue instanceof CodeIssue.Throttled t) {
      text.error("signup.code.throttled", PortalText.time(t.retryAt()));
    }
  }

  /** Back to the login page: the half-way login is dropped. */
  public String cancel() {
    session().removeAttribute(PendingLogin.ATTRIBUTE);
    return LOGIN_PAGE + "?faces-redirect=true";
  }

  public PendingLogin pending() {
    if (pending == null) {
      pending = PendingLogin.in(session(), Instant.now()).orElse(null);
    }
    return pending;
  }

  public String getPhoneHint() {
    return pending() == null ? "" : pending().phoneHint();
  }

  public String getExpiresAt() {
    return pending() == null ? "" : PortalText.time(pending().codeExpiresAt());
  }

  public boolean isCodeSent() {
    return pending() != null && pending().codeExpiresAt() != null;
  }

  private static HttpSession session() {
    return (HttpSession) FacesContext.getCurrentInstance().getExternalContext().getSession(true);
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }
}
