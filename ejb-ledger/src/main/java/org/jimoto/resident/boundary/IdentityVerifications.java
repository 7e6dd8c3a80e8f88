package org.jimoto.resident.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.UserAccount;
import org.jimoto.resident.entity.IdentityCheck;
import org.jimoto.resident.entity.Resident;

/**
 * Identity proofing with the My Number Card, which some services require: わかばコイン charging
 * does (R-21, {@code chargeNeedsVerifiedIdentity}). The card's holder must be the registered
 * resident (name and date of birth); every attempt's outcome is recorded (never the card's number
 * or image), a success sets {@code resident.identity_verified_at} and is audited.
 */
@Stateless
public class IdentityVerifications {

  /** What an attempt came to; each has its own message. */
  public enum Outcome {
    VERIFIED,
    ALREADY_VERIFIED,
    NO_CONSENT,
    PIN_FORMAT,
    WRONG_PIN,
    CARD_LOCKED,
    MISMATCH,
    /** No identity proofing service is configured (the simulator is off): nothing is recorded. */
    NOT_CONFIGURED
  }

  /** The outcome, and for a wrong PIN the tries left before the card locks. */
  public record Result(Outcome outcome, int triesLeft) {}

  @PersistenceContext EntityManager em;
  @Inject MyNumberCardPort card;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** Whether identity proofing is available at all (the card port has a working adapter). */
  public boolean available() {
    return card.configured();
  }

  public Optional<LocalDateTime> verifiedAt(String loginName) {
    return resident(loginName).map(Resident::getIdentityVerifiedAt);
  }

  public Result verify(
      String loginName, boolean consent, String pin, MyNumberCardPort.CardChoice choice) {
    Resident r = resident(loginName).orElseThrow();
    if (r.getIdentityVerifiedAt() != null) {
      return new Result(Outcome.ALREADY_VERIFIED, 0);
    }
    if (!card.configured()) {
      return new Result(Outcome.NOT_CONFIGURED, 0);
    }
    if (!consent) {
      return new Result(Outcome.NO_CONSENT, 0);
    }
    if (pin == null || !pin.matches("\\d{4}")) {
      return new Result(Outcome.PIN_FORMAT, 0);
    }
    var reading =
        card.read(r.getId(), pin, choice == null ? MyNumberCardPort.CardChoice.OWN : choice);
    Result result;
    if (reading instanceof MyNumberCardPort.Reading.WrongPin w) {
      result = new Result(Outcome.WRONG_PIN, w.triesLeft());
    } else if (reading instanceof MyNumberCardPort.Reading.Locked) {
      result = new Result(Outcome.CARD_LOCKED, 0);
    } else {
      var holder = (MyNumberCardPort.Reading.Holder) reading;
      boolean same =
          squeeze(holder.name()).equals(squeeze(r.getName()))
              && holder.birthDate().equals(r.getBirthDate());
      result = new Result(same ? Outcome.VERIFIED : Outcome.MISMATCH, 0);
    }
    LocalDateTime now = LocalDateTime.now(clock);
    em.persist(new IdentityCheck(r.getId(), "MY_NUMBER_CARD", result.outcome().name(), now));
    em.flush(); // the next attempt's PIN count sees this one
    if (result.outcome() == Outcome.VERIFIED) {
      r.identityVerified(now);
      audit.record(Portal.RESIDENT, loginName, "IDENTITY_VERIFIED", "My Number Card");
    }
    return result;
  }

  private static String squeeze(String s) {
    return s == null ? "" : s.replaceAll("[\\s\\u3000]", "");
  }

  private Optional<Resident> resident(String loginName) {
    return em.createNamedQuery(UserAccount.BY_LOGIN, UserAccount.class)
        .setParameter("portal", Portal.RESIDENT)
        .setParameter("loginName", LoginService.normalize(loginName))
        .getResultStream()
        .findFirst()
        .map(UserAccount::getResidentId)
        .map(id -> em.find(Resident.class, id));
  }
}
