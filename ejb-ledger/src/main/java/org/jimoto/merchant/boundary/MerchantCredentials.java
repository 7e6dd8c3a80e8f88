package org.jimoto.merchant.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.control.IssuedPasswords;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.identity.entity.UserAccount;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.merchant.entity.Business;
import org.jimoto.merchant.entity.Shop;
import org.jimoto.notification.boundary.Mailer;
import org.jimoto.platform.boundary.CityProfileService;

/**
 * The city's view of a business's logins and the reissue of their credentials (R-61, R-62, #11): a
 * merchant whose temporary password expired unused, or who forgot the password, gets a new one from
 * the city. Only a CITY_ADMIN reissues; a CITY_AUDITOR reads the list.
 *
 * <p>A reissue is one transaction: the login's row is locked (so an administrator's double click
 * runs twice in turn, the second password wins and the first mail's stops working), a new temporary
 * password ({@link IssuedPasswords}, the staff reset's machinery) replaces the old one, the login's
 * "keep me signed in" tokens are revoked and a lockout lifted, the password goes by secret mail to
 * the business's registered contact address, never to the screen, and the audit record names
 * the staff member and the reason.
 */
@Stateless
@DeclareRoles({"CITY_ADMIN", "CITY_AUDITOR"})
public class MerchantCredentials {

  /** The audit log keeps reasons this long. */
  static final int MAX_REASON = 500;

  private static final String MAIL_BUNDLE = "org.jimoto.merchant.onboarding";
  private static final DateTimeFormatter MAIL_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");

  /** Which of a business's logins. */
  public enum Kind {
    BUSINESS,
    SHOP
  }

  /**
   * One merchant login as the city sees it.
   *
   * @param temporaryExpiresAt when the temporary password stops working; null once the merchant set
   *     a password of their own
   * @param lastLoginAt null before the first login
   */
  public record LoginView(
      String loginName,
      Kind kind,
      String shopCode,
      String shopName,
      boolean enabled,
      boolean temporary,
      LocalDateTime temporaryExpiresAt,
      boolean temporaryExpired,
      LocalDateTime lastLoginAt,
      int failedLogins) {}

  /**
   * A reissue done: the new password went by mail to the business, valid until {@code expiresAt}.
   */
  public record Reissued(String loginName, LocalDateTime expiresAt) {}

  @PersistenceContext EntityManager em;
  @Inject IssuedPasswords passwords;
  @Inject Mailer mailer;
  @Inject AuditLog audit;
  @Inject CityProfileService city;
  @Inject Clock clock;
  @Resource SessionContext session;

  @Inject
  @ConfigProperty(name = "jimoto.public-url")
  String publicUrl;

  /**
   * The logins of the business with this code (e.g. B100042): its business account first, then its
   * shops' accounts by login; empty for an unknown code.
   */
  @RolesAllowed({"CITY_ADMIN", "CITY_AUDITOR"})
  public List<LoginView> logins(String businessCode) {
    LocalDateTime now = LocalDateTime.now(clock);
    return em
        .createQuery(
            "select u from UserAccount u, Business b where b.code = :code"
                + " and u.portal = :p and u.businessId = b.id",
            UserAccount.class)
        .setParameter("code", businessCode == null ? "" : businessCode.strip())
        .setParameter("p", Portal.MERCHANT)
        .setMaxResults(200)
        .getResultList()
        .stream()
        .map(u -> view(u, now))
        .sorted(Comparator.comparing(LoginView::kind).thenComparing(LoginView::loginName))
        .toList();
  }

  /**
   * new credentials for one merchant login (business or shop account), mailed to the
   * business's registered contact address.
   *
   * @throws RefusedException REASON_MISSING, REASON_TOO_LONG, MERCHANT_LOGIN_UNKNOWN,
   *     MERCHANT_LOGIN_DISABLED, MERCHANT_BUSINESS_CLOSED; nothing changed
   */
  @RolesAllowed("CITY_ADMIN")
  public Reissued reissue(String loginName, String reason) {
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw new RefusedException(Refusal.REASON_MISSING);
    }
    if (why.length() > MAX_REASON) {
      throw new RefusedException(Refusal.REASON_TOO_LONG, MAX_REASON);
    }
    String login = LoginService.normalize(loginName);
    // Locked until commit: a second reissue of the login waits, then replaces this one's password.
    UserAccount account =
        em.createNamedQuery(UserAccount.BY_LOGIN, UserAccount.class)
            .setParameter("portal", Portal.MERCHANT)
            .setParameter("loginName", login)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultStream()
            .findFirst()
            .filter(u -> u.getBusinessId() != null)
            .orElseThrow(() -> new RefusedException(Refusal.MERCHANT_LOGIN_UNKNOWN, login));
    if (!account.isEnabled()) {
      throw new RefusedException(Refusal.MERCHANT_LOGIN_DISABLED, login);
    }
    if (businessClosed(account.getBusinessId())) {
      throw new RefusedException(Refusal.MERCHANT_BUSINESS_CLOSED, login);
    }
    Business business = em.find(Business.class, account.getBusinessId());
    Shop shop = account.getShopId() == null ? null : em.find(Shop.class, account.getShopId());
    LocalDateTime now = LocalDateTime.now(clock);
    String password = passwords.reissue(account, now);
    LocalDateTime expiresAt = now.plus(LoginService.TEMPORARY_PASSWORD_VALIDITY);
    Locale locale = locale(business.getId());
    mail(business, shop, login, password, expiresAt, now, locale);
    audit.record(
        Portal.ADMIN,
        session.getCallerPrincipal().getName(),
        "MERCHANT_CREDENTIALS_REISSUED",
        "login "
            + login
            + " (business "
            + business.getCode()
            + (shop == null ? "" : ", shop " + shop.getCode())
            + "): temporary password valid until "
            + expiresAt
            + ", devices signed out, mailed to the business contact ("
            + locale.getLanguage()
            + ")",
        why);
    return new Reissued(login, expiresAt);
  }

  /** A business whose business account (BUSINESS_OWNER) is disabled has left. */
  private boolean businessClosed(long businessId) {
    return em.createQuery(
            "select u from UserAccount u where u.portal = :p and u.businessId = :b"
                + " and u.shopId is null and :owner member of u.roles",
            UserAccount.class)
        .setParameter("p", Portal.MERCHANT)
        .setParameter("b", businessId)
        .setParameter("owner", Role.BUSINESS_OWNER)
        .getResultStream()
        .anyMatch(u -> !u.isEnabled());
  }

  private LoginView view(UserAccount u, LocalDateTime now) {
    Shop shop = u.getShopId() == null ? null : em.find(Shop.class, u.getShopId());
    boolean temporary = u.isMustChangePassword();
    LocalDateTime expires =
        temporary ? u.getPasswordChangedAt().plus(LoginService.TEMPORARY_PASSWORD_VALIDITY) : null;
    return new LoginView(
        u.getLoginName(),
        shop == null ? Kind.BUSINESS : Kind.SHOP,
        shop == null ? null : shop.getCode(),
        shop == null ? null : shop.getName(),
        u.isEnabled(),
        temporary,
        expires,
        expires != null && expires.isBefore(now),
        u.getLastLoginAt(),
        u.getFailedLoginCount());
  }

  private void mail(
      Business business,
      Shop shop,
      String login,
      String password,
      LocalDateTime expiresAt,
      LocalDateTime issuedAt,
      Locale locale) {
    ResourceBundle bundle =
        ResourceBundle.getBundle(MAIL_BUNDLE, locale, getClass().getClassLoader());
    String cityName = city.profile().city(locale);
    String which =
        shop == null
            ? bundle.getString("reissued.business")
            : new MessageFormat(bundle.getString("reissued.shop"), locale)
                .format(new Object[] {shop.getName()});
    Object[] args = {
      cityName,
      business.getRepresentative(),
      base() + "/merchant/login.xhtml",
      which,
      login,
      password,
      MAIL_TIME.format(expiresAt),
      MAIL_TIME.format(issuedAt)
    };
    String subject = new MessageFormat(bundle.getString("reissued.subject"), locale).format(args);
    String body = new MessageFormat(bundle.getString("reissued.body"), locale).format(args);
    mailer.queueSecret(business.getEmail(), subject, body); // purged once delivered
  }

  /** The language the business applied in; Japanese for a business that did not apply online. */
  private Locale locale(long businessId) {
    return em.createQuery(
            "select a.language from MerchantApplication a where a.businessId = :b", String.class)
        .setParameter("b", businessId)
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .filter("en"::equals)
        .map(l -> Locale.ENGLISH)
        .orElse(Locale.JAPANESE);
  }

  private String base() {
    String url = publicUrl == null ? "" : publicUrl.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return url;
  }
}
