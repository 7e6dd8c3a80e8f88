package org.jimoto.identity.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds how many password hashes run at once (issue #8 finding 3). A PBKDF2 check costs a core for
 * a fifth of a second by design; unbounded, 64 parallel logins would take every core and request
 * thread from the payments. An attempt beyond the bound is not queued: it is answered at once as
 * busy (HTTP 429).
 */
@ApplicationScoped
public class HashingLimit {

  /** 0 = half the cores, at least one. */
  @Inject
  @ConfigProperty(name = "jimoto.login.max-concurrent-hashes")
  int configured;

  private Semaphore slots;

  @PostConstruct
  void init() {
    int permits =
        configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    slots = new Semaphore(permits);
  }

  /**
   * The answer of {@code hashing} (work around one password hash), or empty when every slot is
   * taken.
   */
  public <T> Optional<T> tryRun(Supplier<T> hashing) {
    if (!slots.tryAcquire()) {
      return Optional.empty();
    }
    try {
      return Optional.of(hashing.get());
    } finally {
      slots.release();
    }
  }
}
