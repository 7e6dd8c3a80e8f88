package org.jimoto.resident.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;

/**
 * the short-lived code an app member shows as a QR for the shop to scan. A new token replaces
 * the previous one.
 */
@Stateless
public class PayTokens {

  public static final Duration VALIDITY = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  public String issue(long residentId) {
    return issue(residentId, VALIDITY);
  }

  public String issue(long residentId, Duration validity) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = "P" + HexFormat.of().formatHex(bytes);
    int updated =
        em.createNativeQuery(
                "UPDATE resident SET pay_token = ?1, pay_token_expires_at = ?2"
                    + " WHERE id = ?3 AND membership = 'APP'")
            .setParameter(1, token)
            .setParameter(2, LocalDateTime.now(clock).plus(validity))
            .setParameter(3, residentId)
            .executeUpdate();
    if (updated != 1) {
      throw new IllegalArgumentException("no app member " + residentId);
    }
    return token;
  }
}
