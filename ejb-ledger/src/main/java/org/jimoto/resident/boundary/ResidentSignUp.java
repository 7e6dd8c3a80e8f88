package org.jimoto.resident.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.boundary.PasswordHasher;
import org.jimoto.identity.control.PasswordPolicy;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.identity.entity.UserAccount;
import org.jimoto.notification.boundary.Mailer;
import org.jimoto.platform.boundary.CityProfileService;
import org.jimoto.resident.control.SignUpLimit;
import org.jimoto.resident.control.Tokens;
import org.jimoto.resident.entity.EmailLink;
import org.jimoto.resident.entity.Resident;

/**
 * Online sign-up of an app member, in two steps: e-mail and the terms, which mail a
 * verification link (24 h, single-use); then, from the link, the profile and the password, which
 * create the resident and the login (its name is the e-mail). The phone is added next ({@link
 * ResidentPhones}).
 *
 * <p>An address that already has a login gets a mail saying so instead of a link, and the same
 * answer on the page: the form does not tell which addresses are registered. Rate-limited per
 * client address and per mailbox ({@link SignUpLimit}).
 */
@Stateless
public class ResidentSignUp {

  /** The version of the terms of use the sign-up page shows. */
  public static final String TERMS_VERSION = "2026-11";

  static final Duration LINK_VALIDITY = Duration.ofHours(24);
  static final String MAIL_BUNDLE = "org.jimoto.resident.mail";
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

  /** What the first step came to. */
  public sealed interface Start {
    /** A mail went out (a link, or "already registered"): say "check your mailbox". */
    record MailSent(String email) implements Start {}

    record Refused(Set<SignUpProblem> problems) implements Start {}
  }

  /** What the profile step came to. */
  public sealed interface Completion {
    record Created(long residentId, String loginName) implements Completion {}

    record Refused(Set<SignUpProblem> problems) implements Completion {}
  }

  @PersistenceContext EntityManager em;
  @Inject PasswordHasher hasher;
  @Inject Mailer mailer;
  @Inject SignUpLimit limit;
  @Inject CityProfileService city;
  @Inject AuditLog audit;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "jimoto.public-url")
  String publicUrl;

  /**
   * The first step: the address and the terms. No password here: whoever fills the form need not
   * own the address, so the password is chosen on the link's page, by whoever reads the mailbox
   * (#10 identity review). A registered address gets a "someone tried to sign up" mail instead of a
   * link, after the same work, and the same answer.
   */
  public Start start(String email, boolean termsAccepted, Locale locale, String clientAddress) {
    String address = normalizeEmail(email);
    Set<SignUpProblem> problems = EnumSet.noneOf(SignUpProblem.class);
    if (!validEmail(address)) {
      problems.add(SignUpProblem.EMAIL_INVALID);
    }
    if (!termsAccepted) {
      problems.add(SignUpProblem.TERMS_NOT_ACCEPTED);
    }
    if (!problems.isEmpty()) {
      return new Start.Refused(problems);
    }
    var now = clock.instant();
    if (!limit.fromClient(clientAddress == null ? "" : clientAddress, now)
        || !limit.toMailbox(address, now)) {
      return new Start.Refused(EnumSet.of(SignUpProblem.TOO_MANY_ATTEMPTS));
    }
    ResourceBundle mail = mailBundle(locale);
    // The same work either way (token, one row, one mail): the answer's timing names no account.
    String token = Tokens.random();
    LocalDateTime at = LocalDateTime.now(clock);
    EmailLink link =
        EmailLink.signUp(
            Tokens.sha256(token),
            address,
            language(locale),
            TERMS_VERSION,
            at,
            at.plus(LINK_VALIDITY));
    if (loginExists(address)) {
      link.use(at); // recorded, never usable: the owner only hears of the attempt
      em.persist(link);
      mailer.queue(
          address,
          format(mail, "signup.exists.subject", locale),
          format(mail, "signup.exists.body", locale, publicUrl + "/resident/login.xhtml"));
      return new Start.MailSent(address);
    }
    em.persist(link);
    // R-61, #11 review 2: the link's token is a secret; the outbox keeps it only until delivered.
    mailer.queueSecret(
        address,
        format(mail, "signup.link.subject", locale),
        format(
            mail,
            "signup.link.body",
            locale,
            publicUrl + "/resident/signup-profile.xhtml?token=" + token,
            LINK_VALIDITY.toHours()));
    return new Start.MailSent(address);
  }

  /** The e-mail address of an open sign-up link (the profile page shows it). */
  public Optional<String> emailOfLink(String token) {
    return link(token, EmailLink.Purpose.SIGN_UP).map(EmailLink::getEmail);
  }

  /**
   * The profile step, on the link's page: the profile and the password (R-90; chosen here, by the
   * mailbox's owner, with the password rules). Creates the resident and the login, and uses up the
   * link.
   */
  public Completion complete(String token, SignUpProfile profile, char[] password) {
    Optional<EmailLink> found = link(token, EmailLink.Purpose.SIGN_UP);
    if (found.isEmpty()) {
      return new Completion.Refused(EnumSet.of(SignUpProblem.LINK_INVALID));
    }
    LocalDateTime now = LocalDateTime.now(clock);
    Set<SignUpProblem> problems = EnumSet.noneOf(SignUpProblem.class);
    problems.addAll(profile.problems(now.toLocalDate()));
    PasswordPolicy.check(
            new String(password == null ? new char[0] : password), found.get().getEmail(), "")
        .stream()
        .filter(v -> v != PasswordPolicy.Violation.SAME_AS_CURRENT)
        .forEach(v -> problems.add(SignUpProblem.valueOf("PASSWORD_" + v.name())));
    if (!problems.isEmpty()) {
      return new Completion.Refused(problems);
    }
    EmailLink link = found.get();
    if (loginExists(link.getEmail())) {
      link.use(now);
      return new Completion.Refused(EnumSet.of(SignUpProblem.EMAIL_TAKEN));
    }
    Resident resident =
        Resident.signedUp(
            profile.name().strip(),
            profile.nameKana().strip(),
            profile.birthDate(),
            profile.address().strip(),
            profile.livesInCity(),
            link.getEmail(),
            link.getLanguage(),
            link.getTermsVersion(),
            link.getCreatedAt(),
            now);
    em.persist(resident);
    em.flush();
    var account =
        new UserAccount(
                Portal.RESIDENT,
                link.getEmail(),
                resident.getName(),
                link.getEmail(),
                hasher.hash(password),
                Set.of(Role.RESIDENT),
                now)
            .forResident(resident.getId());
    em.persist(account);
    link.use(now);
    audit.record(
        Portal.RESIDENT, link.getEmail(), "RESIDENT_SIGNED_UP", "resident " + resident.getId());
    return new Completion.Created(resident.getId(), link.getEmail());
  }

  /** An open link of this purpose (public: {@link ResidentAccounts} calls it through the EJB). */
  public Optional<EmailLink> link(String token, EmailLink.Purpose purpose) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Optional.empty();
    }
    LocalDateTime now = LocalDateTime.now(clock);
    return em.createNamedQuery(EmailLink.BY_TOKEN, EmailLink.class)
        .setParameter("h", Tokens.sha256(token))
        .getResultStream()
        .findFirst()
        .filter(l -> l.getPurpose() == purpose && l.usable(now));
  }

  /** Whether a resident login has this address (public: called through the EJB). */
  public boolean loginExists(String email) {
    return !em.createNamedQuery(UserAccount.BY_LOGIN, UserAccount.class)
        .setParameter("portal", Portal.RESIDENT)
        .setParameter("loginName", email)
        .getResultList()
        .isEmpty();
  }

  /** Addresses are compared and kept in lower case, as login names are. */
  public static String normalizeEmail(String email) {
    return LoginService.normalize(email);
  }

  public static boolean validEmail(String email) {
    return email != null && email.length() <= 254 && EMAIL.matcher(email).matches();
  }

  static String language(Locale locale) {
    return locale != null && "en".equals(locale.getLanguage()) ? "en" : "ja";
  }

  /**
   * The mails' texts in the resident's language. Public: {@link ResidentAccounts} calls it through
   * the EJB, where a package-private method fails ("not a business method"; the e-mail change
   * failed so before the #10 identity review).
   */
  public ResourceBundle mailBundle(Locale locale) {
    return ResourceBundle.getBundle(
        MAIL_BUNDLE,
        "en".equals(language(locale)) ? Locale.ENGLISH : Locale.JAPANESE,
        getClass().getClassLoader());
  }

  /** A mail text with the city and currency names first (public: called through the EJB). */
  public String format(ResourceBundle bundle, String key, Locale locale, Object... args) {
    var p = city.profile();
    boolean ja = "ja".equals(language(locale));
    Object[] all = new Object[args.length + 2];
    all[0] = ja ? p.cityJa() : p.cityEn();
    all[1] = ja ? p.currencyJa() : p.currencyEn();
    System.arraycopy(args, 0, all, 2, args.length);
    return new MessageFormat(bundle.getString(key), Locale.ROOT).format(all);
  }
}
