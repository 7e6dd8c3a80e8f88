package org.jimoto.identity.boundary;

import java.time.LocalDateTime;
import java.util.Set;
import org.jimoto.identity.entity.Role;

/**
 * Read-only view of a login for the portals.
 *
 * @param previousLoginAt the login before the current session's; null on a first login
 * @param mustChangePassword R-62: only the password change page is open until it is done
 * @param enabled false once the city disabled the account: its sessions end at the next request
 */
public record AccountSummary(
    String loginName,
    String displayName,
    Set<Role> roles,
    LocalDateTime previousLoginAt,
    LocalDateTime passwordChangedAt,
    boolean mustChangePassword,
    boolean enabled) {

  /** a password older than 90 days shows a warning. */
  public boolean passwordAgeWarning(LocalDateTime now) {
    return passwordChangedAt.plus(LoginService.PASSWORD_MAX_AGE).isBefore(now);
  }
}
