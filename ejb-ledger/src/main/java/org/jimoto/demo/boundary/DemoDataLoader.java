package org.jimoto.demo.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.identity.control.PasswordPolicy;

/**
 * The separate, opt-in demo-data step: after migrations, and only if enabled, loads {@link
 * DemoData} into an empty database and writes the logins to {@code <data dir>/demo-logins.txt}
 * (which the launcher prints). The password comes from {@code jimoto.demo-data.password} or is
 * generated; it is never shown on any screen.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoDataLoader {

  public static final String LOGINS_FILE = "demo-logins.txt";
  private static final Logger LOG = Logger.getLogger(DemoDataLoader.class.getName());

  @Inject DemoData demoData;

  @Inject
  @ConfigProperty(name = "jimoto.demo-data.enabled")
  boolean enabled;

  // Optional: MicroProfile Config treats an empty value as no value.
  @Inject
  @ConfigProperty(name = "jimoto.demo-data.password")
  Optional<String> configuredPassword;

  @Inject
  @ConfigProperty(name = "jimoto.data.dir")
  Optional<String> dataDir;

  @PostConstruct
  void loadOnce() {
    if (!enabled) {
      return;
    }
    String password =
        configuredPassword.filter(p -> !p.isBlank()).orElseGet(PasswordPolicy::generate);
    demoData
        .loadIntoEmptyDatabase(password.toCharArray())
        .ifPresentOrElse(
            demo -> {
              LOG.info("Demo data loaded: " + demo.logins().size() + " logins.");
              writeLoginsFile(demo, password);
            },
            () -> LOG.info("Database already holds data: demo data not loaded."));
  }

  private void writeLoginsFile(DemoSet demo, String password) {
    if (dataDir.isEmpty()) {
      LOG.info("jimoto.data.dir is not set: demo logins not written to a file.");
      return;
    }
    var text = new StringBuilder();
    text.append(String.format("%-9s %-20s %-15s %s%n", "PORTAL", "LOGIN", "ROLE", "WHO"));
    for (DemoLogin l : demo.logins()) {
      text.append(
          String.format(
              "%-9s %-20s %-15s %s%n",
              l.portal().name().toLowerCase(java.util.Locale.ROOT),
              l.loginName(),
              l.roles().iterator().next(),
              l.who()));
    }
    text.append("Password for every demo login: ").append(password).append('\n');
    text.append('\n').append("POS API credentials (HTTP Basic: terminal code / secret):\n");
    for (DemoSet.TerminalKey k : demo.terminalKeys()) {
      text.append(String.format("%-9s %-6s %s%n", k.terminalCode(), k.shopCode(), k.secret()));
    }
    text.append('\n').append("App members' pay QR codes (R-31), to key in at the register:\n");
    for (DemoSet.PayToken t : demo.payTokens()) {
      text.append(
          String.format(
              "%-20s %s valid until %s%n",
              t.loginName(), t.token(), t.validUntil().withNano(0).toString().replace('T', ' ')));
    }
    text.append('\n')
        .append("Cards (R-84, R-85): member code, holder, registered phone, security code:\n");
    for (DemoSet.Card c : demo.cards()) {
      text.append(
          String.format(
              "%-9s %-8s %-14s security code %s  %s%n",
              c.memberCode(), c.holder(), c.phone(), c.securityCode(), c.note()));
    }
    try {
      Path dir = Path.of(dataDir.get());
      Files.createDirectories(dir);
      Path file = dir.resolve(LOGINS_FILE);
      Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
      // Passwords and terminal secrets: readable by the server's owner only.
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(
            file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      }
    } catch (IOException e) {
      LOG.warning(
          "Could not write " + LOGINS_FILE + " to " + dataDir.get() + ": " + e.getMessage());
    }
  }
}
