package org.jimoto.notification.control;

import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At most {@code jimoto.otp.phone-max-sends-per-hour} codes to one phone number an hour, whatever
 * they are for: sign-ups and inquiries name phones freely, and must not make this server a tool to
 * flood someone's phone. Kept in memory (bounded), per server, like the login throttle.
 */
@ApplicationScoped
public class PhoneSendLimit {

  private static final int MAX_ENTRIES = 100_000;

  @Inject
  @ConfigProperty(name = "jimoto.otp.phone-max-sends-per-hour", defaultValue = "10")
  int maxPerHour;

  private ConcurrentMap<String, Window> windows;

  private record Window(Instant start, int sends) {}

  PhoneSendLimit() {}

  /** For tests: the limit without CDI. */
  public PhoneSendLimit(int maxPerHour) {
    this.maxPerHour = maxPerHour;
    init();
  }

  @PostConstruct
  void init() {
    windows =
        Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterWrite(Duration.ofHours(1))
            .<String, Window>build()
            .asMap();
  }

  /**
   * Counts a send to {@code phone} if the hour's limit allows it.
   *
   * @return empty when counted (send it); else when the next send is allowed
   */
  public Optional<Instant> take(String phone, Instant now) {
    var refused = new AtomicReference<Instant>();
    windows.compute(
        phone,
        (k, old) -> {
          if (old == null || !now.isBefore(old.start().plus(Duration.ofHours(1)))) {
            return new Window(now, 1);
          }
          if (old.sends() >= maxPerHour) {
            refused.set(old.start().plus(Duration.ofHours(1)));
            return old;
          }
          return new Window(old.start(), old.sends() + 1);
        });
    return Optional.ofNullable(refused.get());
  }

  /** A code sent to {@code phone} was typed right: its owner has it, the count starts again. */
  public void forget(String phone) {
    windows.remove(phone);
  }
}
