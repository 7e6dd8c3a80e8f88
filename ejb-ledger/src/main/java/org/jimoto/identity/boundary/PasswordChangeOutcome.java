package org.jimoto.identity.boundary;

import java.util.Set;
import org.jimoto.identity.control.PasswordPolicy.Violation;

/** What a password change came to; the portals word each case in their language. */
public sealed interface PasswordChangeOutcome {

  record Changed() implements PasswordChangeOutcome {}

  /** The current password was wrong (counted like a failed login). */
  record WrongCurrentPassword() implements PasswordChangeOutcome {}

  /** The new password breaks these rules of the policy; nothing changed. */
  record Refused(Set<Violation> violations) implements PasswordChangeOutcome {}

  /** the temporary password expired before it was changed; the city issues a new one. */
  record TemporaryPasswordExpired() implements PasswordChangeOutcome {}

  /** Too many wrong passwords from this address, or every hashing slot busy: try again later. */
  record TryLater() implements PasswordChangeOutcome {}
}
