package org.jimoto.charge.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Locale;
import java.util.Optional;
import org.jimoto.charge.control.SimulatedBank;
import org.jimoto.charge.control.SimulatedCardNetwork;
import org.jimoto.charge.control.SimulatedProvider;
import org.jimoto.charge.control.SimulatedProvider.Scenario;
import org.jimoto.charge.control.SimulatedProvider.State;
import org.jimoto.notification.boundary.CodeCheck;
import org.jimoto.notification.boundary.CodeIssue;
import org.jimoto.notification.boundary.CodePurpose;
import org.jimoto.notification.boundary.OneTimeCodes;
import org.jimoto.notification.boundary.PhoneNumber;
import org.jimoto.resident.entity.Resident;

/**
 * What the provider simulators' pages do (#10 item 3): the simulated bank's page with its SMS
 * one-time code, the simulated issuer's 3-D Secure step, cancelling, and sending an answer that was
 * lost (a late notification). These pages stand in for the bank's and the card company's own sites;
 * a session id is all they know, as a real provider's page knows only its own order. Outside
 * simulator (demo) mode there are no simulators: every session is unknown (the pages answer 404).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChargeSimulators {

  /** An order as the simulator's page shows it. */
  public record SessionView(
      String id,
      ChargeChannel channel,
      long amountYen,
      Scenario scenario,
      State state,
      String reference,
      String phoneHint) {}

  /** What the 3-D Secure step found. */
  public enum SecureCheck {
    OK,
    CARD_NUMBER_INVALID,
    PASSWORD_WRONG
  }

  @Inject SimulatedBank bank;
  @Inject SimulatedCardNetwork cards;
  @Inject OneTimeCodes codes;
  @Inject ResidentCharges residentCharges;

  @PersistenceContext EntityManager em;

  public Optional<SessionView> session(ChargeChannel channel, String id) {
    SimulatedProvider provider = provider(channel);
    if (!provider.available()) {
      return Optional.empty();
    }
    return provider
        .session(id)
        .map(
            s ->
                new SessionView(
                    s.id(),
                    channel,
                    s.order().amountYen(),
                    s.scenario(),
                    s.state(),
                    s.reference(),
                    phone(s.order().residentId()).map(PhoneNumber::hint).orElse(null)));
  }

  /** The bank sends its one-time code to the phone it knows for the account holder. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public Optional<CodeIssue> sendBankCode(String id, Locale locale) {
    var session = bank.available() ? bank.session(id) : Optional.<SimulatedProvider.Session>empty();
    if (session.isEmpty() || session.get().state() != State.OPEN) {
      return Optional.empty();
    }
    return phone(session.get().order().residentId())
        .map(p -> codes.issue(CodePurpose.BANK_CHARGE, subject(id), p, locale));
  }

  /** The code typed on the bank's page; the right one makes the bank decide. */
  public CodeCheck confirmBankCode(String id, String typed) {
    var session = bank.available() ? bank.session(id) : Optional.<SimulatedProvider.Session>empty();
    if (session.isEmpty() || session.get().state() != State.OPEN) {
      return CodeCheck.NO_CODE;
    }
    CodeCheck check = codes.check(CodePurpose.BANK_CHARGE, subject(id), typed);
    if (check == CodeCheck.VALID) {
      bank.complete(id);
    }
    return check;
  }

  /**
   * The card number (Luhn check digit) and the issuer's 3-D Secure password; both right makes the
   * issuer decide.
   */
  public SecureCheck confirmCard(String id, String cardNumber, String password) {
    if (!cards.available() || cards.session(id).isEmpty()) {
      return SecureCheck.PASSWORD_WRONG;
    }
    String digits = cardNumber == null ? "" : cardNumber.replaceAll("[\\s-]", "");
    if (!digits.matches("\\d{14,16}") || !luhn(digits)) {
      return SecureCheck.CARD_NUMBER_INVALID;
    }
    if (!SimulatedCardNetwork.SECURE_PASSWORD.equals(password)) {
      return SecureCheck.PASSWORD_WRONG;
    }
    cards.complete(id);
    return SecureCheck.OK;
  }

  public void cancel(ChargeChannel channel, String id) {
    if (provider(channel).available() && provider(channel).session(id).isPresent()) {
      provider(channel).cancel(id);
    }
  }

  /**
   * The provider sends the answer it lost (or sends it again): the ledger is notified and credits
   * the approval once.
   */
  public CreditOutcome sendLateAnswer(ChargeChannel channel, String id) {
    SimulatedProvider provider = provider(channel);
    if (provider.available() && provider.session(id).isPresent()) {
      provider.sendLateAnswer(id);
    }
    return residentCharges.providerNotified(channel, id);
  }

  /** The amounts that ask the simulators for a failure. */
  public static Scenario[] scenarios() {
    return Scenario.values();
  }

  private SimulatedProvider provider(ChargeChannel channel) {
    return channel == ChargeChannel.BANK ? bank : cards;
  }

  private Optional<PhoneNumber> phone(long residentId) {
    Resident r = em.find(Resident.class, residentId);
    return r == null ? Optional.empty() : PhoneNumber.parse(r.getPhone());
  }

  private static String subject(String sessionId) {
    return "bank:" + sessionId;
  }

  private static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
