package org.jimoto.web.resident.account;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jimoto.resident.boundary.AccountView;
import org.jimoto.resident.boundary.ForfeitPreview;
import org.jimoto.resident.boundary.ResidentAccounts;
import org.jimoto.web.i18n.LocaleBean;
import org.jimoto.web.resident.signup.PortalText;
import org.jimoto.web.security.ClientAddress;

/**
 * The account page (#10 item 9): the resident's details; the password (the portal's password page),
 * e-mail (confirmed by a link to the new address), phone (confirmed by an SMS code) and the
 * language of mails and SMS; and the request to close the account, after showing what would be
 * forfeited. Everything is of the logged-in resident; nothing is taken from the page.
 */
@Named("account")
@ViewScoped
public class AccountBean implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  @Inject ResidentAccounts accounts;
  @Inject LocaleBean locale;
  @Inject PortalText text;

  private AccountView view;
  private List<ForfeitPreview> forfeit;
  private String newEmail;
  private String emailPassword;
  private String language;
  private boolean closingConfirmed;
  private boolean closingShown;

  public void open() {
    reload();
  }

  private void reload() {
    view = accounts.view(login()).orElseThrow();
    language = view.language();
  }

  public void changeEmail() {
    var request =
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest();
    var outcome =
        accounts.requestEmailChange(
            login(),
            emailPassword == null ? new char[0] : emailPassword.toCharArray(),
            newEmail,
            locale.getLocale(),
            ClientAddress.of(request));
    emailPassword = null;
    if (outcome instanceof ResidentAccounts.EmailChange.LinkSent sent) {
      text.info("signup.account.emailSent", sent.email());
      newEmail = null;
    } else if (outcome instanceof ResidentAccounts.EmailChange.Refused refused) {
      refused.problems().forEach(p -> text.error("signup.problem." + p.name()));
    }
  }

  public void saveLanguage() {
    accounts.setLanguage(login(), language);
    reload();
    text.info("signup.account.languageSaved");
  }

  /** First step of closing: what would be forfeited. */
  public void showClosing() {
    forfeit = accounts.closingPreview(login());
    closingShown = true;
  }

  public void requestClosing() {
    if (!closingConfirmed) {
      text.error("signup.account.closeConfirmMissing");
      return;
    }
    accounts.requestClosing(login());
    closingShown = false;
    reload();
    text.info("signup.account.closeRequested");
  }

  public String amount(long yen) {
    return NumberFormat.getIntegerInstance(Locale.JAPAN).format(yen);
  }

  public String serviceName(ForfeitPreview p) {
    return locale.isJapanese() ? p.nameJa() : p.nameEn();
  }

  public String day(java.time.temporal.TemporalAccessor t) {
    return t == null ? "" : DAY.format(t);
  }

  private static String login() {
    return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
  }

  public AccountView getView() {
    return view;
  }

  public List<ForfeitPreview> getForfeit() {
    return forfeit;
  }

  public boolean isClosingShown() {
    return closingShown;
  }

  public String getNewEmail() {
    return newEmail;
  }

  public void setNewEmail(String newEmail) {
    this.newEmail = newEmail;
  }

  public String getEmailPassword() {
    return null; // never rendered back
  }

  public void setEmailPassword(String emailPassword) {
    this.emailPassword = emailPassword;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = language;
  }

  public boolean isClosingConfirmed() {
    return closingConfirmed;
  }

  public void setClosingConfirmed(boolean closingConfirmed) {
    this.closingConfirmed = closingConfirmed;
  }
}
