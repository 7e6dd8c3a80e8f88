package org.jimoto.identity.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.control.HashingLimit;
import org.jimoto.identity.control.KnownDevices;
import org.jimoto.identity.control.LoginRecords;
import org.jimoto.identity.control.LoginThrottle;
import org.jimoto.identity.control.PasswordPolicy;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.UserAccount;

/**
 * Checks a portal's login against that portal's accounts only.
 *
 * <p>Runs outside any transaction (#8 finding 3): the account is read in a short transaction of its
 * own, the PBKDF2 check then runs holding neither a connection nor a lock, within {@link
 * HashingLimit}'s bound, and its result is written in another short transaction. Wrong passwords
 * are throttled by {@link LoginThrottle} (finding 4).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LoginService {

  /** a password older than this shows a warning after login. */
  static final Duration PASSWORD_MAX_AGE = Duration.ofDays(90);

  /**
   * R-62, #11 review finding 1: a password the city issued (approval mail, staff create or reset)
   * works this long; after it, the login is refused and the person asks for a reset.
   */
  public static final Duration TEMPORARY_PASSWORD_VALIDITY = Duration.ofDays(7);

  /** How long a device stays known to a name it logged in to (#8 finding 4). */
  public static final Duration KNOWN_DEVICE_LIFETIME = KnownDevices.VALID;

  @Inject PasswordHasher hasher;
  @Inject Clock clock;
  @Inject AuditLog audit;
  @Inject LoginThrottle throttle;
  @Inject HashingLimit hashing;
  @Inject LoginRecords records;
  @Inject KnownDevices devices;

  private static volatile String dummyHash;

  /**
   * @param clientAddress the address the attempt came from, for the throttle
   */
  public LoginOutcome authenticate(
      Portal portal, String loginName, char[] password, String clientAddress) {
    return authenticate(portal, loginName, password, clientAddress, null);
  }

  /**
   * The same from a device that may carry a known-device token ({@link #knownDeviceToken}): with a
   * valid one for this name, the name's growing delay under attack does not apply (#8 finding 4).
   */
  public LoginOutcome authenticate(
      Portal portal, String loginName, char[] password, String clientAddress, String deviceToken) {
    String name = normalize(loginName);
    String key = portal.name() + ":" + name;
    String address = clientAddress == null ? "" : clientAddress;
    var now = clock.instant();
    boolean knownDevice = deviceToken != null && devices.vouchFor(deviceToken, key, now);
    if (throttle.refuses(key, address, now, knownDevice)) {
      return new LoginOutcome.Throttled();
    }
    // The slot is taken before the account is read, so a flood beyond the bound costs no query.
    Optional<Check> checked = hashing.tryRun(() -> check(portal, name, password, address, now));
    if (checked.isEmpty()) {
      return new LoginOutcome.Busy();
    }
    if (!checked.get().accepted()) {
      boolean blocked = throttle.failed(key, address, now);
      checked.get().account().ifPresent(a -> records.failed(a.getId()));
      if (blocked) {
        audit.record(portal, name, "LOGIN_THROTTLED", "address " + address);
      }
      return new LoginOutcome.InvalidCredentials();
    }
    UserAccount account = checked.get().account().orElseThrow();
    throttle.succeeded(key, address, now);
    LocalDateTime at = LocalDateTime.now(clock);
    if (temporaryPasswordExpired(account, at)) {
      // Told only to whoever knows the password: it names no account state to a guesser.
      audit.record(
          portal,
          name,
          "LOGIN_TEMPORARY_PASSWORD_EXPIRED",
          "issued " + account.getPasswordChangedAt());
      return new LoginOutcome.TemporaryPasswordExpired();
    }
    records.succeeded(account.getId(), at);
    boolean oldPassword = account.getPasswordChangedAt().plus(PASSWORD_MAX_AGE).isBefore(at);
    return new LoginOutcome.Authenticated(
        account.getLoginName(),
        account.getDisplayName(),
        account.getRoles(),
        account.isMustChangePassword(),
        oldPassword);
  }

  /**
   * an issued password not changed within {@link #TEMPORARY_PASSWORD_VALIDITY}. The first
   * administrator's is exempt: it never left the server (a 0600 file) and nobody could reset it.
   */
  static boolean temporaryPasswordExpired(UserAccount account, LocalDateTime now) {
    return account.isMustChangePassword()
        && !(account.getPortal() == Portal.ADMIN
            && FirstAdministrator.LOGIN.equals(account.getLoginName()))
        && account.getPasswordChangedAt().plus(TEMPORARY_PASSWORD_VALIDITY).isBefore(now);
  }

  /** The token that makes this device known to the name it just logged in to (a cookie). */
  public String knownDeviceToken(Portal portal, String loginName) {
    return devices.issue(portal.name() + ":" + normalize(loginName), clock.instant());
  }

  /**
   * A logged-in person sets a new password: the current one is checked like a login
   * (throttled, bounded), the new one against {@link PasswordPolicy}.
   */
  public PasswordChangeOutcome changePassword(
      Portal portal, String loginName, char[] current, char[] next, String clientAddress) {
    String name = normalize(loginName);
    String key = portal.name() + ":" + name;
    String address = clientAddress == null ? "" : clientAddress;
    var now = clock.instant();
    if (throttle.refuses(key, address, now)) {
      return new PasswordChangeOutcome.TryLater();
    }
    Optional<Check> checked = hashing.tryRun(() -> check(portal, name, current, address, now));
    if (checked.isEmpty()) {
      return new PasswordChangeOutcome.TryLater();
    }
    if (!checked.get().accepted()) {
      if (throttle.failed(key, address, now)) {
        audit.record(portal, name, "LOGIN_THROTTLED", "address " + address);
      }
      checked.get().account().ifPresent(a -> records.failed(a.getId()));
      return new PasswordChangeOutcome.WrongCurrentPassword();
    }
    UserAccount account = checked.get().account().orElseThrow();
    if (temporaryPasswordExpired(account, LocalDateTime.now(clock))) {
      // R-62, #11 review 2: an expired temporary password cannot set a permanent one (a session
      // opened before it expired included); the person asks for a new one.
      audit.record(
          portal,
          name,
          "PASSWORD_CHANGE_TEMPORARY_EXPIRED",
          "issued " + account.getPasswordChangedAt());
      return new PasswordChangeOutcome.TemporaryPasswordExpired();
    }
    String candidate = new String(next);
    var violations = PasswordPolicy.check(candidate, name, account.getDisplayName());
    if (candidate.equals(new String(current))) {
      violations.add(PasswordPolicy.Violation.SAME_AS_CURRENT);
    }
    if (!violations.isEmpty()) {
      return new PasswordChangeOutcome.Refused(violations);
    }
    records.changePassword(account.getId(), hasher.hash(next), LocalDateTime.now(clock));
    return new PasswordChangeOutcome.Changed();
  }

  /** The account of a login name, if any, and whether the password opens it. */
  private record Check(Optional<UserAccount> account, boolean accepted) {}

  /**
   * Accepted when {@code password} is the account's and it is enabled. Unknown logins get the same
   * work as real ones, so time does not tell which names exist.
   */
  private Check check(
      Portal portal, String name, char[] password, String address, java.time.Instant now) {
    throttle.attempted(address, now);
    Optional<UserAccount> found = records.find(portal, name);
    String hash = found.map(UserAccount::getPasswordHash).orElseGet(this::dummyHash);
    boolean matches = hasher.verify(password, hash);
    return new Check(found, matches && found.isPresent() && found.get().isEnabled());
  }

  /** Who is logged in, for the portal header and home page. */
  public Optional<AccountSummary> summary(Portal portal, String loginName) {
    return records
        .find(portal, normalize(loginName))
        .map(
            a ->
                new AccountSummary(
                    a.getLoginName(),
                    a.getDisplayName(),
                    a.getRoles(),
                    a.getPreviousLoginAt(),
                    a.getPasswordChangedAt(),
                    a.isMustChangePassword(),
                    a.isEnabled()));
  }

  /** Login names are matched case-insensitively (they are often e-mail addresses). */
  public static String normalize(String loginName) {
    return loginName == null ? "" : loginName.strip().toLowerCase(Locale.ROOT);
  }

  private String dummyHash() {
    if (dummyHash == null) {
      dummyHash = hasher.hash("not-a-real-password".toCharArray());
    }
    return dummyHash;
  }
}
