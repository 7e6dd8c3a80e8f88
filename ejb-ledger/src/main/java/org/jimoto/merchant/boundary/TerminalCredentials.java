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
   * Verified credentials of payments, kept briefly: a POS sends every payment with its credential,
   * and a database round trip per payment just for it would cost more than the payment's own ledger
   * work. Safe because the payment reads the terminal's row itself.
   */
  static final long CACHE_MILLIS = 30_000;

  private record Cached(AuthenticatedTerminal terminal, long untilMillis) {}

  private static final java.util.Map<String, Cached> VERIFIED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The authenticated terminal.
   *
   * @param active false once retired: its requests are refused (TERMINAL_INACTIVE)
   * @param suspended suspended for guessing card numbers (#8 finding 5): its requests are refused
   * @param credentialSha256 the SHA-256 of the secret it presented, for the payment's own check
   */
  public record AuthenticatedTerminal(
      long terminalId,
      String terminalCode,
      long shopId,
      boolean active,
      boolean suspended,
      String credentialSha256) {}

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
   * Revokes the terminal's credential: no secret opens it any more, from its next request on (a
   * payment compares the credential in its own first statement).
   *
   * @return false if the terminal had none (or there is no such terminal)
   */
  @Transactional
  public boolean revoke(String terminalCode) {
    int updated;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE terminal SET api_secret_sha256 = NULL"
                    + " WHERE code = ? AND api_secret_sha256 IS NOT NULL")) {
      ps.setString(1, terminalCode);
      updated = ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    VERIFIED.keySet().removeIf(k -> k.startsWith(terminalCode + ":"));
    return updated == 1;
  }

  /**
   * Makes the terminal's next payment on this node read its state again (after a suspension or its
   * lifting). Other requests always read it; a payment checks the terminal's row in its own
   * statement on every node.
   */
  public static void forget(long terminalId) {
    VERIFIED.values().removeIf(cached -> cached.terminal().terminalId() == terminalId);
  }

  /**
   * The terminal a POS request comes from.
   *
   * @param cacheWillDo true for a payment: it may be answered from this node's cache, because the
   *     payment itself reads the terminal's row again (retired, suspended, credential replaced) in
   *     its first statement. Every other request reads the row here, so a retired terminal or a
   *     replaced credential stops at its next request on every server (#8 finding 10).
   */
  public Optional<AuthenticatedTerminal> authenticate(
      String terminalCode, String secret, boolean cacheWillDo) {
    if (terminalCode == null || secret == null || secret.length() > 200) {
      return Optional.empty();
    }
    String key = terminalCode + ":" + sha256(secret);
    Cached cached = cacheWillDo ? VERIFIED.get(key) : null;
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
                "SELECT id, code, shop_id, api_secret_sha256, suspended_at, active FROM terminal"
                    + " WHERE code = ?")) {
      ps.setString(1, terminalCode);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getString(4) == null) {
          return Optional.empty();
        }
        String presented = sha256(secret);
        boolean match =
            MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.US_ASCII),
                rs.getString(4).getBytes(StandardCharsets.US_ASCII));
        return match
            ? Optional.of(
                new AuthenticatedTerminal(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getBoolean(6),
                    rs.getTimestamp(5) != null,
                    presented))
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
