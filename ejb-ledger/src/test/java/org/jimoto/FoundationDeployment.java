package org.jimoto;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;

/**
 * The ledger module as a WAR for Payara Micro (which cannot deploy an EAR): every main class,
 * persistence unit, configuration and the real Flyway migrations of {@code db-migrations}, on an
 * in-memory H2 database (the default {@code jimoto.db.url}), or on the PostgreSQL database that
 * {@code JIMOTO_DB_URL} and {@code JIMOTO_DB_DRIVER_CLASS} name (CI runs the suite on both).
 *
 * <p>The tests exercise the simulators (bank, card network, My Number Card, SMS page), so {@link
 * #create} turns simulator (demo) mode on, as the launcher does with the demo data; {@link
 * #asShipped} keeps the configuration as shipped, where it is off.
 */
public final class FoundationDeployment {

  private FoundationDeployment() {}

  /** The ledger with simulator (demo) mode on ({@code jimoto.simulators=true}). */
  public static WebArchive create(Class<?>... testClasses) {
    return create(true, testClasses);
  }

  /** The ledger with the configuration as shipped: simulator (demo) mode off. */
  public static WebArchive asShipped(Class<?>... testClasses) {
    return create(false, testClasses);
  }

  private static WebArchive create(boolean simulators, Class<?>... testClasses) {
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
                // The PDF renderer (JasperReports) is not in the test WAR: its libraries are big
                // and it is tested on its own (StatementPdfTest) and in the EAR.
                c ->
                    !c.get().endsWith("Test.class")
                        && !c.get().contains("/FoundationDeployment")
                        && !c.get().contains("/org/jimoto/statement/control/StatementPdf"),
                "org.jimoto")
            .addClasses(testClasses)
            .addAsResource("META-INF/persistence.xml")
            .addAsResource(config(simulators), "META-INF/microprofile-config.properties")
            .addAsResource("org/jimoto/ledger/refusals.properties")
            .addAsResource("org/jimoto/ledger/refusals_ja.properties")
            .addAsResource("org/jimoto/ledger/refusals_en.properties")
            .addAsResource("org/jimoto/notification/sms.properties")
            .addAsResource("org/jimoto/notification/sms_ja.properties")
            .addAsResource("org/jimoto/notification/sms_en.properties")
            .addAsResource("org/jimoto/merchant/profile.properties")
            .addAsResource("org/jimoto/merchant/profile_ja.properties")
            .addAsResource("org/jimoto/merchant/profile_en.properties")
            // #11 onboarding: the mails to applicants
            .addAsResource("org/jimoto/merchant/onboarding.properties")
            .addAsResource("org/jimoto/merchant/onboarding_ja.properties")
            .addAsResource("org/jimoto/merchant/onboarding_en.properties")
            .addAsResource("org/jimoto/merchant/zengin/lib/zengin-data.js")
            .addAsResource("org/jimoto/settlement/syukujitsu.csv")
            // #12 settlement: the closing job
            .addAsResource("META-INF/batch-jobs/settlement-close.xml")
            // #12 nightly jobs: expiry and bonus
            .addAsResource("META-INF/batch-jobs/nightly-expiry.xml")
            .addAsResource("META-INF/batch-jobs/nightly-bonus.xml")
            // #12 results: the 振込完了通知 mail
            .addAsResource("org/jimoto/settlement/payoutmail.properties")
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

  /** The shipped microprofile-config.properties, with simulator mode turned on if asked. */
  private static ByteArrayAsset config(boolean simulators) {
    try (InputStream in =
        Objects.requireNonNull(
            FoundationDeployment.class
                .getClassLoader()
                .getResourceAsStream("META-INF/microprofile-config.properties"))) {
      String shipped = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      String text = simulators ? shipped + "\njimoto.simulators=true\n" : shipped;
      // the settlement timers stay still: the tests call their work themselves (a timer racing a
      // test, or closing the shared database's periods at 01:00 JST, would make tests flaky)
      text += "\njimoto.settlement.timers.enabled=false\n";
      // #12 nightly jobs: likewise the expiry and bonus timers and their takeover
      text += "jimoto.nightly.timers.enabled=false\n";
      return new ByteArrayAsset(text.getBytes(StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
