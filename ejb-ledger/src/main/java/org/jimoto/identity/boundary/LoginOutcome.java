package org.jimoto.identity.boundary;

import java.util.Set;
import org.jimoto.identity.entity.Role;

/** What a login attempt came to. The portals map each case to a message of their own bundle. */
public sealed interface LoginOutcome {

  /**
   * @param mustChangePassword R-62: an issued account's first login; only the password change page
   *     is open until it is done
   * @param passwordAgeWarning R-62: the password is older than 90 days
   */
  record Authenticated(
      String loginName,
      String displayName,
      Set<Role> roles,
      boolean mustChangePassword,
      boolean passwordAgeWarning)
      implements LoginOutcome {}

  /**
   * Unknown login, wrong password or a disabled account: deliberately one answer, so nobody learns
   * which login names exist or what state they are in (#8 finding 4).
   */
  record InvalidCredentials() implements LoginOutcome {}

  /**
   * Too many wrong passwords for this login name from this address (or from it at all): refused
   * without a check. Unknown login names are throttled exactly like real ones.
   */
  record Throttled() implements LoginOutcome {}

  /**
   * the right password, but a temporary one the city issued more than {@code
   * LoginService.TEMPORARY_PASSWORD_VALIDITY} ago and never changed: ask the city for a reset.
   */
  record TemporaryPasswordExpired() implements LoginOutcome {}

  /** Every password-check slot is taken (#8 finding 3): try again in a moment (HTTP 429). */
  record Busy() implements LoginOutcome {}
}
