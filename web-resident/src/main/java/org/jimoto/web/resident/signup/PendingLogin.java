package org.jimoto.web.resident.signup;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jimoto.identity.boundary.LoginOutcome;
import org.jimoto.identity.entity.Role;
import org.jimoto.notification.boundary.CodeIssue;

/**
 * A login whose password was right and whose SMS code is awaited, kept in the (not yet
 * authenticated) session. It lapses after {@link #LIFETIME}: then the password is asked again.
 *
 * @param codeExpiresAt when the code sent lapses; null when none was sent (throttled)
 * @param retryAt when a new code may be asked for, if sending was throttled
 */
public record PendingLogin(
    String loginName,
    String displayName,
    Set<Role> roles,
    boolean mustChangePassword,
    boolean passwordAgeWarning,
    String phoneHint,
    Instant startedAt,
    Instant codeExpiresAt,
    Instant retryAt)
    implements Serializable {

  public static final String ATTRIBUTE = "org.jimoto.web.resident.pendingLogin";
  static final Duration LIFETIME = Duration.ofMinutes(15);

  public PendingLogin {
    roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
  }

  public static PendingLogin of(
      LoginOutcome.Authenticated ok, String phoneHint, Instant now, CodeIssue issue) {
    return new PendingLogin(
            ok.loginName(),
            ok.displayName(),
            ok.roles(),
            ok.mustChangePassword(),
            ok.passwordAgeWarning(),
            phoneHint,
            now,
            null,
            null)
        .after(issue);
  }

  /** The same login after another send (or a throttled one). */
  public PendingLogin after(CodeIssue issue) {
    if (issue instanceof CodeIssue.Sent sent) {
      return new PendingLogin(
          loginName,
          displayName,
          roles,
          mustChangePassword,
          passwordAgeWarning,
          phoneHint,
          startedAt,
          sent.expiresAt(),
          null);
    }
    return new PendingLogin(
        loginName,
        displayName,
        roles,
        mustChangePassword,
        passwordAgeWarning,
        phoneHint,
        startedAt,
        codeExpiresAt,
        ((CodeIssue.Throttled) issue).retryAt());
  }

  /** The pending login of a session, unless none or lapsed. */
  public static Optional<PendingLogin> in(HttpSession session, Instant now) {
    if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof PendingLogin p)) {
      return Optional.empty();
    }
    if (!now.isBefore(p.startedAt().plus(LIFETIME))) {
      session.removeAttribute(ATTRIBUTE);
      return Optional.empty();
    }
    return Optional.of(p);
  }

  public LoginOutcome.Authenticated outcome() {
    return new LoginOutcome.Authenticated(
        loginName, displayName, roles, mustChangePassword, passwordAgeWarning);
  }
}
