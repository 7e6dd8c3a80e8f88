package org.jimoto.identity.control;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The table of "keep me signed in" tokens (V7). A token is {@code selector:validator}: the selector
 * (96 random bits) finds the row, the validator (256 random bits) proves it; only the validator's
 * SHA-256 is stored and compared in constant time. A fast hash is right here, as for terminal
 * credentials: the secret has full entropy.
 */
@Stateless
public class RememberMeTokens {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  @PersistenceContext EntityManager em;

  /** A row's account, once its validator matched and it has not expired. */
  public Optional<Long> accountOf(String token, LocalDateTime now) {
    Optional<Parts> parts = Parts.parse(token);
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT user_id, validator_hash, expires_at FROM remember_me_token"
                    + " WHERE selector = ?1")
            .setParameter(1, parts.get().selector())
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] row = rows.get(0);
    boolean matches =
        MessageDigest.isEqual(
            sha256(parts.get().validator()).getBytes(StandardCharsets.US_ASCII),
            ((String) row[1]).getBytes(StandardCharsets.US_ASCII));
    LocalDateTime expires = toLocalDateTime(row[2]);
    if (!matches || !expires.isAfter(now)) {
      return Optional.empty();
    }
    em.createNativeQuery("UPDATE remember_me_token SET last_used_at = ?1 WHERE selector = ?2")
        .setParameter(1, now)
        .setParameter(2, parts.get().selector())
        .executeUpdate();
    return Optional.of(((Number) row[0]).longValue());
  }

  /**
   * A new token for one device of the account. The account's expired tokens go, and beyond {@code
   * maxDevices} its least recently created ones (a limit on everything).
   */
  public String issue(long accountId, LocalDateTime now, LocalDateTime expires, int maxDevices) {
    em.createNativeQuery("DELETE FROM remember_me_token WHERE user_id = ?1 AND expires_at <= ?2")
        .setParameter(1, accountId)
        .setParameter(2, now)
        .executeUpdate();
    @SuppressWarnings("unchecked")
    List<String> selectors =
        em.createNativeQuery(
                "SELECT selector FROM remember_me_token WHERE user_id = ?1"
                    + " ORDER BY created_at DESC, selector")
            .setParameter(1, accountId)
            .getResultList();
    for (String old :
        selectors.subList(Math.min(selectors.size(), maxDevices - 1), selectors.size())) {
      delete(old);
    }
    String selector = random(12);
    String validator = random(32);
    em.createNativeQuery(
            "INSERT INTO remember_me_token (selector, validator_hash, user_id, created_at,"
                + " expires_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, selector)
        .setParameter(2, sha256(validator))
        .setParameter(3, accountId)
        .setParameter(4, now)
        .setParameter(5, expires)
        .executeUpdate();
    return selector + ":" + validator;
  }

  /** The one device's token (logout); a malformed or unknown token changes nothing. */
  public void revoke(String token) {
    Parts.parse(token).ifPresent(p -> delete(p.selector()));
  }

  /** Every device of the account (password change, R-62). */
  public int revokeAll(long accountId) {
    return em.createNativeQuery("DELETE FROM remember_me_token WHERE user_id = ?1")
        .setParameter(1, accountId)
        .executeUpdate();
  }

  private void delete(String selector) {
    em.createNativeQuery("DELETE FROM remember_me_token WHERE selector = ?1")
        .setParameter(1, selector)
        .executeUpdate();
  }

  /** The two halves of a cookie value; anything else (too long, wrong alphabet) is no token. */
  record Parts(String selector, String validator) {
    static Optional<Parts> parse(String token) {
      if (token == null || token.length() > 100) {
        return Optional.empty();
      }
      int colon = token.indexOf(':');
      if (colon < 1 || colon == token.length() - 1) {
        return Optional.empty();
      }
      String selector = token.substring(0, colon);
      String validator = token.substring(colon + 1);
      if (selector.length() > 32 || !base64Url(selector) || !base64Url(validator)) {
        return Optional.empty();
      }
      return Optional.of(new Parts(selector, validator));
    }

    private static boolean base64Url(String s) {
      return s.chars()
          .allMatch(
              c ->
                  (c >= 'A' && c <= 'Z')
                      || (c >= 'a' && c <= 'z')
                      || (c >= '0' && c <= '9')
                      || c == '-'
                      || c == '_');
    }
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return B64.encodeToString(b);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static LocalDateTime toLocalDateTime(Object value) {
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime();
    }
    return (LocalDateTime) value;
  }
}
