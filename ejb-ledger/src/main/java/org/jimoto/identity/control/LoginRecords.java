package org.jimoto.identity.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.UserAccount;

/**
 * The database side of a login, in short transactions of their own: the password check runs between
 * them, holding no connection and no lock (issue #8 finding 3). Updates are single statements, so
 * parallel logins of one account neither wait on a row lock nor conflict.
 */
@Stateless
public class LoginRecords {

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;
  @Inject RememberMeTokens rememberMe;

  public UserAccount byId(long accountId) {
    return em.find(UserAccount.class, accountId);
  }

  public Optional<UserAccount> find(Portal portal, String normalizedLogin) {
    return em.createNamedQuery(UserAccount.BY_LOGIN, UserAccount.class)
        .setParameter("portal", portal)
        .setParameter("loginName", normalizedLogin)
        .getResultStream()
        .findFirst();
  }

  /** Failures since the last success, for the city's view of an account. */
  public void failed(long accountId) {
    em.createQuery(
            "update UserAccount u set u.failedLoginCount = u.failedLoginCount + 1"
                + " where u.id = :id")
        .setParameter("id", accountId)
        .executeUpdate();
  }

  public void succeeded(long accountId, LocalDateTime now) {
    em.createQuery(
            "update UserAccount u set u.failedLoginCount = 0,"
                + " u.previousLoginAt = u.lastLoginAt, u.lastLoginAt = :now where u.id = :id")
        .setParameter("id", accountId)
        .setParameter("now", now)
        .executeUpdate();
  }

  /**
   * the new hash; the first-login flag is cleared; every device kept signed in must log in
   * again (whoever knew the old password may have ticked "keep me signed in"); audited in the same
   * transaction.
   */
  public void changePassword(long accountId, String newHash, LocalDateTime now) {
    UserAccount account = em.find(UserAccount.class, accountId);
    account.changePassword(newHash, now);
    rememberMe.revokeAll(accountId);
    audit.record(account.getPortal(), account.getLoginName(), "PASSWORD_CHANGED", null);
  }
}
