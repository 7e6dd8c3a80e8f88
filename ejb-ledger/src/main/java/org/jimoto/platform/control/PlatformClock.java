package org.jimoto.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.ZoneId;

/**
 * The platform's clock. All business time is Asia/Tokyo (fiscal years, closes, expiry dates); tests
 * replace the clock with an {@code @Alternative} to move time.
 */
@ApplicationScoped
public class PlatformClock {

  public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

  @Produces
  @ApplicationScoped
  Clock clock() {
    return Clock.system(ZONE);
  }
}
