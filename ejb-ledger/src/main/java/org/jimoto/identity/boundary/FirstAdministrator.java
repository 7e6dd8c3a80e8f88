package org.jimoto.identity.boundary;

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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.identity.control.PasswordPolicy;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.identity.entity.UserAccount;

/**
 * The city's first administrator (最初の管理者): a new production database has no login at all, so the
 * first start creates {@code city-admin} (CITY_ADMIN) with a one-time password that must be changed
 * at the first login, and hands it over in {@code <data dir>/first-admin.txt}, mode 0600,
 * which the launcher prints once. Runs after the demo data step: a demo city has its own
 * administrators. Without a data directory (tests) there is nowhere to hand a password over, and
 * nothing is created.
 */
@Singleton
@Startup
@DependsOn("DemoDataLoader")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FirstAdministrator {

  public static final String FILE = "first-admin.txt";
  static final String LOGIN = "city-admin";
  private static final Logger LOG = Logger.getLogger(FirstAdministrator.class.getName());

  @Inject UserAccountService accounts;

  @Inject
  @ConfigProperty(name = "jimoto.data.dir")
  Optional<String> dataDir;

  @PostConstruct
  void createIfNone() {
    if (dataDir.isEmpty() || accounts.count(Portal.ADMIN) > 0) {
      return;
    }
    String password = PasswordPolicy.generate();
    // The password is handed over before the account exists: if the file cannot be written, no
    // administrator is created whose password nobody knows.
    Path file = Path.of(dataDir.get()).resolve(FILE);
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file); // left by a start that failed after writing it
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          file,
          "Administration portal (/admin/): login "
              + LOGIN
              + ", one-time password "
              + password
              + "\nChange it at the first login; then delete this file.\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("JIMOTO: cannot write " + file + ": " + e.getMessage(), e);
    }
    try {
      accounts.create(
          Portal.ADMIN,
          LOGIN,
          "管理者",
          null,
          password.toCharArray(),
          Set.of(Role.CITY_ADMIN),
          UserAccount::requirePasswordChange);
      LOG.info("First administrator " + LOGIN + " created; one-time password in " + file);
    } catch (RuntimeException e) {
      // Another server of a cluster starting on the same empty database created it first.
      deleteQuietly(file);
      if (accounts.count(Portal.ADMIN) == 0) {
        throw e;
      }
      LOG.info("First administrator already created by another server.");
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warning("Could not delete " + file + ": " + e.getMessage());
    }
  }
}
