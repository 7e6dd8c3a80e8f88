package org.jimoto.merchant.boundary;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API credentials of POS terminals. The secret is 256 random bits shown once; only its SHA-256 is
 * stored. A fast hash is right here (unlike passwords): the secret has full entropy, and every
 * payment request is checked against it.
 */
@Stateless
public class TerminalCredentials {

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Verified credentials, kept briefly: a POS sends every payment with its credential, and a
   * database round trip per request would cost more than the payment's own ledger work. A new or
   * revoked secret takes effect within this time.
   */
  static final long CACHE_MILLIS = 30_000;

  private record Cached(AuthenticatedTerminal terminal, long untilMillis) {}

  private static final java.util.Map<String, Cached> VERIFIED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The authenticated terminal. */
  public record AuthenticatedTerminal(long terminalId, String terminalCode, long shopId) {}

  @PersistenceContext EntityManager em;

  /** Issues a new secret for the terminal (replacing the old one) and returns it. */
  public String issue(String terminalCode) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = HexFormat.of().formatHex(bytes);
    int updated =
        em.createNativeQuery("UPDATE terminal SET api_secret_sha256 = ?1 WHERE code = ?2")
            .setParameter(1, sha256(secret))
            .setParameter(2, terminalCode)
            .executeUpdate();
    if (updated != 1) {
      throw new IllegalArgumentException("no terminal " + terminalCode);
    }
    VERIFIED.keySet().removeIf(k -> k.startsWith(terminalCode + ":"));
    return secret;
  }

  public Optional<AuthenticatedTerminal> authenticate(String terminalCode, String secret) {
    if (terminalCode == null || secret == null || secret.length() > 200) {
      return Optional.empty();
    }
    String key = terminalCode + ":" + sha256(secret);
    Cached cached = VERIFIED.get(key);
    if (cached != null && cached.untilMillis() > System.currentTimeMillis()) {
      return Optional.of(cached.terminal());
    }
    Optional<AuthenticatedTerminal> verified = verify(terminalCode, secret);
    verified.ifPresentOrElse(
        t -> {
          if (VERIFIED.size() > 100_000) {
            VERIFIED.clear(); // bounded: at worst everyone is verified once more
          }
          VERIFIED.put(key, new Cached(t, System.currentTimeMillis() + CACHE_MILLIS));
        },
        () -> VERIFIED.remove(key));
    return verified;
  }

  private Optional<AuthenticatedTerminal> verify(String terminalCode, String secret) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, code, shop_id, api_secret_sha256 FROM terminal WHERE code = ?1"
                    + " AND active = TRUE")
            .setParameter(1, terminalCode)
            .getResultList();
    if (rows.isEmpty() || rows.get(0)[3] == null) {
      return Optional.empty();
    }
    Object[] row = rows.get(0);
    boolean match =
        MessageDigest.isEqual(
            sha256(secret).getBytes(StandardCharsets.US_ASCII),
            ((String) row[3]).getBytes(StandardCharsets.US_ASCII));
    return match
        ? Optional.of(
            new AuthenticatedTerminal(
                ((Number) row[0]).longValue(), (String) row[1], ((Number) row[2]).longValue()))
        : Optional.empty();
  }

  static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
