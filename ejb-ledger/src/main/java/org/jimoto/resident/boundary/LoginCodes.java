package org.jimoto.resident.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Locale;
import java.util.Optional;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.UserAccount;
import org.jimoto.notification.boundary.CodeCheck;
import org.jimoto.notification.boundary.CodeIssue;
import org.jimoto.notification.boundary.CodePurpose;
import org.jimoto.notification.boundary.OneTimeCodes;
import org.jimoto.notification.boundary.PhoneNumber;
import org.jimoto.resident.entity.Resident;

/**
 * The SMS second factor of a resident's login: a resident with a confirmed phone gets a
 * {@link CodePurpose#LOGIN} code after the right password, and the session starts only with it. A
 * resident without a confirmed phone (not yet registered) logs in with the password alone.
 */
@Stateless
public class LoginCodes {

  @PersistenceContext EntityManager em;
  @Inject OneTimeCodes codes;

  /** The subject of a resident's codes. */
  public static String subject(long residentId) {
    return "resident:" + residentId;
  }

  /** The confirmed phone of the resident of a login, which login codes go to. */
  public Optional<PhoneNumber> secondFactor(String loginName) {
    return resident(loginName)
        .filter(r -> r.getPhoneConfirmedAt() != null)
        .flatMap(r -> PhoneNumber.parse(r.getPhone()));
  }

  /** Sends a login code to the resident's confirmed phone. */
  public CodeIssue send(String loginName, Locale locale) {
    Resident r = resident(loginName).orElseThrow(() -> new IllegalArgumentException(loginName));
    PhoneNumber phone =
        PhoneNumber.parse(r.getPhone())
            .filter(p -> r.getPhoneConfirmedAt() != null)
            .orElseThrow(() -> new IllegalStateException("no confirmed phone: " + loginName));
    return codes.issue(CodePurpose.LOGIN, subject(r.getId()), phone, languageOf(r, locale));
  }

  /** Checks a typed login code (5 tries, single-use: {@link OneTimeCodes}). */
  public CodeCheck check(String loginName, String typed) {
    return resident(loginName)
        .map(r -> codes.check(CodePurpose.LOGIN, subject(r.getId()), typed))
        .orElse(CodeCheck.NO_CODE);
  }

  /** The page's language, else the one the resident chose for messages. */
  static Locale languageOf(Resident r, Locale page) {
    if (page != null) {
      return page;
    }
    return "en".equals(r.getPreferredLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
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
