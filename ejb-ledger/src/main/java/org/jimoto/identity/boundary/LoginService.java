package org.jimoto.identity.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.control.LoginThrottle;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.UserAccount;

/**
 * Checks a portal's login against that portal's accounts only, and keeps the failure count that
 * locks an account after repeated wrong passwords. Called by each portal's authentication
 * mechanism; the failure count commits even though the login fails.
 */
@Stateless
public class LoginService {

  /** a password older than this shows a warning after login. */
  static final Duration PASSWORD_MAX_AGE = Duration.ofDays(90);

  @PersistenceContext EntityManager em;
  @Inject PasswordHasher hasher;
  @Inject Clock clock;
  @Inject AuditLog audit;

  @Inject
  @ConfigProperty(name = "jimoto.login.max-failures")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "jimoto.login.window-minutes")
  int windowMinutes;

  private LoginThrottle throttle;
  private String dummyHash;

  @PostConstruct
  void init() {
    throttle = new LoginThrottle(maxFailures, Duration.ofMinutes(windowMinutes));
  }

  public LoginOutcome authenticate(Portal portal, String loginName, char[] password) {
    LocalDateTime now = LocalDateTime.now(clock);
    Optional<UserAccount> found = find(portal, normalize(loginName));
    if (found.isEmpty()) {
      // Same work as for a real account, so response time does not reveal which logins exist.
      hasher.verify(password, dummyHash());
      return new LoginOutcome.InvalidCredentials();
    }
    UserAccount account = found.get();
    em.lock(account, LockModeType.PESSIMISTIC_WRITE);
    if (throttle.isLocked(account.getLockedUntil(), now)) {
      return new LoginOutcome.Locked(account.getLockedUntil());
    }
    if (!account.isEnabled()) {
      return new LoginOutcome.Disabled();
    }
    if (!hasher.verify(password, account.getPasswordHash())) {
      var state =
          throttle.afterFailure(account.getFailedLoginCount(), account.getFailedWindowStart(), now);
      account.recordFailure(state.failures(), state.windowStart(), state.lockedUntil());
      if (state.locked()) {
        audit.record(
            portal, account.getLoginName(), "LOGIN_LOCKED", state.failures() + " failures");
        return new LoginOutcome.Locked(state.lockedUntil());
      }
      return new LoginOutcome.InvalidCredentials();
    }
    account.recordSuccess(now);
    boolean oldPassword = account.getPasswordChangedAt().plus(PASSWORD_MAX_AGE).isBefore(now);
    return new LoginOutcome.Authenticated(
        account.getLoginName(),
        account.getDisplayName(),
        account.getRoles(),
        account.isMustChangePassword(),
        oldPassword);
  }

  /** Who is logged in, for the portal header and home page. */
  public Optional<AccountSummary> summary(Portal portal, String loginName) {
    return find(portal, normalize(loginName))
        .map(
            a ->
                new AccountSummary(
                    a.getLoginName(),
                    a.getDisplayName(),
                    a.getRoles(),
                    a.getPreviousLoginAt(),
                    a.getPasswordChangedAt()));
  }

  private Optional<UserAccount> find(Portal portal, String loginName) {
    return em.createNamedQuery(UserAccount.BY_LOGIN, UserAccount.class)
        .setParameter("portal", portal)
        .setParameter("loginName", loginName)
        .getResultStream()
        .findFirst();
  }

  /** Login names are matched case-insensitively (they are often e-mail addresses). */
  public static String normalize(String loginName) {
    return loginName == null ? "" : loginName.strip().toLowerCase(java.util.Locale.ROOT);
  }

  private String dummyHash() {
    if (dummyHash == null) {
      dummyHash = hasher.hash("not-a-real-password".toCharArray());
    }
    return dummyHash;
  }
}
