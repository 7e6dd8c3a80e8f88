package org.jimoto.identity.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.identity.entity.UserAccount;

/** Creates portal logins. Onboarding and sign-up flows of later features call this. */
@Stateless
public class UserAccountService {

  @PersistenceContext EntityManager em;
  @Inject PasswordHasher hasher;
  @Inject Clock clock;

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

  public long count() {
    return em.createQuery("select count(u) from UserAccount u", Long.class).getSingleResult();
  }
}
