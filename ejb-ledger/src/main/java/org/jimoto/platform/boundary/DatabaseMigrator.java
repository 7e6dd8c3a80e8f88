package org.jimoto.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Owns the application's data source and brings its schema up to date at start-up, before any other
 * bean touches the database (beans that read or write data declare
 * {@code @DependsOn("DatabaseMigrator")}).
 *
 * <p>The data source is defined here from MicroProfile Config, so the same EAR runs on the embedded
 * H2 or on PostgreSQL by environment variables alone ({@code JIMOTO_DB_URL}, ...). If the database
 * cannot be reached the deployment fails with a message that names the setting to fix.
 */
@DataSourceDefinition(
    name = DatabaseMigrator.DATA_SOURCE,
    className = "${MPCONFIG=jimoto.db.driver-class}",
    url = "${MPCONFIG=jimoto.db.url}",
    user = "${MPCONFIG=jimoto.db.user}",
    password = "${MPCONFIG=jimoto.db.password}",
    minPoolSize = 2,
    maxPoolSize = 32)
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigrator {

  public static final String DATA_SOURCE = "java:app/jdbc/jimoto";
  private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

  @Resource(lookup = DATA_SOURCE)
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "jimoto.db.url")
  String databaseUrl;

  private volatile int appliedVersionCount;
  private volatile String schemaVersion = "none";
  private volatile boolean migrated;
  private volatile String databaseProduct = "unknown";

  @PostConstruct
  void migrate() {
    verifyReachable();
    MigrateResult result =
        Flyway.configure(getClass().getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    appliedVersionCount = result.migrationsExecuted;
    schemaVersion =
        result.targetSchemaVersion != null ? result.targetSchemaVersion : currentVersion();
    migrated = true;
    LOG.info(
        () ->
            "Database "
                + redact(databaseUrl)
                + " at schema version "
                + schemaVersion
                + " ("
                + appliedVersionCount
                + " migration(s) applied now)");
  }

  /**
   * On a clean stop, the embedded H2 database is compacted. It writes every commit to its file
   * before acknowledging it (WRITE_DELAY=0, so a killed server loses nothing), and in that mode it
   * does not reclaim the space of old versions while running: the file grows by some kilobytes per
   * commit until this compaction.
   */
  @PreDestroy
  void compactEmbeddedDatabase() {
    if (databaseUrl == null || !databaseUrl.startsWith("jdbc:h2:file:")) {
      return;
    }
    long start = System.nanoTime();
    try (Connection c = dataSource.getConnection();
        var s = c.createStatement()) {
      s.execute("SHUTDOWN COMPACT");
      LOG.info(
          () ->
              "Embedded database compacted in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    } catch (SQLException | RuntimeException e) {
      LOG.warning("Could not compact the embedded database: " + e.getMessage());
    }
  }

  /** Fails start-up early with a message that says which setting to check. */
  private void verifyReachable() {
    try (Connection c = dataSource.getConnection()) {
      var meta = c.getMetaData();
      databaseProduct = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
    } catch (SQLException | RuntimeException e) {
      throw new IllegalStateException(
          "JIMOTO: cannot connect to the database "
              + redact(databaseUrl)
              + " ("
              + rootMessage(e)
              + "). Check JIMOTO_DB_URL, JIMOTO_DB_USER and JIMOTO_DB_PASSWORD, and that the"
              + " database server is running.",
          e);
    }
  }

  private String currentVersion() {
    var current =
        Flyway.configure(getClass().getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .info()
            .current();
    return current == null ? "none" : current.getVersion().getVersion();
  }

  /** True once every migration has been applied in this run. */
  public boolean isMigrated() {
    return migrated;
  }

  /** Product and version of the database in use, e.g. "PostgreSQL 15.18". */
  public String databaseProduct() {
    return databaseProduct;
  }

  public String schemaVersion() {
    return schemaVersion;
  }

  /** Number of migrations Flyway still considers pending (0 when the schema is current). */
  public int pendingMigrations() {
    return Flyway.configure(getClass().getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .info()
        .pending()
        .length;
  }

  /** True if the database answers a trivial query within two seconds. */
  public boolean isDatabaseReachable() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  static String redact(String url) {
    return url == null ? "(unset)" : url.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
