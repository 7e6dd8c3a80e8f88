package org.jimoto.resident.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.UserAccount;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.notification.boundary.Mailer;
import org.jimoto.resident.control.SignUpLimit;
import org.jimoto.resident.control.Tokens;
import org.jimoto.resident.entity.EmailLink;
import org.jimoto.resident.entity.Resident;
import org.jimoto.service.entity.ValueService;

/**
 * The logged-in resident's own account (#10 item 9): what it holds, the language of mails and SMS,
 * a new e-mail address (confirmed by a link to it; it is then also the login name), and the request
 * to close the account, which first shows what would be forfeited. Every method takes the
 * login name of the session, never an id from a page.
 */
@Stateless
public class ResidentAccounts {

  @PersistenceContext EntityManager em;
  @Inject BalanceQuery balances;
  @Inject Mailer mailer;
  @Inject org.jimoto.identity.boundary.LoginService logins;
  @Inject ResidentSignUp signUp;
  @Inject SignUpLimit limit;
  @Inject AuditLog audit;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "jimoto.public-url")
  String publicUrl;

  /** What the change of e-mail came to. */
  public sealed interface EmailChange {
    record LinkSent(String email) implements EmailChange {}

    record Refused(Set<SignUpProblem> problems) implements EmailChange {}
  }

  public Optional<AccountView> view(String loginName) {
    return resident(loginName)
        .map(
            r ->
                new AccountView(
                    r.getId(),
                    r.getName(),
                    r.getNameKana(),
                    r.getBirthDate(),
                    r.getAddress(),
                    r.getEmail(),
                    r.getPhone(),
                    r.getPhoneConfirmedAt() != null,
                    r.getIdentityVerifiedAt(),
                    r.getPreferredLanguage() == null ? "ja" : r.getPreferredLanguage(),
                    r.getClosingRequestedAt()));
  }

  /** The language of mails and SMS (ja or en). */
  public void setLanguage(String loginName, String language) {
    String lang = "en".equals(language) ? "en" : "ja";
    resident(loginName).orElseThrow().setPreferredLanguage(lang);
  }

  /**
   * Mails a confirmation link to a new address; nothing changes until it is opened. An address that
   * already has a login gets a mail telling its owner instead, and the page the same answer after
   * the same rate limits and work: the form does not tell which addresses are registered (#10
   * identity review).
   */
  public EmailChange requestEmailChange(
      String loginName, char[] password, String newEmail, Locale locale, String clientAddress) {
    Resident r = resident(loginName).orElseThrow();
    String email = ResidentSignUp.normalizeEmail(newEmail);
    if (!ResidentSignUp.validEmail(email) || email.equals(r.getEmail())) {
      return new EmailChange.Refused(EnumSet.of(SignUpProblem.EMAIL_INVALID));
    }
    // The address is the login name: a session alone (a stolen one, a shared computer) must not
    // move it elsewhere. The login service's throttle counts these tries too.
    if (!(logins.authenticate(Portal.RESIDENT, loginName, password, clientAddress)
        instanceof org.jimoto.identity.boundary.LoginOutcome.Authenticated)) {
      audit.record(Portal.RESIDENT, loginName, "EMAIL_CHANGE_REFUSED", "wrong password");
      return new EmailChange.Refused(EnumSet.of(SignUpProblem.PASSWORD_WRONG));
    }
    var now = clock.instant();
    if (!limit.fromClient(clientAddress == null ? "" : clientAddress, now)
        || !limit.toMailbox(email, now)) {
      return new EmailChange.Refused(EnumSet.of(SignUpProblem.TOO_MANY_ATTEMPTS));
    }
    String token = Tokens.random();
    LocalDateTime at = LocalDateTime.now(clock);
    EmailLink link =
        EmailLink.emailChange(
            Tokens.sha256(token), email, r.getId(), at, at.plus(ResidentSignUp.LINK_VALIDITY));
    var bundle = signUp.mailBundle(locale);
    if (signUp.loginExists(email)) {
      link.use(at); // recorded, never usable
      em.persist(link);
      mailer.queue(
          email,
          signUp.format(bundle, "email.taken.subject", locale),
          signUp.format(bundle, "email.taken.body", locale, publicUrl + "/resident/login.xhtml"));
      return new EmailChange.LinkSent(email);
    }
    em.persist(link);
    // R-61, #11 review 2: the link's token is a secret; the outbox keeps it only until delivered.
    mailer.queueSecret(
        email,
        signUp.format(bundle, "email.change.subject", locale),
        signUp.format(
            bundle,
            "email.change.body",
            locale,
            publicUrl + "/resident/email-confirm.xhtml?token=" + token,
            ResidentSignUp.LINK_VALIDITY.toHours()));
    return new EmailChange.LinkSent(email);
  }

  /**
   * The link of an e-mail change was opened: the resident's address and login name become the new
   * address (sessions under the old name end at their next request).
   *
   * @return the new address, or empty when the link is unknown, used, expired or the address was
   *     taken meanwhile
   */
  public Optional<String> confirmEmailChange(String token) {
    Optional<EmailLink> found = signUp.link(token, EmailLink.Purpose.EMAIL_CHANGE);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    EmailLink link = found.get();
    LocalDateTime now = LocalDateTime.now(clock);
    link.use(now);
    if (signUp.loginExists(link.getEmail())) {
      return Optional.empty();
    }
    Resident r = em.find(Resident.class, link.getResidentId());
    String old = r.getEmail();
    r.changeEmail(link.getEmail(), now);
    // The login name is the address (and not updatable through the entity): one statement.
    em.createNativeQuery(
            "UPDATE user_account SET login_name = ?1, email = ?1, version = version + 1"
                + " WHERE resident_id = ?2 AND portal = 'RESIDENT'")
        .setParameter(1, link.getEmail())
        .setParameter(2, r.getId())
        .executeUpdate();
    em.getEntityManagerFactory().getCache().evict(UserAccount.class);
    audit.record(Portal.RESIDENT, link.getEmail(), "EMAIL_CHANGED", "from " + old);
    // The old address hears of it: if this was not its owner, they know whom to call.
    Locale lang = LoginCodes.languageOf(r, null);
    var bundle = signUp.mailBundle(lang);
    mailer.queue(
        old,
        signUp.format(bundle, "email.changed.subject", lang),
        signUp.format(bundle, "email.changed.body", lang, link.getEmail()));
    return Optional.of(link.getEmail());
  }

  /** what closing the account would forfeit, per service with a balance. */
  public List<ForfeitPreview> closingPreview(String loginName) {
    Resident r = resident(loginName).orElseThrow();
    Map<String, ValueService> services =
        em.createQuery("select s from ValueService s", ValueService.class).getResultList().stream()
            .collect(Collectors.toMap(ValueService::getCode, Function.identity()));
    return balances.balances(r.getId()).stream()
        .filter(b -> b.balanceYen() > 0)
        .map(
            b -> {
              ValueService s = services.get(b.serviceCode());
              return new ForfeitPreview(
                  b.serviceCode(),
                  s == null ? b.serviceCode() : s.getNameJa(),
                  s == null ? b.serviceCode() : s.getNameEn(),
                  b.balanceYen());
            })
        .toList();
  }

  /**
   * the resident asks to close the account. The city processes it (the balance is then
   * forfeited by a ledger entry); until then the account works as before. Audited.
   */
  public LocalDateTime requestClosing(String loginName) {
    Resident r = resident(loginName).orElseThrow();
    r.requestClosing(LocalDateTime.now(clock));
    audit.record(Portal.RESIDENT, loginName, "ACCOUNT_CLOSING_REQUESTED", "resident " + r.getId());
    return r.getClosingRequestedAt();
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
