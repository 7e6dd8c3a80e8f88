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
import java.util.Optional;
import org.jimoto.resident.control.ResidentLogins;

/**
 * the short-lived code an app member shows as a QR for the shop to scan. A new token replaces
 * the previous one.
 *
 * <p>The resident portal's "my QR" (#10 item 5) shows a single-use code: 16 random digits (53 bits,
 * valid {@link #VALIDITY}; a terminal that keeps reading unknown codes is suspended, #8 finding 5),
 * which the staff can also key in at the register when the camera fails. The payment that uses it
 * ends it (V16). The longer {@link #issue} tokens are for the demo data and tests, reusable until
 * they expire.
 */
@Stateless
public class PayTokens {

  public static final Duration VALIDITY = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Digits of a single-use code: not 8, which is a card's member code. */
  static final int SINGLE_USE_DIGITS = 16;

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** The code the resident portal shows, and until when it is valid. */
  public record QrCode(String code, LocalDateTime expiresAt) {}

  @Inject ResidentLogins logins;

  /**
   * A new single-use code for the logged-in app member (R-31, R-93: the resident is the login's),
   * replacing any previous code; empty for a login that is no app member.
   */
  public Optional<QrCode> issueSingleUse(String loginName) {
    Optional<Long> resident = logins.appMember(loginName);
    if (resident.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder digits = new StringBuilder(SINGLE_USE_DIGITS);
    for (int i = 0; i < SINGLE_USE_DIGITS; i++) {
      digits.append((char) ('0' + RANDOM.nextInt(10)));
    }
    LocalDateTime expires = LocalDateTime.now(clock).plus(VALIDITY).withNano(0);
    int updated =
        em.createNativeQuery(
                "UPDATE resident SET pay_token = ?1, pay_token_expires_at = ?2,"
                    + " pay_token_single_use = TRUE WHERE id = ?3 AND membership = 'APP'")
            .setParameter(1, digits.toString())
            .setParameter(2, expires)
            .setParameter(3, resident.get())
            .executeUpdate();
    return updated == 1 ? Optional.of(new QrCode(digits.toString(), expires)) : Optional.empty();
  }

  /**
   * Whether the login's code is still waiting to be used (not used, not replaced, not expired), for
   * the page that shows it to tell when the shop has read it.
   */
  public boolean isWaiting(String loginName, String code) {
    Optional<Long> resident = logins.appMember(loginName);
    if (resident.isEmpty() || code == null) {
      return false;
    }
    Number n =
        (Number)
            em.createNativeQuery(
                    "SELECT COUNT(*) FROM resident WHERE id = ?1 AND pay_token = ?2"
                        + " AND pay_token_expires_at > ?3")
                .setParameter(1, resident.get())
                .setParameter(2, code)
                .setParameter(3, LocalDateTime.now(clock))
                .getSingleResult();
    return n.longValue() > 0;
  }

  public String issue(long residentId) {
    return issue(residentId, VALIDITY);
  }

  public String issue(long residentId, Duration validity) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = "P" + HexFormat.of().formatHex(bytes);
    int updated =
        em.createNativeQuery(
                "UPDATE resident SET pay_token = ?1, pay_token_expires_at = ?2, pay_token_single_use = FALSE"
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
