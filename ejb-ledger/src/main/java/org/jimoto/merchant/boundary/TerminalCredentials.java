package org.jimoto.merchant.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * API credentials of POS terminals. The secret is 256 random bits shown once; only its SHA-256 is
 * stored. A fast hash is right here (unlike passwords): the secret has full entropy, and every
 * payment request is checked against it.
 *
 * <p>A CDI bean, not an EJB: every POS request passes through {@link #authenticate}, and almost
 * always ends at the in-memory cache, where an EJB call would cost more than the check itself. It
 * reads with JDBC, because a CDI bean called from a web module cannot reach this module's
 * persistence unit.
 */
@ApplicationScoped
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

  /**
   * The authenticated terminal.
   *
   * @param suspended suspended for guessing card numbers (#8 finding 5): its requests are refused
   */
  public record AuthenticatedTerminal(
      long terminalId, String terminalCode, long shopId, boolean suspended) {}

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /** Issues a new secret for the terminal (replacing the old one) and returns it. */
  @Transactional
  public String issue(String terminalCode) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = HexFormat.of().formatHex(bytes);
    int updated;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("UPDATE terminal SET api_secret_sha256 = ? WHERE code = ?")) {
      ps.setString(1, sha256(secret));
      ps.setString(2, terminalCode);
      updated = ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (updated != 1) {
      throw new IllegalArgumentException("no terminal " + terminalCode);
    }
    VERIFIED.keySet().removeIf(k -> k.startsWith(terminalCode + ":"));
    return secret;
  }

  /**
   * Makes the terminal's next request on this node read its state again (after a suspension or its
   * lifting). Other nodes see the change within {@link #CACHE_MILLIS}; the payment itself checks
   * the suspension in the database on every node.
   */
  public static void forget(long terminalId) {
    VERIFIED.values().removeIf(cached -> cached.terminal().terminalId() == terminalId);
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
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, code, shop_id, api_secret_sha256, suspended_at FROM terminal"
                    + " WHERE code = ? AND active = TRUE")) {
      ps.setString(1, terminalCode);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getString(4) == null) {
          return Optional.empty();
        }
        boolean match =
            MessageDigest.isEqual(
                sha256(secret).getBytes(StandardCharsets.US_ASCII),
                rs.getString(4).getBytes(StandardCharsets.US_ASCII));
        return match
            ? Optional.of(
                new AuthenticatedTerminal(
                    rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getTimestamp(5) != null))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
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
