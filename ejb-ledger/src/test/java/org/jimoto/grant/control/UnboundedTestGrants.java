package org.jimoto.grant.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Test-only: a grant without the city's grant bounds, for tests that need money or gift
 * value, or value granted before today, to exist. Lives only in the test tree, never a public
 * boundary of the application (#11 review 2).
 */
@Stateless(name = "UnboundedTestGrants")
public class UnboundedTestGrants {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;
  @Inject AuditLog audit;

  public CreditView grant(
      long residentId, String serviceCode, long amountYen, LocalDate expiresOn, String reason) {
    try (Connection c = dataSource.getConnection()) {
      return GrantProcessor.credit(
          c,
          LocalDateTime.now(clock),
          audit,
          null,
          false,
          residentId,
          serviceCode,
          amountYen,
          expiresOn,
          "test",
          reason);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
