package org.jimoto.identity.boundary;

import java.time.LocalDateTime;
import java.util.Set;
import org.jimoto.identity.entity.Role;

/** What a login attempt came to. The portals map each case to a message of their own bundle. */
public sealed interface LoginOutcome {

  /**
   * @param passwordAgeWarning R-62: the password is older than 90 days
   */
  record Authenticated(
      String loginName,
      String displayName,
      Set<Role> roles,
      boolean mustChangePassword,
      boolean passwordAgeWarning)
      implements LoginOutcome {}

  /** Unknown login or wrong password; deliberately not told apart. */
  record InvalidCredentials() implements LoginOutcome {}

  /** Too many failures: no password is accepted until {@code until}. */
  record Locked(LocalDateTime until) implements LoginOutcome {}

  /** The account was disabled by the city. */
  record Disabled() implements LoginOutcome {}
}
