package org.jimoto.identity.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.identity.entity.UserAccount;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;

/** Creates portal logins and lets the city disable them. Onboarding and sign-up flows call this. */
@Stateless
public class UserAccountService {

  @PersistenceContext EntityManager em;
  @Inject PasswordHasher hasher;
  @Inject Clock clock;
  @Inject AuditLog audit;

  /**
   * @param scope attaches what the login may see (resident, business, shop) — R-93
   */
  public long create(
      Portal portal,
      String loginName,
      String displayName,
      String email,
      char[] password,
      Set<Role> roles,
      UnaryOperator<UserAccount> scope) {
    var account =
        new UserAccount(
            portal,
            LoginService.normalize(loginName),
            displayName,
            email,
            hasher.hash(password),
            roles,
            LocalDateTime.now(clock));
    em.persist(scope.apply(account));
    return account.getId();
  }

  /**
   * The city disables or enables a login (e.g. a leaked password, a shop that left). A disabled
   * login cannot log in, and its open sessions end at their next request (#8 finding 10). Audited
   * with the reason.
   *
   * @return false when there is no such login
   */
  public boolean setEnabled(
      Portal portal, String loginName, boolean enabled, String actor, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new RefusedException(Refusal.REASON_MISSING);
    }
    var found =
        em.createNamedQuery(UserAccount.BY_LOGIN, UserAccount.class)
            .setParameter("portal", portal)
            .setParameter("loginName", LoginService.normalize(loginName))
            .getResultStream()
            .findFirst();
    found.ifPresent(
        a -> {
          a.setEnabled(enabled);
          audit.record(
              Portal.ADMIN,
              actor,
              enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED",
              portal + " " + a.getLoginName(),
              reason);
        });
    return found.isPresent();
  }

  /** How many logins a portal has. */
  public long count(Portal portal) {
    return em.createQuery("select count(u) from UserAccount u where u.portal = :p", Long.class)
        .setParameter("p", portal)
        .getSingleResult();
  }

  public long count() {
    return em.createQuery("select count(u) from UserAccount u", Long.class).getSingleResult();
  }
}
