package org.jimoto.web.resident.signup;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.jimoto.notification.boundary.CodeCheck;
import org.jimoto.notification.boundary.CodeIssue;
import org.jimoto.notification.boundary.PhoneNumber;
import org.jimoto.resident.boundary.ResidentAccounts;
import org.jimoto.resident.boundary.ResidentPhones;
import org.jimoto.web.i18n.LocaleBean;

/**
 * Registering or changing the phone: the number, then the 6-digit code sent to it. On the
 * sign-up path ({@code /signup-phone.xhtml}) for the resident just created in this session; on
 * {@code /app/phone.xhtml} for the logged-in resident (never an id from the page).
 */
@Named("phone")
@ViewScoped
public class PhoneBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ResidentPhones phones;
  @Inject ResidentAccounts accounts;
  @Inject SignUpSession signUpSession;
  @Inject LocaleBean locale;
  @Inject PortalText text;

  private String number;
  private String code;
  private PhoneNumber sentTo;
  private boolean confirmed;

  /** Without a resident (no sign-up in this session, not logged in): to the sign-up page. */
  public String open() {
    return residentId() == null ? "/signup.xhtml?faces-redirect=true" : null;
  }

  public void send() {
    var parsed = PhoneNumber.parse(number);
    if (parsed.isEmpty()) {
      text.error("signup.phone.invalid");
      return;
    }
    CodeIssue issue = phones.sendConfirmation(residentId(), parsed.get(), locale.getLocale());
    if (issue instanceof CodeIssue.Sent sent) {
      sentTo = parsed.get();
      text.info("signup.phone.sent", sentTo.normalized(), PortalText.time(sent.expiresAt()));
    } else if (issue instanceof CodeIssue.Throttled t) {
      text.error("signup.code.throttled", PortalText.time(t.retryAt()));
    }
  }

  public void confirm() {
    if (sentTo == null) {
      text.error("signup.code.none");
      return;
    }
    CodeCheck check = phones.confirm(residentId(), sentTo, code);
    code = null;
    switch (check) {
      case VALID -> {
        confirmed = true;
        signUpSession.finished();
        text.info("signup.phone.confirmed");
      }
      case WRONG -> text.error("signup.code.wrong");
      case EXPIRED -> text.error("signup.code.expired");
      case TOO_MANY_TRIES -> {
        sentTo = null;
        text.error("signup.phone.tooMany");
      }
      default -> {
        sentTo = null;
        text.error("signup.phone.tooMany");
      }
    }
  }

  /** Another number: back to the first field. */
  public void otherNumber() {
    sentTo = null;
  }

  private Long residentId() {
    var principal = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal();
    if (principal != null) {
      return accounts.view(principal.getName()).map(v -> v.residentId()).orElse(null);
    }
    return signUpSession.residentId();
  }

  /** On the sign-up path: the login name to log in with afterwards. */
  public String getLoginName() {
    return signUpSession.loginName();
  }

  public boolean isCodeSent() {
    return sentTo != null && !confirmed;
  }

  public boolean isConfirmed() {
    return confirmed;
  }

  public String getSentTo() {
    return sentTo == null ? "" : sentTo.normalized();
  }

  public String getNumber() {
    return number;
  }

  public void setNumber(String number) {
    this.number = number;
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }
}
