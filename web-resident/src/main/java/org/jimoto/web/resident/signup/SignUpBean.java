package org.jimoto.web.resident.signup;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.jimoto.resident.boundary.ResidentSignUp;
import org.jimoto.web.i18n.LocaleBean;
import org.jimoto.web.security.ClientAddress;

/**
 * Sign-up, first step: e-mail, password, the terms. The ledger mails a verification link;
 * the page then only says to check the mailbox (the same for an address already registered).
 */
@Named("signUp")
@RequestScoped
public class SignUpBean {

  @Inject ResidentSignUp signUp;
  @Inject LocaleBean locale;
  @Inject PortalText text;

  private String email;
  private String password;
  private String confirmation;
  private boolean terms;
  private String sentTo;

  public void submit() {
    if (password == null || !password.equals(confirmation)) {
      text.error("signup.passwordMismatch");
      password = confirmation = null;
      return;
    }
    var request =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    var outcome =
        signUp.start(
            email, password.toCharArray(), terms, locale.getLocale(), ClientAddress.of(request));
    password = confirmation = null;
    if (outcome instanceof ResidentSignUp.Start.MailSent sent) {
      sentTo = sent.email();
    } else if (outcome instanceof ResidentSignUp.Start.Refused refused) {
      refused.problems().forEach(p -> text.error("signup.problem." + p.name()));
    }
  }

  public String getTermsVersion() {
    return ResidentSignUp.TERMS_VERSION;
  }

  public String getSentTo() {
    return sentTo;
  }

  public boolean isSent() {
    return sentTo != null;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getConfirmation() {
    return confirmation;
  }

  public void setConfirmation(String confirmation) {
    this.confirmation = confirmation;
  }

  public boolean isTerms() {
    return terms;
  }

  public void setTerms(boolean terms) {
    this.terms = terms;
  }
}
