package org.jimoto.web.merchant.terminal;

import static org.jimoto.web.merchant.terminal.TerminalsBean.error;
import static org.jimoto.web.merchant.terminal.TerminalsBean.info;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.merchant.boundary.MerchantTerminals;
import org.jimoto.merchant.boundary.MerchantTerminals.Rights;
import org.jimoto.merchant.boundary.MerchantTerminals.StoreQr;
import org.jimoto.merchant.boundary.MerchantTerminals.TerminalView;
import org.jimoto.merchant.boundary.StoreQrCodes;
import org.jimoto.web.i18n.LocaleBean;

/**
 * One terminal's page ({@code /app/terminal.xhtml?terminal=T0001}) and its print stand ({@code
 * /app/terminal-print.xhtml?terminal=T0001&paper=A4|A5}): the store QR code with the shop and
 * terminal name, rename, the POS API credential (the secret shown once, in a dialog, until it is
 * dismissed) and retiring. The code comes from the URL; the ledger answers only for the login's own
 * terminals and decides every change.
 */
@Named("terminal")
@ViewScoped
public class TerminalBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient MerchantTerminals terminals;
  @Inject transient StoreQrCodes storeQrCodes;
  @Inject transient SecurityContext security;
  @Inject LocaleBean localeBean;

  private String code;
  private String paper = "A4";

  /** Why the ledger does not show this terminal; its message is rendered in the page's language. */
  private Refusal refusal;

  private transient Object[] refusalArgs;
  private transient TerminalView view;
  private transient StoreQr qr;

  private String newName;
  private String credentialReason;
  private String revokeReason;
  private String retireReason;
  private boolean retireConfirmed;

  /**
   * The new secret until the dialog is dismissed: never stored, never shown again; transient, so a
   * session written to disk does not keep it either.
   */
  private transient String newSecret;

  /** After the view parameters: the terminal, or the ledger's reason why not. */
  public void load() {
    refusal = null;
    view = null;
    qr = null;
    try {
      view = terminals.find(login(), code);
      if (view.active()) {
        qr = terminals.storeQr(login(), code);
      }
      if (newName == null) {
        newName = view.name();
      }
    } catch (RefusedException e) {
      refusal = e.refusal();
      refusalArgs = e.args();
    }
  }

  private String login() {
    return security.getCallerPrincipal().getName();
  }

  private TerminalView view() {
    if (view == null && refusal == null && code != null) {
      load();
    }
    return view;
  }

  public TerminalView getView() {
    return view();
  }

  public StoreQr getQr() {
    view();
    return qr;
  }

  public String getRefusal() {
    view();
    return refusal == null
        ? null
        : refusal.message(locale(), refusalArgs == null ? new Object[0] : refusalArgs);
  }

  private Locale locale() {
    return localeBean.getLocale();
  }

  private String text(String key) {
    return TerminalsBean.text(locale(), key);
  }

  public Rights getRights() {
    return terminals.rights(login());
  }

  public boolean isPublicUrlLocal() {
    return storeQrCodes.publicUrlIsLocal();
  }

  /** The PNG of the QR code (context-relative), at a size for the screen or for print. */
  public String qrImage(int sizePx, boolean download) {
    return "/app/terminal-qr.png?terminal="
        + URLEncoder.encode(code, StandardCharsets.UTF_8)
        + "&size="
        + sizePx
        + (download ? "&download=1" : "");
  }

  // ------------------------------------------------------------------ actions

  public void rename() {
    try {
      view = terminals.rename(login(), code, newName);
      newName = view.name();
      qr = terminals.storeQr(login(), code);
      info(MessageFormat.format(text("terminal.renamed"), view.code(), view.name()));
    } catch (RefusedException e) {
      refused(e);
    }
  }

  public void issueCredential() {
    try {
      newSecret = terminals.issueCredential(login(), code, credentialReason).secret();
      credentialReason = null;
      view = terminals.find(login(), code);
    } catch (RefusedException e) {
      refused(e);
    }
  }

  /** The dialog's "I have copied it": the secret is gone from this page for good. */
  public void dismissSecret() {
    newSecret = null;
    info(text("terminal.credential.issued"));
  }

  public void revokeCredential() {
    try {
      terminals.revokeCredential(login(), code, revokeReason);
      revokeReason = null;
      view = terminals.find(login(), code);
      info(MessageFormat.format(text("terminal.credential.revoked"), code));
    } catch (RefusedException e) {
      refused(e);
    }
  }

  public void retire() {
    if (!retireConfirmed) {
      error(text("terminal.retire.notConfirmed"));
      FacesContext.getCurrentInstance().validationFailed();
      return;
    }
    try {
      terminals.retire(login(), code, retireReason);
      retireReason = null;
      retireConfirmed = false;
      view = terminals.find(login(), code);
      qr = null;
      info(MessageFormat.format(text("terminal.retired"), view.code(), view.name()));
    } catch (RefusedException e) {
      refused(e);
    }
  }

  private void refused(RefusedException e) {
    error(e.refusal().message(locale(), e.args()));
    FacesContext.getCurrentInstance().validationFailed();
  }

  // ------------------------------------------------------------------ fields

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  /** The stand's paper: A4 or A5 (anything else is A4). */
  public String getPaper() {
    return paper;
  }

  public void setPaper(String paper) {
    this.paper = "A5".equalsIgnoreCase(paper) ? "A5" : "A4";
  }

  public String getNewSecret() {
    return newSecret;
  }

  public String getNewName() {
    return newName;
  }

  public void setNewName(String newName) {
    this.newName = newName;
  }

  public String getCredentialReason() {
    return credentialReason;
  }

  public void setCredentialReason(String credentialReason) {
    this.credentialReason = credentialReason;
  }

  public String getRevokeReason() {
    return revokeReason;
  }

  public void setRevokeReason(String revokeReason) {
    this.revokeReason = revokeReason;
  }

  public String getRetireReason() {
    return retireReason;
  }

  public void setRetireReason(String retireReason) {
    this.retireReason = retireReason;
  }

  public boolean isRetireConfirmed() {
    return retireConfirmed;
  }

  public void setRetireConfirmed(boolean retireConfirmed) {
    this.retireConfirmed = retireConfirmed;
  }
}
