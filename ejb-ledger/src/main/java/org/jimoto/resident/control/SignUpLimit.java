package org.jimoto.resident.control;

import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rate limits of sign-ups and mailed links (#10 acceptance): at most {@code
 * jimoto.signup.per-address-per-hour} sign-ups (and e-mail changes) an hour from one client
 * address, and at most {@code jimoto.signup.mails-per-address-per-hour} links an hour to one e-mail
 * address, so the form cannot be used to flood a mailbox. In memory, per server, like the login
 * throttle.
 */
@ApplicationScoped
public class SignUpLimit {

  @Inject
  @ConfigProperty(name = "jimoto.signup.per-address-per-hour", defaultValue = "10")
  int perClientAddress;

  @Inject
  @ConfigProperty(name = "jimoto.signup.mails-per-address-per-hour", defaultValue = "3")
  int perMailbox;

  private ConcurrentMap<String, Window> windows;

  private record Window(Instant start, int count) {}

  SignUpLimit() {}

  /** For tests: the limits without CDI. */
  public SignUpLimit(int perClientAddress, int perMailbox) {
    this.perClientAddress = perClientAddress;
    this.perMailbox = perMailbox;
    init();
  }

  @PostConstruct
  void init() {
    windows =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofHours(1))
            .<String, Window>build()
            .asMap();
  }

  /** Counts an attempt from a client address; false once its hour's limit is reached. */
  public boolean fromClient(String clientAddress, Instant now) {
    return take("c\u0000" + clientAddress, perClientAddress, now);
  }

  /** Counts a link mailed to an address; false once its hour's limit is reached. */
  public boolean toMailbox(String email, Instant now) {
    return take("m\u0000" + email, perMailbox, now);
  }

  private boolean take(String key, int limit, Instant now) {
    Window w =
        windows.compute(
            key,
            (k, old) -> {
              if (old == null || !now.isBefore(old.start().plus(Duration.ofHours(1)))) {
                return new Window(now, 1);
              }
              return new Window(old.start(), old.count() + 1);
            });
    return w.count() <= limit;
  }
}
