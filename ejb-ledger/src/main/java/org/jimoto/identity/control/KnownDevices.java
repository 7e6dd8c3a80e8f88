package org.jimoto.identity.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Known devices (ログイン済み端末), #8 finding 4: a device that logged in to a name gets a signed token (a
 * cookie) that lets it past the growing delay {@link LoginThrottle} puts on a name under attack.
 * Without it, a few attacker addresses kept an owner out from every new network, and from every
 * address after a restart (the throttle's memory of good addresses is per server and volatile).
 *
 * <p>The token is {@code 1.<day>.<mac>}: the day it was issued and an HMAC-SHA256 over the login
 * key and that day, with a key the servers share through the database. It is valid for {@link
 * #VALID} and names no one; it grants nothing but the skipping of the delay (the password is still
 * checked, and the per-address limits still hold).
 */
@ApplicationScoped
public class KnownDevices {

  public static final Duration VALID = Duration.ofDays(90);
  private static final String SECRET_NAME = "known-device";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  private volatile byte[] key;

  KnownDevices() {}

  /** For tests: a fixed key, no database. */
  public KnownDevices(byte[] key) {
    this.key = key.clone();
  }

  /** A fresh token for a device that just logged in to {@code loginKey}. */
  public String issue(String loginKey, Instant now) {
    long day = now.getEpochSecond() / 86_400;
    return "1." + day + "." + mac(loginKey, day);
  }

  /** Whether {@code token} was issued to a device for {@code loginKey} within {@link #VALID}. */
  public boolean vouchFor(String token, String loginKey, Instant now) {
    if (token == null || token.length() > 80) {
      return false;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !"1".equals(parts[0])) {
      return false;
    }
    long day;
    try {
      day = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return false;
    }
    long today = now.getEpochSecond() / 86_400;
    if (day > today || today - day > VALID.toDays()) {
      return false;
    }
    return MessageDigest.isEqual(
        mac(loginKey, day).getBytes(StandardCharsets.US_ASCII),
        parts[2].getBytes(StandardCharsets.US_ASCII));
  }

  private String mac(String loginKey, long day) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key(), "HmacSHA256"));
      byte[] full = hmac.doFinal((loginKey + "\u0000" + day).getBytes(StandardCharsets.UTF_8));
      return B64.encodeToString(Arrays.copyOf(full, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] key() {
    byte[] k = key;
    if (k == null) {
      synchronized (this) {
        if (key == null) {
          key = loadOrCreate();
        }
        k = key;
      }
    }
    return k;
  }

  /** The shared key; the first server to need it creates it, a racing one reads the winner's. */
  private byte[] loadOrCreate() {
    try (Connection c = dataSource.getConnection()) {
      byte[] found = read(c);
      if (found != null) {
        return found;
      }
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO platform_secret (name, secret, created_at) VALUES (?, ?, ?)")) {
        ps.setString(1, SECRET_NAME);
        ps.setString(2, Base64.getEncoder().encodeToString(fresh));
        ps.setTimestamp(3, Timestamp.from(Instant.now()));
        ps.executeUpdate();
      } catch (SQLException lostTheRace) {
        found = read(c);
        if (found != null) {
          return found;
        }
        throw lostTheRace;
      }
      return fresh;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the known-device key: " + e.getMessage(), e);
    }
  }

  private static byte[] read(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT secret FROM platform_secret WHERE name = ?")) {
      ps.setString(1, SECRET_NAME);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Base64.getDecoder().decode(rs.getString(1)) : null;
      }
    }
  }
}
