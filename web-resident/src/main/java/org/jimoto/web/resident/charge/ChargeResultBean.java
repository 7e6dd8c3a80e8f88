package org.jimoto.web.resident.charge;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.charge.boundary.ResidentCharges;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;

/**
 * The result page (#10 item 3): the resident is back from the bank's or the card company's page;
 * the ledger asks the provider and charges once. Reloading shows the same charge again.
 */
@Named("chargeResult")
@RequestScoped
public class ChargeResultBean {

  @Inject ResidentCharges charges;
  @Inject BalanceQuery balances;
  @Inject SecurityContext security;
  @Inject ChargeTexts texts;

  private String channel;
  private String session;
  private CreditOutcome outcome;
  private ChargeChannel parsedChannel;

  /** Runs once per request (viewAction): asks the ledger to finish the charge. */
  public void finish() {
    try {
      parsedChannel = ChargeChannel.valueOf(channel);
    } catch (IllegalArgumentException | NullPointerException e) {
      parsedChannel = null;
    }
    if (parsedChannel == null
        || !ResidentCharges.ONLINE.contains(parsedChannel)
        || session == null
        || !session.matches("[0-9a-f]{32}")) {
      outcome = new CreditOutcome.Refused(Refusal.CHARGE_ATTEMPT_UNKNOWN, new Object[0]);
      return;
    }
    outcome = charges.finish(security.getCallerPrincipal().getName(), parsedChannel, session);
  }

  public boolean isDone() {
    return outcome instanceof CreditOutcome.Done;
  }

  public String getRefusal() {
    return outcome instanceof CreditOutcome.Refused r ? r.message(texts.locale()) : null;
  }

  /** The provider's answer has not come: the order is being confirmed (確認中), not refused. */
  public boolean isConfirming() {
    return outcome instanceof CreditOutcome.Confirming;
  }

  public String getConfirmingMessage() {
    if (!(outcome instanceof CreditOutcome.Confirming c)) {
      return null;
    }
    return texts.text(
        "home.result.confirming",
        texts.name(c.channel().displayName()),
        texts.amount(c.amountYen(), YEN));
  }

  private static final LocalizedName YEN = new LocalizedName("円", "yen");

  /** A lost answer: the simulator's page can still send it (late notification). */
  public boolean isTimedOut() {
    return isConfirming()
        || outcome instanceof CreditOutcome.Refused r
            && r.refusal() == Refusal.CHARGE_PROVIDER_TIMEOUT;
  }

  public String getSimulatorPage() {
    return (parsedChannel == ChargeChannel.BANK ? "/sim/bank.xhtml" : "/sim/card.xhtml")
        + "?s="
        + session;
  }

  /** The lines of the charge: the charged part and the premium with their expiry, the balance. */
  public List<String> getLines() {
    if (!(outcome instanceof CreditOutcome.Done done)) {
      return List.of();
    }
    var credit = done.credit();
    var label = balances.serviceLabels().get(credit.serviceCode());
    LocalizedName unit = label.unit();
    List<String> lines = new ArrayList<>();
    for (var part : credit.parts()) {
      lines.add(
          texts.text(
              "home.result.part." + part.lotKind(),
              texts.amount(part.amountYen(), unit),
              part.expiresOn().toString()));
    }
    lines.add(
        texts.text(
            "home.result.balance",
            texts.name(label.name()),
            texts.amount(credit.balanceAfterYen(), unit)));
    return lines;
  }

  public String getHeadline() {
    if (isConfirming()) {
      return texts.text("home.result.confirmingHeadline");
    }
    if (!(outcome instanceof CreditOutcome.Done done)) {
      return texts.text("home.result.refused");
    }
    var label = balances.serviceLabels().get(done.credit().serviceCode());
    return texts.text(
        "home.result.done",
        texts.name(label.name()),
        texts.amount(done.credit().creditedYen(), label.unit()));
  }

  public String getChannel() {
    return channel;
  }

  public void setChannel(String channel) {
    this.channel = channel;
  }

  public String getSession() {
    return session;
  }

  public void setSession(String session) {
    this.session = session;
  }
}
