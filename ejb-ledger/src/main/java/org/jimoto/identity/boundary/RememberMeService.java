package org.jimoto.identity.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.Set;
import org.jimoto.identity.control.LoginRecords;
import org.jimoto.identity.control.RememberMeTokens;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.identity.entity.UserAccount;

/**
 * "Keep me signed in" for tills (#9 item 1): a shop account's till or tablet stays signed in across
 * browser restarts and an expired session, for {@link #LIFETIME} at most, each device with its own
 * token. Only shop accounts may (a till is a shop's); a business account, which sees every shop and
 * its payouts, and the other portals always log in afresh.
 *
 * <p>A token stops working when its device logs out, when the account's password is changed (every
 * device: {@link LoginRecords#changePassword}), when the city disables the account, or when it
 * expires.
 */
@Stateless
public class RememberMeService {

  /** How long a till stays signed in without a new login. */
  public static final Duration LIFETIME = Duration.ofDays(30);

  /** Devices kept signed in per account; the oldest makes room for a new one. */
  static final int MAX_DEVICES = 20;

  @Inject RememberMeTokens tokens;
  @Inject LoginRecords records;
  @Inject Clock clock;

  /** Whether the portal's login page offers the box at all. */
  public static boolean offeredIn(Portal portal) {
    return portal == Portal.MERCHANT;
  }

  /** Whether an account with these roles may stay signed in: shop accounts (tills) only. */
  public static boolean allowedFor(Portal portal, Set<Role> roles) {
    return offeredIn(portal) && roles.equals(Set.of(Role.SHOP_STAFF));
  }

  /**
   * A token for the device that just logged in, when the account may have one.
   *
   * @return the cookie value, or empty when the account may not stay signed in
   */
  public Optional<String> issue(Portal portal, String loginName) {
    Optional<UserAccount> account = records.find(portal, LoginService.normalize(loginName));
    if (account.isEmpty()
        || !account.get().isEnabled()
        || !allowedFor(portal, account.get().getRoles())
        // R-62, #11 review 2: an issued (temporary) password is changed before a device may stay
        // signed in, or the token would outlive the password's 7 days.
        || account.get().isMustChangePassword()) {
      return Optional.empty();
    }
    LocalDateTime now = LocalDateTime.now(clock);
    return Optional.of(tokens.issue(account.get().getId(), now, now.plus(LIFETIME), MAX_DEVICES));
  }

  /**
   * Signs a device in with its token: the token must be valid and unexpired, and its account of
   * this portal, enabled and still allowed to stay signed in, its temporary password (if any) not
   * expired. Counts as a login (previous login shown on the home page).
   */
  public Optional<LoginOutcome.Authenticated> authenticate(Portal portal, String token) {
    LocalDateTime now = LocalDateTime.now(clock);
    Optional<UserAccount> account =
        tokens.accountOf(token, now).flatMap(id -> Optional.ofNullable(records.byId(id)));
    if (account.isEmpty()
        || account.get().getPortal() != portal
        || !account.get().isEnabled()
        || !allowedFor(portal, account.get().getRoles())
        // R-62, #11 review 2: an expired temporary password opens nothing, a token included.
        || LoginService.temporaryPasswordExpired(account.get(), now)) {
      return Optional.empty();
    }
    UserAccount a = account.get();
    records.succeeded(a.getId(), now);
    return Optional.of(
        new LoginOutcome.Authenticated(
            a.getLoginName(),
            a.getDisplayName(),
            a.getRoles(),
            a.isMustChangePassword(),
            a.getPasswordChangedAt().plus(LoginService.PASSWORD_MAX_AGE).isBefore(now)));
  }

  /** The device logs out: its token stops working. */
  public void revoke(String token) {
    tokens.revoke(token);
  }
}
