package org.jimoto.identity.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Login throttling (ログイン試行の制限), issue #8 finding 4. Three counters of wrong passwords, all kept for
 * a login name whether or not an account has it, so the answers never tell which names exist:
 *
 * <ul>
 *   <li><b>name from one address</b>: {@code pairLimit} failures within the window block that
 *       address from that login name for the window. An attacker locks out only himself: the owner,
 *       elsewhere, still gets in.
 *   <li><b>address</b>: {@code addressLimit} failures over any names within the window block the
 *       address for the window (password spraying).
 *   <li><b>name from everywhere</b>: beyond {@code accountFreeFailures} failures within the window,
 *       each further one delays the next attempt at that name by a growing time (1 s, 2 s, 4 s ...
 *       at most {@code maxDelay}): a guesser with many addresses is slowed to a crawl. The delay
 *       does not apply from an address this name logged in from within 30 days, nor to a device
 *       that logged in to it within 90 days ({@link KnownDevices}), so the owner is not kept out by
 *       it, also on a new network or after a restart.
 *   <li><b>attempts per address</b>: at most {@code attemptsPerMinute} checked passwords a minute
 *       from one address, right or wrong, so one client looping logins cannot take the bounded
 *       password-check slots ({@link HashingLimit}) from everybody else.
 * </ul>
 *
 * Kept in this server's memory (bounded; idle entries expire after the window). Once several
 * servers run, each counts its own attempts, so the limits apply per server.
 */
@ApplicationScoped
public class LoginThrottle {

  private static final int MAX_ENTRIES = 200_000;

  @Inject
  @ConfigProperty(name = "jimoto.login.max-failures")
  int pairLimit;

  @Inject
  @ConfigProperty(name = "jimoto.login.address-max-failures")
  int addressLimit;

  @Inject
  @ConfigProperty(name = "jimoto.login.account-free-failures")
  int accountFreeFailures;

  @Inject
  @ConfigProperty(name = "jimoto.login.window-minutes")
  int windowMinutes;

  @Inject
  @ConfigProperty(name = "jimoto.login.account-max-delay-seconds")
  int maxDelaySeconds;

  @Inject
  @ConfigProperty(name = "jimoto.login.address-attempts-per-minute")
  int attemptsPerMinute;

  private Duration window;
  private Duration maxDelay;
  private ConcurrentMap<String, Counter> counters;
  private ConcurrentMap<String, Counter> attempts;
  private ConcurrentMap<String, Instant> goodAddresses;

  /** Failures of one key since {@code windowStart}; no attempt is heard before {@code until}. */
  private record Counter(int failures, Instant windowStart, Instant until) {}

  LoginThrottle() {}

  /** For tests: the policy without CDI. */
  public LoginThrottle(
      int pairLimit,
      int addressLimit,
      int accountFreeFailures,
      Duration window,
      Duration maxDelay,
      int attemptsPerMinute) {
    this.pairLimit = pairLimit;
    this.addressLimit = addressLimit;
    this.accountFreeFailures = accountFreeFailures;
    this.windowMinutes = (int) window.toMinutes();
    this.maxDelaySeconds = (int) maxDelay.toSeconds();
    this.attemptsPerMinute = attemptsPerMinute;
    init();
  }

  @PostConstruct
  void init() {
    if (pairLimit < 1
        || addressLimit < 1
        || accountFreeFailures < 0
        || windowMinutes < 1
        || attemptsPerMinute < 1) {
      throw new IllegalStateException("jimoto.login.*: limits >= 1 and a window >= 1 minute");
    }
    window = Duration.ofMinutes(windowMinutes);
    maxDelay = Duration.ofSeconds(Math.max(1, maxDelaySeconds));
    Cache<String, Counter> cache =
        Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterAccess(window).build();
    counters = cache.asMap();
    attempts =
        Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterAccess(Duration.ofMinutes(2))
            .<String, Counter>build()
            .asMap();
    goodAddresses =
        Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterWrite(Duration.ofDays(30))
            .<String, Instant>build()
            .asMap();
  }

  /**
   * Whether an attempt at {@code loginKey} from {@code address} is to be refused unheard (no
   * password check).
   */
  public boolean refuses(String loginKey, String address, Instant now) {
    return refuses(loginKey, address, now, false);
  }

  /**
   * The same for a device that proved it logged in to this name before ({@link KnownDevices}): the
   * name's growing delay does not apply to it, as to an address the name logged in from.
   */
  public boolean refuses(String loginKey, String address, Instant now, boolean knownDevice) {
    return blocked(pairKey(loginKey, address), now)
        || blocked(addressKey(address), now)
        || (blocked(nameKey(loginKey), now)
            && !knownDevice
            && !goodAddresses.containsKey(pairKey(loginKey, address)))
        || blocked(rateKey(address), now);
  }

  /** Counts a password check about to run from {@code address} (right or wrong). */
  public void attempted(String address, Instant now) {
    attempts.compute(
        rateKey(address),
        (k, old) -> {
          boolean open = old != null && now.isBefore(old.windowStart().plus(Duration.ofMinutes(1)));
          int n = open ? old.failures() + 1 : 1;
          Instant start = open ? old.windowStart() : now;
          Instant until = n >= attemptsPerMinute ? start.plus(Duration.ofMinutes(1)) : null;
          return new Counter(n, start, until);
        });
  }

  /**
   * Counts a wrong password.
   *
   * @return true when this failure blocked the address (for that name or for all): worth an audit
   *     record
   */
  public boolean failed(String loginKey, String address, Instant now) {
    boolean pairBlocked = count(pairKey(loginKey, address), now, pairLimit, n -> window);
    boolean addressBlocked = count(addressKey(address), now, addressLimit, n -> window);
    count(nameKey(loginKey), now, accountFreeFailures + 1, this::delayAfter);
    return pairBlocked || addressBlocked;
  }

  /** The right password: this name's counters start again; the address's spraying count stays. */
  public void succeeded(String loginKey, String address, Instant now) {
    counters.remove(pairKey(loginKey, address));
    counters.remove(nameKey(loginKey));
    goodAddresses.put(pairKey(loginKey, address), now);
  }

  /**
   * The city issued a new password for this name (#11, R-62): its failures from every address are
   * forgotten, so the owner is not kept out by a lockout earned with the old password. This
   * server's counters only (see the class comment); the address counters stay (spraying).
   */
  public void forget(String loginKey) {
    counters.remove(nameKey(loginKey));
    String pairs = pairKey(loginKey, "");
    counters.keySet().removeIf(k -> k.startsWith(pairs));
  }

  /** 1 s after the first failure beyond the free ones, doubling, at most {@code maxDelay}. */
  Duration delayAfter(int failures) {
    int beyond = failures - accountFreeFailures - 1;
    if (beyond >= 30) {
      return maxDelay;
    }
    Duration delay = Duration.ofSeconds(1L << Math.max(0, beyond));
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  private boolean blocked(String key, Instant now) {
    Counter c = (key.startsWith("r") ? attempts : counters).get(key);
    return c != null && c.until() != null && now.isBefore(c.until());
  }

  /**
   * One more failure of {@code key}; from the {@code limit}-th within the window on, no attempt is
   * heard for {@code blockFor(failures)}.
   *
   * @return true when this failure is the {@code limit}-th: a block starts
   */
  private boolean count(String key, Instant now, int limit, IntFunction<Duration> blockFor) {
    Counter updated =
        counters.compute(
            key,
            (k, old) -> {
              boolean open = old != null && now.isBefore(old.windowStart().plus(window));
              int failures = open ? old.failures() + 1 : 1;
              Instant start = open ? old.windowStart() : now;
              Instant until = failures >= limit ? now.plus(blockFor.apply(failures)) : null;
              return new Counter(failures, start, until);
            });
    return updated.failures() == limit;
  }

  private static String pairKey(String loginKey, String address) {
    return "p\u0000" + loginKey + "\u0000" + address;
  }

  private static String addressKey(String address) {
    return "a\u0000" + address;
  }

  private static String rateKey(String address) {
    return "r\u0000" + address;
  }

  private static String nameKey(String loginKey) {
    return "n\u0000" + loginKey;
  }
}
