package org.jimoto.web.admin.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Readiness of the whole application ({@code /health/ready}): the database answers and every
 * migration has been applied. It lives in a web module because Payara's health endpoint only
 * collects checks from web modules of an EAR, not from the EJB jar.
 *
 * <p>The public endpoint says UP or DOWN only (#8 finding 9); what the database is and its schema
 * state are for the city's staff and local monitoring ({@link HealthDetailsServlet}).
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Inject DatabaseMigrator migrator;

  /** The state behind UP/DOWN. */
  public record Details(
      boolean up,
      String database,
      boolean reachable,
      boolean migrated,
      int pendingMigrations,
      String schemaVersion) {}

  public Details details() {
    boolean reachable = migrator.isDatabaseReachable();
    int pending = reachable ? migrator.pendingMigrations() : -1;
    boolean migrated = migrator.isMigrated();
    return new Details(
        reachable && migrated && pending == 0,
        migrator.databaseProduct(),
        reachable,
        migrated,
        pending,
        migrator.schemaVersion());
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("jimoto-database").status(details().up()).build();
  }
}
