package org.jimoto.resident.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.boundary.LoginOutcome;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.UserAccount;
import org.jimoto.notification.boundary.CodeCheck;
import org.jimoto.notification.boundary.CodeIssue;
import org.jimoto.notification.boundary.CodePurpose;
import org.jimoto.notification.boundary.OneTimeCodes;
import org.jimoto.notification.boundary.PhoneNumber;
import org.jimoto.notification.entity.OneTimeCode;
import org.jimoto.resident.entity.Resident;

/**
 * A resident registers or changes their phone: a {@link CodePurpose#PHONE_CONFIRMATION} code
 * goes to the new number, and the number is the resident's once the code comes back. From then on
 * each login asks for an SMS code to it. The old number stays until the new one is confirmed.
 *
 * <p>A registered phone is the second factor, so changing it takes both factors (#10 identity
 * review): the current password ({@link #startChange}), then a {@link CodePurpose#PHONE_CHANGE}
 * code sent to the phone registered now ({@link #confirmCurrentPhone}); only then, for {@link
 * #CHANGE_WINDOW}, may a code go to a new number and confirm it. A stolen session alone cannot move
 * the second factor to the thief's phone.
 */
@Stateless
public class ResidentPhones {

  /** How long a confirmed current phone allows the new number to be sent a code and confirmed. */
  public static final Duration CHANGE_WINDOW = Duration.ofMinutes(15);

  @PersistenceContext EntityManager em;
  @Inject OneTimeCodes codes;
  @Inject org.jimoto.notification.boundary.Mailer mailer;
  @Inject ResidentSignUp signUp;
  @Inject LoginService logins;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** What the first step of a change came to. */
  public sealed interface ChangeStart {
    /** A code went to the phone registered now ({@code hint}: its last four digits). */
    record Sent(Instant expiresAt, String hint) implements ChangeStart {}

    /** The password is not right (or its login is throttled): nothing was sent. */
    record WrongPassword() implements ChangeStart {}

    /** A code was sent too recently; {@code hint} names the phone it went to. */
    record Throttled(Instant retryAt, String hint) implements ChangeStart {}

    /** No phone is registered: register one straight away. */
    record NoPhone() implements ChangeStart {}
  }

  /** The resident of a login, if it has a confirmed phone (the second factor). */
  public boolean hasConfirmedPhone(String loginName) {
    return resident(loginName).map(r -> r.getPhoneConfirmedAt() != null).orElse(false);
  }

  /**
   * The first step of changing a registered phone: the current password, then a code to the phone
   * registered now. The password is checked as a login is, with its throttle.
   */
  public ChangeStart startChange(
      String loginName, char[] password, String clientAddress, Locale locale) {
    Resident r = resident(loginName).orElseThrow();
    var current = currentPhone(r);
    if (current.isEmpty()) {
      return new ChangeStart.NoPhone();
    }
    LoginOutcome outcome = logins.authenticate(Portal.RESIDENT, loginName, password, clientAddress);
    if (!(outcome instanceof LoginOutcome.Authenticated)) {
      audit.record(Portal.RESIDENT, loginName, "PHONE_CHANGE_REFUSED", "wrong password");
      return new ChangeStart.WrongPassword();
    }
    var phone = current.get();
    CodeIssue issue =
        codes.issue(
            CodePurpose.PHONE_CHANGE,
            LoginCodes.subject(r.getId()),
            phone,
            LoginCodes.languageOf(r, locale));
    if (issue instanceof CodeIssue.Sent sent) {
      return new ChangeStart.Sent(sent.expiresAt(), phone.hint());
    }
    return new ChangeStart.Throttled(((CodeIssue.Throttled) issue).retryAt(), phone.hint());
  }

  /**
   * The code sent to the phone registered now; VALID opens the change for {@link #CHANGE_WINDOW}.
   */
  public CodeCheck confirmCurrentPhone(long residentId, String typed) {
    Resident r = em.find(Resident.class, residentId);
    var current = currentPhone(r);
    if (current.isEmpty()) {
      return CodeCheck.NO_CODE;
    }
    return codes.checkSentTo(
        CodePurpose.PHONE_CHANGE, LoginCodes.subject(residentId), current.get(), typed);
  }

  /**
   * Whether a code may go to a new number now: always without a registered phone (the sign-up's
   * phone step); with one, only within {@link #CHANGE_WINDOW} after its change code was right, and
   * not again once a new number was confirmed after it.
   */
  public boolean changeAllowed(long residentId) {
    Resident r = em.find(Resident.class, residentId);
    if (r.getPhoneConfirmedAt() == null) {
      return true;
    }
    OneTimeCode code =
        em.find(
            OneTimeCode.class,
            new OneTimeCode.Key(CodePurpose.PHONE_CHANGE, LoginCodes.subject(residentId)));
    if (code == null || code.getUsedAt() == null) {
      return false;
    }
    LocalDateTime now = LocalDateTime.now(clock);
    return code.getUsedAt().isAfter(r.getPhoneConfirmedAt())
        && now.isBefore(code.getUsedAt().plus(CHANGE_WINDOW));
  }

  public CodeIssue sendConfirmation(long residentId, PhoneNumber phone, Locale locale) {
    em.find(Resident.class, residentId); // exists
    if (!changeAllowed(residentId)) {
      throw new IllegalStateException(
          "the registered phone must be confirmed first: resident " + residentId);
    }
    return codes.issue(
        CodePurpose.PHONE_CONFIRMATION, LoginCodes.subject(residentId), phone, locale);
  }

  /** The code typed for {@code phone}; on {@link CodeCheck#VALID} the phone is confirmed. */
  public CodeCheck confirm(long residentId, PhoneNumber phone, String typed) {
    if (!changeAllowed(residentId)) {
      return CodeCheck.NO_CODE;
    }
    CodeCheck check =
        codes.checkSentTo(
            CodePurpose.PHONE_CONFIRMATION, LoginCodes.subject(residentId), phone, typed);
    if (check == CodeCheck.VALID) {
      Resident r = em.find(Resident.class, residentId);
      String old = r.getPhoneConfirmedAt() == null ? null : r.getPhone();
      r.confirmPhone(phone.normalized(), LocalDateTime.now(clock));
      audit.record(
          Portal.RESIDENT,
          "resident:" + residentId,
          old == null ? "PHONE_CONFIRMED" : "PHONE_CHANGED",
          phone.hint());
      // The account's address hears of every new second factor: whoever set it with a guessed
      // password cannot do so unnoticed (#10 identity review).
      if (r.getEmail() != null) {
        Locale lang = LoginCodes.languageOf(r, null);
        var bundle = signUp.mailBundle(lang);
        mailer.queue(
            r.getEmail(),
            signUp.format(bundle, "phone.set.subject", lang),
            signUp.format(bundle, "phone.set.body", lang, phone.hint()));
      }
    }
    return check;
  }

  private static Optional<PhoneNumber> currentPhone(Resident r) {
    return r.getPhoneConfirmedAt() == null ? Optional.empty() : PhoneNumber.parse(r.getPhone());
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
