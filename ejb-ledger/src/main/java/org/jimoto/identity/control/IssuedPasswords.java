package org.jimoto.identity.control;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import org.jimoto.identity.boundary.PasswordHasher;
import org.jimoto.identity.entity.UserAccount;

/**
 * Passwords the city issues (R-62, #11): a new merchant's logins at approval, a new or reset staff
 * account, a merchant login's credentials reissued. One place for all of them, so each is random,
 * accepted by the policy, Pbkdf2-hashed and temporary (changed at the next login, valid for {@code
 * LoginService.TEMPORARY_PASSWORD_VALIDITY}).
 *
 * <p>Runs in the caller's transaction: the new hash, the revoked devices and the caller's mail and
 * audit record commit together, or none does.
 */
@Stateless
public class IssuedPasswords {

  @Inject PasswordHasher hasher;
  @Inject RememberMeTokens rememberMe;
  @Inject LoginThrottle throttle;

  /** A random password that the policy itself accepts for this login. */
  public static String temporary(String loginName, String displayName) {
    while (true) {
      String p = PasswordPolicy.generate();
      if (PasswordPolicy.check(p, loginName, displayName).isEmpty()) {
        return p;
      }
    }
  }

  /**
   * Replaces an existing login's password by a new temporary one. Whoever had the old password may
   * have kept a device signed in, so every device's token is revoked; a lockout earned with wrong
   * passwords is lifted (the count in the database, and this server's throttle for the name).
   *
   * @return the new password in clear, for the caller to hand over once (a secret mail, or the
   *     screen); it is never stored
   */
  public String reissue(UserAccount account, LocalDateTime now) {
    String password = temporary(account.getLoginName(), account.getDisplayName());
    account.issuePassword(hasher.hash(password.toCharArray()), now);
    account.clearFailedLogins();
    rememberMe.revokeAll(account.getId());
    throttle.forget(account.getPortal().name() + ":" + account.getLoginName());
    return password;
  }
}
