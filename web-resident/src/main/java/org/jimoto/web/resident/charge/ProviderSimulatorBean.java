package org.jimoto.web.resident.charge;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ChargeSimulators;
import org.jimoto.charge.boundary.ChargeSimulators.SessionView;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.charge.control.SimulatedProvider.Scenario;
import org.jimoto.charge.control.SimulatedProvider.State;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.notification.boundary.CodeCheck;
import org.jimoto.notification.boundary.CodeIssue;

/**
 * The simulated bank's and card company's pages (#10 item 3). They stand in for the providers' own
 * sites: the bank's SMS one-time code, the card's 3-D Secure step, cancelling, and, for a lost
 * answer, sending it late. The amounts that ask for a failure are listed on the page.
 */
@Named("sim")
@ViewScoped
public class ProviderSimulatorBean implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final LocalizedName YEN = new LocalizedName("円", "yen");

  @Inject ChargeSimulators simulators;
  @Inject ChargeTexts texts;

  private String session;
  private ChargeChannel channel;
  private String code;
  private String cardNumber;
  private String password;
  private boolean codeSent;

  /** viewAction: the page's channel. */
  public void load(String channelName) {
    channel = ChargeChannel.valueOf(channelName);
  }

  private Optional<SessionView> view() {
    return session == null || channel == null
        ? Optional.empty()
        : simulators.session(channel, session);
  }

  public boolean isKnown() {
    return view().isPresent();
  }

  public boolean isOpen() {
    return view().map(v -> v.state() == State.OPEN).orElse(false);
  }

  public boolean isAnswerLost() {
    return view()
        .map(v -> v.state() == State.ANSWER_LOST || v.state() == State.ANSWER_SENT_LATE)
        .orElse(false);
  }

  public String getAmount() {
    return view().map(v -> texts.amount(v.amountYen(), YEN)).orElse("");
  }

  public String getStateText() {
    return view().map(v -> texts.text("home.sim.state." + v.state().name())).orElse("");
  }

  public String getReference() {
    return view().map(SessionView::reference).orElse(null);
  }

  public String getPhoneHint() {
    return view().map(SessionView::phoneHint).orElse(null);
  }

  public boolean isCodeSent() {
    return codeSent;
  }

  /** The amounts that ask the simulator for a failure. */
  public List<String> getScenarios() {
    return java.util.Arrays.stream(ChargeSimulators.scenarios())
        .filter(s -> s != Scenario.APPROVE)
        .map(s -> texts.text("home.sim.scenario." + s.name(), texts.amount(s.amountYen(), YEN)))
        .toList();
  }

  public void sendCode() {
    Optional<CodeIssue> issue = simulators.sendBankCode(session, texts.locale());
    if (issue.isEmpty()) {
      error(texts.text("home.sim.bank.noPhone"));
    } else if (issue.get() instanceof CodeIssue.Throttled) {
      codeSent = true;
      error(texts.text("home.sim.bank.throttled"));
    } else {
      codeSent = true;
      info(texts.text("home.sim.bank.sent", getPhoneHint()));
    }
  }

  public void confirmCode() throws IOException {
    CodeCheck check = simulators.confirmBankCode(session, code);
    if (check == CodeCheck.VALID) {
      backToPortal();
    } else {
      code = null;
      error(texts.text("home.sim.bank.code." + check.name()));
    }
  }

  public void confirmCard() throws IOException {
    var check = simulators.confirmCard(session, cardNumber, password);
    if (check == ChargeSimulators.SecureCheck.OK) {
      backToPortal();
    } else {
      password = null;
      error(texts.text("home.sim.card." + check.name()));
    }
  }

  public void cancel() throws IOException {
    simulators.cancel(channel, session);
    backToPortal();
  }

  /** The provider sends the answer it lost: the ledger credits it once. */
  public void sendLateAnswer() {
    CreditOutcome outcome = simulators.sendLateAnswer(channel, session);
    if (outcome instanceof CreditOutcome.Done) {
      info(texts.text("home.sim.lateSent"));
    } else if (outcome instanceof CreditOutcome.Refused r) {
      error(r.message(texts.locale()));
    } else {
      info(texts.text("home.result.confirmingHeadline"));
    }
  }

  public String getResultPage() {
    return "/app/charge-result.xhtml?c=" + channel + "&s=" + session;
  }

  private void backToPortal() throws IOException {
    var external = FacesContext.getCurrentInstance().getExternalContext();
    external.redirect(external.getRequestContextPath() + getResultPage());
  }

  private static void error(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
  }

  private static void info(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
  }

  public String getSession() {
    return session;
  }

  public void setSession(String session) {
    this.session = session;
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public String getCardNumber() {
    return cardNumber;
  }

  public void setCardNumber(String cardNumber) {
    this.cardNumber = cardNumber;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }
}
