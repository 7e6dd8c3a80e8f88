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
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Inject DatabaseMigrator migrator;

  @Override
  public HealthCheckResponse call() {
    boolean reachable = migrator.isDatabaseReachable();
    int pending = reachable ? migrator.pendingMigrations() : -1;
    boolean up = reachable && migrator.isMigrated() && pending == 0;
    return HealthCheckResponse.named("jimoto-database")
        .status(up)
        .withData("database", migrator.databaseProduct())
        .withData("reachable", reachable)
        .withData("migrated", migrator.isMigrated())
        .withData("pendingMigrations", pending)
        .withData("schemaVersion", migrator.schemaVersion())
        .build();
  }
}
