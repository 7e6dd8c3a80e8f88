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
 * Sign-up, first step: e-mail and the terms (the password is chosen on the link's page, by
 * the mailbox's owner). The ledger mails a verification link; the page then only says to check the
 * mailbox (the same for an address already registered).
 */
@Named("signUp")
@RequestScoped
public class SignUpBean {

  @Inject ResidentSignUp signUp;
  @Inject LocaleBean locale;
  @Inject PortalText text;

  private String email;
  private boolean terms;
  private String sentTo;

  public void submit() {
    var request =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    var outcome = signUp.start(email, terms, locale.getLocale(), ClientAddress.of(request));
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

  public boolean isTerms() {
    return terms;
  }

  public void setTerms(boolean terms) {
    this.terms = terms;
  }
}
