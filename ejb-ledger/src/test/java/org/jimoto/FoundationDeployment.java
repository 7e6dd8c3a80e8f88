package org.jimoto;

import java.io.File;
import java.util.Objects;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;

/**
 * The ledger module as a WAR for Payara Micro (which cannot deploy an EAR): every main class,
 * persistence unit, configuration and the real Flyway migrations of {@code db-migrations}, on an
 * in-memory H2 database (the default {@code jimoto.db.url}), or on the PostgreSQL database that
 * {@code JIMOTO_DB_URL} and {@code JIMOTO_DB_DRIVER_CLASS} name (CI runs the suite on both).
 */
public final class FoundationDeployment {

  private FoundationDeployment() {}

  public static WebArchive create(Class<?>... testClasses) {
    File[] libs =
        Maven.resolver()
            .loadPomFromFile("pom.xml")
            .resolve(
                "org.flywaydb:flyway-core",
                "org.flywaydb:flyway-database-postgresql",
                "org.apache.commons:commons-csv",
                "com.github.ben-manes.caffeine:caffeine",
                "me.gosimple:nbvcxz",
                "com.h2database:h2",
                "org.postgresql:postgresql") // CI runs this suite on PostgreSQL too
            .withTransitivity()
            .asFile();
    WebArchive war =
        ShrinkWrap.create(WebArchive.class, "jimoto-ledger-test.war")
            .addPackages(
                true,
                c -> !c.get().endsWith("Test.class") && !c.get().contains("/FoundationDeployment"),
                "org.jimoto")
            .addClasses(testClasses)
            .addAsResource("META-INF/persistence.xml")
            .addAsResource("META-INF/microprofile-config.properties")
            .addAsResource("org/jimoto/ledger/refusals.properties")
            .addAsResource("org/jimoto/ledger/refusals_ja.properties")
            .addAsResource("org/jimoto/ledger/refusals_en.properties")
            .addAsResource("org/jimoto/notification/sms.properties")
            .addAsResource("org/jimoto/notification/sms_ja.properties")
            .addAsResource("org/jimoto/notification/sms_en.properties")
            .addAsResource("org/jimoto/merchant/profile.properties")
            .addAsResource("org/jimoto/merchant/profile_ja.properties")
            .addAsResource("org/jimoto/merchant/profile_en.properties")
            .addAsResource("org/jimoto/merchant/zengin/lib/zengin-data.js")
            .addAsResource("org/jimoto/settlement/syukujitsu.csv")
            .addAsResource("org/jimoto/notification/sms.properties")
            .addAsResource("org/jimoto/notification/sms_ja.properties")
            .addAsResource("org/jimoto/notification/sms_en.properties")
            .addAsResource("org/jimoto/resident/mail.properties")
            .addAsResource("org/jimoto/resident/mail_ja.properties")
            .addAsResource("org/jimoto/resident/mail_en.properties")
            .addAsWebInfResource("META-INF/beans.xml", "beans.xml")
            .addAsLibraries(libs);
    File migrations = new File(Objects.requireNonNull(System.getProperty("jimoto.migrations.dir")));
    for (File sql : Objects.requireNonNull(migrations.listFiles((d, n) -> n.endsWith(".sql")))) {
      war.addAsResource(sql, "db/migration/" + sql.getName());
    }
    return war;
  }
}
