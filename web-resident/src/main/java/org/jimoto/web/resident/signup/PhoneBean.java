package org.jimoto.web.resident.signup;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import org.jimoto.notification.boundary.CodeCheck;
import org.jimoto.notification.boundary.CodeIssue;
import org.jimoto.notification.boundary.PhoneNumber;
import org.jimoto.resident.boundary.ResidentAccounts;
import org.jimoto.resident.boundary.ResidentPhones;
import org.jimoto.web.i18n.LocaleBean;
import org.jimoto.web.security.ClientAddress;

/**
 * Registering or changing the phone: the number, then the 6-digit code sent to it. On the
 * sign-up path ({@code /signup-phone.xhtml}) for the resident just created in this session; on
 * {@code /app/phone.xhtml} for the logged-in resident (never an id from the page). A registered
 * phone is changed only after the current password and a code to it (#10 identity review; the
 * ledger enforces it).
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
  // Changing a registered phone (#10 identity review): the password, then a code to it.
  private String password;
  private String currentCode;
  private String currentHint;
  private Boolean changeAllowed;
  private boolean required;

  /** Without a resident (no sign-up in this session, not logged in): to the sign-up page. */
  public String open() {
    return residentId() == null ? "/signup.xhtml?faces-redirect=true" : null;
  }

  /**
   * Step 1 of changing a registered phone: the current password; a code then goes to the phone
   * registered now.
   */
  public void startChange() {
    var request =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    if (request.getUserPrincipal() == null) {
      return; // the sign-up path has no phone to change
    }
    var outcome =
        phones.startChange(
            request.getUserPrincipal().getName(),
            password == null ? new char[0] : password.toCharArray(),
            ClientAddress.of(request),
            locale.getLocale());
    password = null;
    if (outcome instanceof ResidentPhones.ChangeStart.Sent sent) {
      currentHint = sent.hint();
      text.info("signup.phone.change.sent", sent.hint(), PortalText.time(sent.expiresAt()));
    } else if (outcome instanceof ResidentPhones.ChangeStart.Throttled t) {
      currentHint = t.hint();
      text.error("signup.code.throttled", PortalText.time(t.retryAt()));
    } else if (outcome instanceof ResidentPhones.ChangeStart.WrongPassword) {
      text.error("signup.phone.change.wrongPassword");
    } else {
      changeAllowed = null; // no phone registered: straight to the number
    }
  }

  /** Step 2: the code sent to the phone registered now; then the new number may be entered. */
  public void confirmCurrent() {
    CodeCheck check = phones.confirmCurrentPhone(residentId(), currentCode);
    currentCode = null;
    switch (check) {
      case VALID -> {
        changeAllowed = null;
        currentHint = null;
        text.info("signup.phone.change.verified");
      }
      case WRONG -> text.error("signup.code.wrong");
      case EXPIRED -> {
        currentHint = null;
        text.error("signup.code.expired");
      }
      default -> {
        currentHint = null;
        text.error("signup.phone.tooMany");
      }
    }
  }

  /** Whether the new number may be entered: no phone yet, or the change was proven. */
  public boolean isChangeAllowed() {
    if (changeAllowed == null) {
      Long id = residentId();
      changeAllowed = id != null && phones.changeAllowed(id);
    }
    return changeAllowed;
  }

  /** A code went to the phone registered now and awaits typing. */
  public boolean isCurrentCodeSent() {
    return currentHint != null;
  }

  public String getCurrentHint() {
    return currentHint == null ? "" : currentHint;
  }

  public void send() {
    if (!isChangeAllowed()) {
      text.error("signup.phone.change.first");
      return;
    }
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
        changeAllowed = null;
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

  /** Sent here from a money page without a registered phone. */
  public boolean isRequired() {
    return required;
  }

  public void setRequired(boolean required) {
    this.required = required;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getCurrentCode() {
    return currentCode;
  }

  public void setCurrentCode(String currentCode) {
    this.currentCode = currentCode;
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
