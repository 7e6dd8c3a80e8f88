package org.jimoto.merchant.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.boundary.UserAccountService;
import org.jimoto.identity.control.IssuedPasswords;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.merchant.boundary.PayoutAccounts.AccountChange;
import org.jimoto.merchant.boundary.PayoutAccounts.Checked;
import org.jimoto.merchant.boundary.ProfileRefusal.Problem;
import org.jimoto.merchant.control.AccountNumber;
import org.jimoto.merchant.entity.BankAccount;
import org.jimoto.merchant.entity.Business;
import org.jimoto.merchant.entity.Declaration;
import org.jimoto.merchant.entity.MerchantApplication;
import org.jimoto.merchant.entity.MerchantApplication.Details;
import org.jimoto.merchant.entity.MerchantApplication.Status;
import org.jimoto.merchant.entity.Shop;
import org.jimoto.merchant.entity.ShopCategory;
import org.jimoto.notification.boundary.Mailer;
import org.jimoto.platform.boundary.CityProfileService;
import org.jimoto.resident.boundary.ResidentSignUp;
import org.jimoto.resident.control.CardAttemptLimit;
import org.jimoto.resident.control.Tokens;
import org.jimoto.service.entity.ValueService;

/**
 * Merchant onboarding (R-60..R-64, #11 item 1). Anybody sends an application with the R-60
 * declarations through the merchant portal's public form (rate-limited per client address and per
 * e-mail address); the city reviews it: a CITY_ADMIN approves, rejects with a reason or asks
 * for a correction (the applicant corrects it through a mailed link); a CITY_AUDITOR only reads; a
 * CITY_CLERK has no part. The roles are enforced here, at the boundary.
 *
 * <p>Approval is one transaction: the business with its payout account, the shop (unpublished,
 * R-64), a business account (BUSINESS_OWNER) and a shop account (SHOP_STAFF) with one-time
 * passwords that must be changed at the first login, the mail with them (through the outbox,
 * so it leaves only if all this commits), the decision and its audit event. The shop is
 * published to the directory by a separate action ({@link #publishShop}) once its kit is handed
 * over.
 */
@Stateless
@DeclareRoles({"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"})
public class MerchantOnboarding {

  /** How long a correction link works. */
  static final Duration CORRECTION_VALIDITY = Duration.ofDays(14);

  /** Most applications a list shows (oldest first, so none waits forever unseen). */
  public static final int MAX_LIST = 200;

  static final int MAX_REASON = 1000;
  static final int MAX_NAME = 100;
  static final int MAX_ADDRESS = 300;

  private static final String MAIL_BUNDLE = "org.jimoto.merchant.onboarding";

  /**
   * The form as typed; {@code shopCategory} is a {@link ShopCategory} name, {@code accountType} a
   * {@link BankAccount.Type} name, {@code declared} the boxes ticked.
   */
  public record ApplicationForm(
      String businessName,
      String representative,
      String businessAddress,
      String businessPhone,
      String shopName,
      String shopNameEn,
      String shopCategory,
      String shopAddress,
      String shopPhone,
      String email,
      String bankCode,
      String branchCode,
      String accountType,
      String accountNumber,
      String holder,
      Set<Declaration> declared) {}

  /** What became of a form sent. */
  public sealed interface Submission {
    record Accepted(long applicationId) implements Submission {}

    record Refused(List<Problem> problems) implements Submission {}
  }

  /** A declaration and its legal wording, in the page's language with the city's name. */
  public record DeclarationText(Declaration declaration, String text) {}

  /** A line of the review queue. */
  public record Summary(
      long id,
      Status status,
      String businessName,
      String shopName,
      String email,
      LocalDateTime submittedAt,
      LocalDateTime decidedAt) {}

  /**
   * One application as the city reviews it: the account number masked, the declarations as made.
   */
  public record ApplicationView(
      long id,
      Status status,
      Details details,
      String maskedAccountNumber,
      List<Declaration> declarations,
      String declarationsVersion,
      LocalDateTime submittedAt,
      String correctionNote,
      String decidedBy,
      LocalDateTime decidedAt,
      String decisionReason,
      String businessCode,
      String shopCode,
      Long shopId,
      boolean shopPublished) {}

  @PersistenceContext EntityManager em;
  @Inject UserAccountService accounts;
  @Inject ShopDirectory directory;
  @Inject CardAttemptLimit limits;
  @Inject Mailer mailer;
  @Inject AuditLog audit;
  @Inject CityProfileService city;
  @Inject Clock clock;
  @Resource SessionContext session;

  @Inject
  @ConfigProperty(name = "jimoto.public-url")
  String publicUrl;

  // ------------------------------------------------------------------ the public form

  /** The R-60 declarations with their wording, in the form's order. */
  @PermitAll
  public List<DeclarationText> declarations(Locale locale) {
    String cityName = city.profile().city(locale);
    return EnumSet.allOf(Declaration.class).stream()
        .map(
            d ->
                new DeclarationText(
                    d,
                    new MessageFormat(
                            ProfileRefusal.label(locale, "declaration." + d.name()), locale)
                        .format(new Object[] {cityName})))
        .toList();
  }

  /**
   * Checks every field and every declaration, and stores the application, or nothing. A valid form
   * counts against the client address's and the e-mail address's limits.
   */
  @PermitAll
  public Submission submit(ApplicationForm form, Locale locale, String clientAddress) {
    List<Problem> problems = new ArrayList<>();
    Details details = check(form, locale, problems);
    if (details == null) {
      return new Submission.Refused(problems);
    }
    Optional<Problem> limited = limit(details.email(), clientAddress);
    if (limited.isPresent()) {
      return new Submission.Refused(List.of(limited.get()));
    }
    var application =
        new MerchantApplication(
            details, form.declared(), language(locale), clip(clientAddress, 64), now());
    em.persist(application);
    em.flush(); // its id, for the audit event and the page
    audit.record(
        Portal.MERCHANT,
        details.email(),
        "MERCHANT_APPLICATION_SUBMITTED",
        "application "
            + application.getId()
            + ": "
            + details.businessName()
            + " / "
            + details.shopName(),
        "R-60 declarations " + application.getDeclarations() + " (" + Declaration.VERSION + ")");
    return new Submission.Accepted(application.getId());
  }

  /**
   * What the public correction page shows the applicant (#11 review finding 5): the city's note and
   * the form as sent, except the bank account number, which is masked and typed again; nothing of
   * the city's review (who decided, when).
   *
   * @param details as sent, with {@code accountNumber} null
   */
  public record CorrectionView(
      String correctionNote, Details details, String maskedAccountNumber) {}

  /** The application a correction link opens, while the link is valid; the page fills its form. */
  @PermitAll
  public Optional<CorrectionView> correction(String token) {
    return byToken(token)
        .map(
            a -> {
              Details d = a.details();
              return new CorrectionView(
                  a.getCorrectionNote(),
                  new Details(
                      d.businessName(),
                      d.representative(),
                      d.businessAddress(),
                      d.businessPhone(),
                      d.shopName(),
                      d.shopNameEn(),
                      d.shopCategory(),
                      d.shopAddress(),
                      d.shopPhone(),
                      d.email(),
                      d.bankCode(),
                      d.bankName(),
                      d.branchCode(),
                      d.branchName(),
                      d.accountType(),
                      null,
                      d.holderKana()),
                  AccountNumber.masked(d.accountNumber()));
            });
  }

  /** The applicant's corrected form, through the correction link: under review again. */
  @PermitAll
  public Submission resubmit(
      String token, ApplicationForm form, Locale locale, String clientAddress) {
    Optional<MerchantApplication> found = byToken(token);
    if (found.isEmpty()) {
      return new Submission.Refused(
          List.of(Problem.of("token", ProfileRefusal.CORRECTION_LINK_INVALID)));
    }
    List<Problem> problems = new ArrayList<>();
    Details details = check(form, locale, problems);
    if (details == null) {
      return new Submission.Refused(problems);
    }
    Optional<Problem> limited = limit(details.email(), clientAddress);
    if (limited.isPresent()) {
      return new Submission.Refused(List.of(limited.get()));
    }
    MerchantApplication a =
        em.find(MerchantApplication.class, found.get().getId(), LockModeType.PESSIMISTIC_WRITE);
    if (a.getStatus() != Status.CORRECTION_REQUESTED) {
      return new Submission.Refused(
          List.of(Problem.of("token", ProfileRefusal.CORRECTION_LINK_INVALID)));
    }
    a.resubmit(details, form.declared(), now());
    audit.record(
        Portal.MERCHANT,
        details.email(),
        "MERCHANT_APPLICATION_RESUBMITTED",
        "application " + a.getId() + ": " + details.businessName() + " / " + details.shopName());
    return new Submission.Accepted(a.getId());
  }

  // ------------------------------------------------------------------ the city's review

  /** The applications of one status, oldest first, at most {@link #MAX_LIST}. */
  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public List<Summary> list(Status status) {
    return em
        .createQuery(
            "select a from MerchantApplication a where a.status = :s order by a.submittedAt, a.id",
            MerchantApplication.class)
        .setParameter("s", status)
        .setMaxResults(MAX_LIST)
        .getResultList()
        .stream()
        .map(
            a ->
                new Summary(
                    a.getId(),
                    a.getStatus(),
                    a.getBusinessName(),
                    a.getShopName(),
                    a.getEmail(),
                    a.getSubmittedAt(),
                    a.getDecidedAt()))
        .toList();
  }

  /** One application, for review; the view of its personal data is audit-logged. */
  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public Optional<ApplicationView> open(long id) {
    MerchantApplication a = em.find(MerchantApplication.class, id);
    if (a == null) {
      return Optional.empty();
    }
    audit.record(Portal.ADMIN, actor(), "MERCHANT_APPLICATION_VIEWED", "application " + id);
    return Optional.of(view(a));
  }

  /**
   * approves a submitted application. Creates the business (with its payout account), its
   * shop, unpublished, and the two logins, and mails their one-time passwords.
   *
   * @return empty when approved; else why not (nothing changed)
   */
  @RolesAllowed("CITY_ADMIN")
  public Optional<ProfileRefusal> approve(long id) {
    MerchantApplication a = em.find(MerchantApplication.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (a == null) {
      return Optional.of(ProfileRefusal.APPLICATION_NOT_FOUND);
    }
    if (a.getStatus() != Status.SUBMITTED) {
      return Optional.of(ProfileRefusal.APPLICATION_NOT_PENDING);
    }
    String actor = actor();
    LocalDateTime now = now();
    Details d = a.details();
    // Codes from the application's id: unique, and apart from the 4-digit codes of the demo city.
    String businessCode = "B" + (100_000 + a.getId());
    String shopCode = "S" + (100_000 + a.getId());
    var business =
        new Business(
            businessCode,
            d.businessName(),
            d.representative(),
            d.email(),
            d.businessPhone(),
            d.businessAddress(),
            now);
    em.persist(business);
    // the new shop accepts the city's services; the city narrows them in the services
    // screens. R-01: cards only once the city has checked the shop's reader (not at approval).
    Set<ValueService> services =
        new HashSet<>(
            em.createQuery("select v from ValueService v", ValueService.class).getResultList());
    var shop =
        new Shop(
            business, shopCode, d.shopName(), d.shopAddress(), d.shopPhone(), false, services, now);
    shop.describe(
        d.shopName(), d.shopNameEn(), d.shopCategory(), d.shopAddress(), d.shopPhone(), null);
    em.persist(shop);
    em.flush(); // the ids, for the payout account and the logins
    var bank = new BankAccount(business.getId());
    bank.set(
        d.bankCode(),
        d.bankName(),
        d.branchCode(),
        d.branchName(),
        d.accountType(),
        d.accountNumber(),
        d.holderKana(),
        actor,
        now);
    em.persist(bank);
    String ownerLogin = businessCode.toLowerCase(Locale.ROOT);
    String shopLogin = shopCode.toLowerCase(Locale.ROOT);
    String ownerPassword = IssuedPasswords.temporary(ownerLogin, d.businessName());
    String shopPassword = IssuedPasswords.temporary(shopLogin, d.shopName());
    long businessId = business.getId();
    long shopId = shop.getId();
    accounts.create(
        Portal.MERCHANT,
        ownerLogin,
        d.businessName(),
        d.email(),
        ownerPassword.toCharArray(),
        Set.of(Role.BUSINESS_OWNER),
        u -> u.forMerchant(businessId, null).requirePasswordChange());
    accounts.create(
        Portal.MERCHANT,
        shopLogin,
        d.shopName(),
        d.email(),
        shopPassword.toCharArray(),
        Set.of(Role.SHOP_STAFF),
        u -> u.forMerchant(businessId, shopId).requirePasswordChange());
    a.approve(businessId, shopId, actor, now);
    Locale locale = locale(a);
    mail(
        a,
        "approved",
        d.representative(),
        base() + "/merchant/login.xhtml",
        ownerLogin,
        ownerPassword,
        d.shopName(),
        shopLogin,
        shopPassword);
    audit.record(
        Portal.ADMIN,
        actor,
        "MERCHANT_APPLICATION_APPROVED",
        "application "
            + id
            + ": business "
            + businessCode
            + " (login "
            + ownerLogin
            + "), shop "
            + shopCode
            + " (login "
            + shopLogin
            + "), payout account "
            + d.bankCode()
            + "-"
            + d.branchCode()
            + " "
            + AccountNumber.masked(d.accountNumber())
            + "; credentials mailed ("
            + locale.getLanguage()
            + ")");
    return Optional.empty();
  }

  /** Rejects a submitted application with its reason, which the applicant is mailed. */
  @RolesAllowed("CITY_ADMIN")
  public Optional<ProfileRefusal> reject(long id, String reason) {
    String why = reason(reason);
    if (why == null) {
      return Optional.of(ProfileRefusal.DECISION_REASON_REQUIRED);
    }
    MerchantApplication a = em.find(MerchantApplication.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (a == null) {
      return Optional.of(ProfileRefusal.APPLICATION_NOT_FOUND);
    }
    if (a.getStatus() != Status.SUBMITTED) {
      return Optional.of(ProfileRefusal.APPLICATION_NOT_PENDING);
    }
    a.reject(why, actor(), now());
    mail(a, "rejected", a.details().representative(), String.valueOf(id), why);
    audit.record(Portal.ADMIN, actor(), "MERCHANT_APPLICATION_REJECTED", "application " + id, why);
    return Optional.empty();
  }

  /**
   * Asks the applicant to correct a submitted application: the note and a link to the form, filled
   * in, go by mail; the link works until the form comes back or {@link #CORRECTION_VALIDITY}.
   */
  @RolesAllowed("CITY_ADMIN")
  public Optional<ProfileRefusal> askCorrection(long id, String note) {
    String what = reason(note);
    if (what == null) {
      return Optional.of(ProfileRefusal.DECISION_REASON_REQUIRED);
    }
    MerchantApplication a = em.find(MerchantApplication.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (a == null) {
      return Optional.of(ProfileRefusal.APPLICATION_NOT_FOUND);
    }
    if (a.getStatus() != Status.SUBMITTED) {
      return Optional.of(ProfileRefusal.APPLICATION_NOT_PENDING);
    }
    String token = Tokens.random();
    LocalDateTime now = now();
    a.askCorrection(what, Tokens.sha256(token), now.plus(CORRECTION_VALIDITY), actor(), now);
    mail(
        a,
        "correction",
        a.details().representative(),
        String.valueOf(id),
        what,
        CORRECTION_VALIDITY.toDays(),
        base() + "/merchant/apply.xhtml?correction=" + token);
    audit.record(
        Portal.ADMIN, actor(), "MERCHANT_APPLICATION_CORRECTION_ASKED", "application " + id, what);
    return Optional.empty();
  }

  /**
   * lists the shop of an approved application in the public directory, once its kit was
   * handed over. Audit-logged by the directory.
   */
  @RolesAllowed("CITY_ADMIN")
  public Optional<ProfileRefusal> publishShop(long id) {
    MerchantApplication a = em.find(MerchantApplication.class, id);
    if (a == null) {
      return Optional.of(ProfileRefusal.APPLICATION_NOT_FOUND);
    }
    if (a.getStatus() != Status.APPROVED || a.getShopId() == null) {
      return Optional.of(ProfileRefusal.APPLICATION_NOT_APPROVED);
    }
    directory.publish(actor(), a.getShopId());
    return Optional.empty();
  }

  // ------------------------------------------------------------------ checks

  /** Every field and declaration checked; null (with the problems added) if any is refused. */
  Details check(ApplicationForm form, Locale locale, List<Problem> problems) {
    int before = problems.size();
    String businessName =
        required(
            form.businessName(),
            "businessName",
            MAX_NAME,
            ProfileRefusal.BUSINESS_NAME_REQUIRED,
            problems);
    String representative =
        required(
            form.representative(),
            "representative",
            MAX_NAME,
            ProfileRefusal.REPRESENTATIVE_REQUIRED,
            problems);
    String businessAddress =
        required(
            form.businessAddress(),
            "businessAddress",
            MAX_ADDRESS,
            ProfileRefusal.BUSINESS_ADDRESS_REQUIRED,
            problems);
    String businessPhone = ShopProfiles.phone(form.businessPhone());
    if (businessPhone == null) {
      problems.add(Problem.of("businessPhone", ProfileRefusal.PHONE_INVALID));
    }
    String shopName =
        required(form.shopName(), "shopName", MAX_NAME, ProfileRefusal.NAME_REQUIRED, problems);
    String shopNameEn =
        ShopProfiles.text("shopNameEn", form.shopNameEn(), MAX_NAME, false, problems);
    ShopCategory category = ShopCategory.of(form.shopCategory()).orElse(null);
    if (category == null) {
      problems.add(Problem.of("shopCategory", ProfileRefusal.CATEGORY_REQUIRED));
    }
    String shopAddress =
        required(
            form.shopAddress(),
            "shopAddress",
            MAX_ADDRESS,
            ProfileRefusal.ADDRESS_REQUIRED,
            problems);
    String shopPhone = ShopProfiles.phone(form.shopPhone());
    if (shopPhone == null) {
      problems.add(Problem.of("shopPhone", ProfileRefusal.PHONE_INVALID));
    }
    String email = ResidentSignUp.normalizeEmail(form.email());
    if (!ResidentSignUp.validEmail(email)) {
      problems.add(Problem.of("email", ProfileRefusal.EMAIL_INVALID));
    }
    // The same checks as the shop page's bank account (Zengin codes, half-width kana holder).
    Checked bank =
        PayoutAccounts.check(
            new AccountChange(
                form.bankCode(),
                form.branchCode(),
                form.accountType(),
                form.accountNumber(),
                form.holder()),
            problems);
    Set<Declaration> declared = form.declared() == null ? Set.of() : form.declared();
    for (Declaration d : Declaration.values()) {
      if (!declared.contains(d)) {
        problems.add(
            Problem.of(
                "declaration_" + d.name(),
                ProfileRefusal.DECLARATION_MISSING,
                d)); // named in the language of the page that shows it
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new Details(
        businessName,
        representative,
        businessAddress,
        businessPhone,
        shopName,
        shopNameEn.isEmpty() ? null : shopNameEn,
        category,
        shopAddress,
        shopPhone,
        email,
        bank.bankCode(),
        bank.bankName(),
        bank.branchCode(),
        bank.branchName(),
        bank.type(),
        bank.number(),
        bank.holderKana());
  }

  private static String required(
      String typed, String field, int max, ProfileRefusal missing, List<Problem> problems) {
    String s = ShopProfiles.text(field, typed, max, false, problems);
    if (s != null && s.isEmpty()) {
      problems.add(Problem.of(field, missing));
    }
    return s;
  }

  /** A valid form counts per client address and per e-mail address (attempt counters, V20). */
  private Optional<Problem> limit(String email, String clientAddress) {
    if (limits
            .take(CardAttemptLimit.Kind.MERCHANT_APPLICATION_PER_ADDRESS, nz(clientAddress))
            .isPresent()
        || limits.take(CardAttemptLimit.Kind.MERCHANT_APPLICATION_PER_EMAIL, email).isPresent()) {
      return Optional.of(Problem.of("form", ProfileRefusal.TOO_MANY_APPLICATIONS));
    }
    return Optional.empty();
  }

  private Optional<MerchantApplication> byToken(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    LocalDateTime now = now();
    return em.createQuery(
            "select a from MerchantApplication a where a.correctionTokenHash = :h",
            MerchantApplication.class)
        .setParameter("h", Tokens.sha256(token))
        .getResultStream()
        .filter(a -> a.getStatus() == Status.CORRECTION_REQUESTED)
        .filter(a -> a.getCorrectionExpiresAt() != null && now.isBefore(a.getCorrectionExpiresAt()))
        .findFirst();
  }

  private ApplicationView view(MerchantApplication a) {
    Details d = a.details();
    Shop shop = a.getShopId() == null ? null : em.find(Shop.class, a.getShopId());
    return new ApplicationView(
        a.getId(),
        a.getStatus(),
        d,
        AccountNumber.masked(d.accountNumber()),
        List.of(Declaration.values()),
        a.getDeclarationsVersion(),
        a.getSubmittedAt(),
        a.getCorrectionNote(),
        a.getDecidedBy(),
        a.getDecidedAt(),
        a.getDecisionReason(),
        shop == null ? null : shop.getBusiness().getCode(),
        shop == null ? null : shop.getCode(),
        a.getShopId(),
        shop != null && shop.isPublished());
  }

  /** the approval (temporary passwords) and correction (token link) mails. */
  private static final Set<String> SECRET_MAILS = Set.of("approved", "correction");

  private void mail(MerchantApplication a, String key, Object... args) {
    Locale locale = locale(a);
    ResourceBundle bundle =
        ResourceBundle.getBundle(MAIL_BUNDLE, locale, getClass().getClassLoader());
    String cityName = city.profile().city(locale);
    Object[] all = new Object[args.length + 1];
    all[0] = cityName;
    System.arraycopy(args, 0, all, 1, args.length);
    String subject = new MessageFormat(bundle.getString(key + ".subject"), locale).format(all);
    String body = new MessageFormat(bundle.getString(key + ".body"), locale).format(all);
    if (SECRET_MAILS.contains(key)) {
      mailer.queueSecret(a.getEmail(), subject, body); // purged once delivered (#11 review)
    } else {
      mailer.queue(a.getEmail(), subject, body);
    }
  }

  private static Locale locale(MerchantApplication a) {
    return "en".equals(a.getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
  }

  private static String language(Locale locale) {
    return locale != null && "en".equals(locale.getLanguage()) ? "en" : "ja";
  }

  /** A reason or note: stripped, at most {@link #MAX_REASON} characters; null if empty. */
  private static String reason(String typed) {
    if (typed == null || typed.isBlank()) {
      return null;
    }
    return clip(typed.strip(), MAX_REASON);
  }

  private String actor() {
    return session.getCallerPrincipal().getName();
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock);
  }

  private String base() {
    String url = publicUrl == null ? "" : publicUrl.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return url;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
