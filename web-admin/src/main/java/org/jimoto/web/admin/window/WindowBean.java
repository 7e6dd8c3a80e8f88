package org.jimoto.web.admin.window;

import static org.jimoto.web.admin.window.WindowPages.attempt;
import static org.jimoto.web.admin.window.WindowPages.info;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.resident.control.CardMover;
import org.jimoto.window.boundary.IdDocument;
import org.jimoto.window.boundary.WindowCards;
import org.jimoto.window.boundary.WindowCards.CardView;
import org.jimoto.window.boundary.WindowCards.IssuedCard;

/**
 * /app/window.xhtml: a card holder at the counter. The clerk types the member code and why the card
 * is opened (R-94: asked before any personal data shows); the ledger logs the view. Then the
 * actions on that card, each with the same reason: a cash charge (R-20; the form's receipt number
 * is the charge's idempotency key, so a double submit charges once), the phone for the SMS codes
 * a lost card's stop and its replacement (the new card's codes shown to print), and the
 * move into the holder's app account.
 */
@Named("windowDesk")
@ViewScoped
public class WindowBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient WindowCards window;
  @Inject transient BalanceQuery balances;

  private String memberCode;
  private String reason;
  private CardView card;
  private String serviceCode = "WAKABA_COIN";
  private Long amountYen;
  private String receipt = newReceipt();
  private String phone;
  private String appEmail;
  private IdDocument document;

  /**
   * A replacement card's codes, to print once (#11 finding 7): transient, never written with the
   * session, and dropped by the next action on this page, so the security code stays in memory only
   * until the sheet was shown.
   */
  private transient IssuedCard issued;

  private String lastCharge;

  private static String newReceipt() {
    return "W-" + UUID.randomUUID();
  }

  /** GET ?code=: the member code from the lookup's link (the reason is still asked). */
  public void setCode(String code) {
    if (code != null && memberCode == null) {
      memberCode = code;
    }
  }

  public String getCode() {
    return memberCode;
  }

  public void open() {
    card = null;
    issued = null;
    attempt(() -> card = window.view(memberCode, reason));
  }

  private void reload() {
    attempt(() -> card = window.view(card.memberCode(), reason));
  }

  public void charge() {
    issued = null;
    if (amountYen == null) {
      WindowPages.refused(org.jimoto.ledger.boundary.Refusal.AMOUNT_NOT_POSITIVE);
      return;
    }
    CreditView[] done = new CreditView[1];
    if (attempt(
        () ->
            done[0] =
                window.cashCharge(card.memberCode(), serviceCode, amountYen, receipt, reason))) {
      lastCharge = receipt;
      receipt = newReceipt();
      info("window.charged", amountYen, done[0].creditedYen(), done[0].balanceAfterYen());
      amountYen = null;
      reload();
    }
  }

  public void registerPhone() {
    issued = null;
    if (attempt(() -> window.registerPhone(card.memberCode(), phone, reason))) {
      info("window.phoneRegistered");
      phone = null;
      reload();
    }
  }

  public void reportLost() {
    issued = null;
    if (attempt(() -> window.reportLost(card.memberCode(), reason))) {
      info("window.lostReported", card.memberCode());
      reload();
    }
  }

  public void replace() {
    issued = null;
    WindowCards.Replacement[] done = new WindowCards.Replacement[1];
    if (attempt(() -> done[0] = window.replaceLost(card.memberCode(), document, reason))) {
      issued = done[0].card();
      info("window.replaced", issued.memberCode(), done[0].moved().totalYen());
      reload();
    }
  }

  public void moveToApp() {
    issued = null;
    CardMover.Moved[] done = new CardMover.Moved[1];
    if (attempt(() -> done[0] = window.moveToApp(card.memberCode(), appEmail, reason))) {
      info("window.moved", done[0].totalYen());
      reload();
    }
  }

  public boolean isMayChange() {
    return WindowPages.mayChange();
  }

  /** The services with their names, for the charge's choice and the balances. */
  public List<BalanceQuery.ServiceLabel> getServices() {
    return new ArrayList<>(labels().values());
  }

  public String serviceName(String code) {
    BalanceQuery.ServiceLabel label = labels().get(code);
    return label == null ? code : label.name().in(WindowPages.locale());
  }

  private transient Map<String, BalanceQuery.ServiceLabel> labels;

  private Map<String, BalanceQuery.ServiceLabel> labels() {
    if (labels == null) {
      labels = balances.serviceLabels();
    }
    return labels;
  }

  public IdDocument[] getDocuments() {
    return IdDocument.values();
  }

  public String getMemberCode() {
    return memberCode;
  }

  public void setMemberCode(String memberCode) {
    this.memberCode = memberCode;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public CardView getCard() {
    return card;
  }

  public String getServiceCode() {
    return serviceCode;
  }

  public void setServiceCode(String serviceCode) {
    this.serviceCode = serviceCode;
  }

  public Long getAmountYen() {
    return amountYen;
  }

  public void setAmountYen(Long amountYen) {
    this.amountYen = amountYen;
  }

  public String getReceipt() {
    return receipt;
  }

  public void setReceipt(String receipt) {
    this.receipt = receipt;
  }

  public String getLastCharge() {
    return lastCharge;
  }

  public String getPhone() {
    return phone;
  }

  public void setPhone(String phone) {
    this.phone = phone;
  }

  public String getAppEmail() {
    return appEmail;
  }

  public void setAppEmail(String appEmail) {
    this.appEmail = appEmail;
  }

  public IdDocument getDocument() {
    return document;
  }

  public void setDocument(IdDocument document) {
    this.document = document;
  }

  public IssuedCard getIssued() {
    return issued;
  }
}
