package org.jimoto.resident.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * The resident a resident-portal login stands for: every resident screen reads and acts on
 * this resident only, found from the caller's login name, never from an id the page sent.
 */
@ApplicationScoped
public class ResidentLogins {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /** The app member of an enabled resident login; empty for any other login. */
  public Optional<Long> appMember(String loginName) {
    try (Connection c = dataSource.getConnection()) {
      return appMember(c, loginName);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** As {@link #appMember(String)}, on the caller's connection. */
  public static Optional<Long> appMember(Connection c, String loginName) throws SQLException {
    if (loginName == null || loginName.isBlank()) {
      return Optional.empty();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.id FROM user_account u JOIN resident r ON r.id = u.resident_id"
                + " WHERE u.portal = 'RESIDENT' AND u.login_name = ? AND u.enabled = TRUE"
                + " AND r.membership = 'APP'")) {
      ps.setString(1, loginName);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }
}
