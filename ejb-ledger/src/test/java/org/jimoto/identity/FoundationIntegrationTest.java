package org.jimoto.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.TestQueries;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.identity.boundary.LoginOutcome;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * EJB + JPA + Flyway on Payara Micro: the schema is migrated at start-up, the demo data set loads
 * once, and each portal accepts only its own accounts with lockout after repeated failures.
 */
@ExtendWith(ArquillianExtension.class)
class FoundationIntegrationTest {

  private static final char[] PASSWORD = "correct horse 電池".toCharArray();

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class);
  }

  @Inject DatabaseMigrator migrator;
  @Inject DemoData demoData;
  @Inject LoginService logins;
  @Inject TestQueries db;

  @BeforeEach
  void demoDataPresent() {
    demoData.loadIntoEmptyDatabase(PASSWORD);
  }

  @Test
  void migrationsRanAtStartupBeforeAnythingElse() {
    assertTrue(migrator.isMigrated());
    assertEquals(0, migrator.pendingMigrations());
    assertTrue(migrator.isDatabaseReachable());
    assertTrue(Integer.parseInt(migrator.schemaVersion()) >= 2, migrator.schemaVersion());
    assertEquals(
        1L, db.count("\"flyway_schema_history\" where \"success\" = true and \"version\" = '1'"));
    for (String table :
        new String[] {
          "value_service",
          "business",
          "shop",
          "shop_accepted_service",
          "terminal",
          "resident",
          "user_account",
          "user_role",
          "audit_event"
        }) {
      assertTrue(db.count(table) >= 0, table);
    }
  }

  @Test
  void demoDataIsTheDocumentedCityAndLoadsOnlyIntoAnEmptyDatabase() {
    // the three services: a card shop and a non-card shop without points.
    assertEquals(3L, db.count("value_service"));
    assertEquals(
        Set.of(1, 2, 3),
        db.column("select service_type from value_service").stream()
            .map(o -> ((Number) o).intValue())
            .collect(Collectors.toSet()));
    assertEquals(1L, db.count("business"));
    assertEquals(2L, db.count("shop"));
    assertEquals(3L, db.count("terminal"));
    assertEquals(1L, db.count("shop where code = 'S0001' and card_accepted = true"));
    assertEquals(1L, db.count("shop where code = 'S0002' and card_accepted = false"));
    assertEquals(
        0L,
        db.count(
            "shop_accepted_service a join shop s on s.id = a.shop_id join value_service v on"
                + " v.id = a.service_id where s.code = 'S0002' and v.service_type = 2"));
    assertEquals(2L, db.count("resident where membership = 'APP'"));
    assertEquals(
        1L,
        db.count(
            "resident where membership = 'CARD' and card_member_code = '12345674'"
                + " and card_enabled = true"));
    assertEquals(
        1L,
        db.count(
            "resident where membership = 'CARD' and card_member_code = '12345682'"
                + " and card_enabled = false")); // a lost card
    assertEquals(8L, db.count("user_account"));
    for (Role role : Role.values()) {
      assertTrue(db.count("user_role where role = '" + role + "'") >= 1, "a demo login is " + role);
    }

    long accountsBefore = db.count("user_account");
    assertTrue(demoData.loadIntoEmptyDatabase(PASSWORD).isEmpty(), "second load must refuse");
    assertFalse(demoData.databaseIsEmpty());
    assertEquals(accountsBefore, db.count("user_account"));
  }

  @Test
  void demoLoginsCoverEveryPortal() {
    assertEquals(
        Set.of("RESIDENT", "MERCHANT", "ADMIN"),
        db.column("select distinct portal from user_account").stream()
            .map(String::valueOf)
            .collect(Collectors.toSet()));
  }

  @Test
  void aPortalAcceptsOnlyItsOwnAccounts_R93() {
    var ok = logins.authenticate(Portal.RESIDENT, "hanako@example.jp", PASSWORD);
    var resident = assertInstanceOf(LoginOutcome.Authenticated.class, ok);
    assertEquals(Set.of(Role.RESIDENT), resident.roles());
    assertEquals("山田 花子", resident.displayName());

    assertInstanceOf(
        LoginOutcome.InvalidCredentials.class,
        logins.authenticate(Portal.MERCHANT, "hanako@example.jp", PASSWORD));
    assertInstanceOf(
        LoginOutcome.InvalidCredentials.class,
        logins.authenticate(Portal.ADMIN, "hanako@example.jp", PASSWORD));

    var owner =
        assertInstanceOf(
            LoginOutcome.Authenticated.class,
            logins.authenticate(Portal.MERCHANT, "wakaba-owner", PASSWORD));
    assertEquals(Set.of(Role.BUSINESS_OWNER), owner.roles());
  }

  @Test
  void loginNamesAreCaseInsensitiveAndPasswordsExact() {
    assertInstanceOf(
        LoginOutcome.Authenticated.class,
        logins.authenticate(Portal.RESIDENT, "  TARO@Example.JP ", PASSWORD));
    assertInstanceOf(
        LoginOutcome.InvalidCredentials.class,
        logins.authenticate(Portal.RESIDENT, "taro@example.jp", "CORRECT HORSE 電池".toCharArray()));
    assertInstanceOf(
        LoginOutcome.InvalidCredentials.class,
        logins.authenticate(Portal.RESIDENT, "nobody@example.jp", PASSWORD));
  }

  @Test
  void fiveWrongPasswordsLockTheAccountSoTheSixthAttemptIsRefused() {
    char[] wrong = "wrong".toCharArray();
    for (int attempt = 1; attempt <= 4; attempt++) {
      assertInstanceOf(
          LoginOutcome.InvalidCredentials.class,
          logins.authenticate(Portal.ADMIN, "city-auditor", wrong),
          "attempt " + attempt);
    }
    assertInstanceOf(
        LoginOutcome.Locked.class, logins.authenticate(Portal.ADMIN, "city-auditor", wrong));
    // Sixth attempt, even with the right password: still locked.
    var locked =
        assertInstanceOf(
            LoginOutcome.Locked.class, logins.authenticate(Portal.ADMIN, "city-auditor", PASSWORD));
    assertTrue(locked.until().isAfter(java.time.LocalDateTime.now().minusMinutes(1)));
    assertEquals(
        1L, db.count("audit_event where action = 'LOGIN_LOCKED' and actor = 'city-auditor'"));
    // Other accounts are unaffected.
    assertInstanceOf(
        LoginOutcome.Authenticated.class,
        logins.authenticate(Portal.ADMIN, "city-admin", PASSWORD));
  }

  @Test
  void passwordsAreStoredOnlyAsPbkdf2Hashes() {
    String hash =
        (String)
            db.single("select password_hash from user_account where login_name = 'city-clerk'");
    assertTrue(hash.startsWith("PBKDF2WithHmacSHA512:210000:"), hash);
    assertFalse(hash.contains("correct horse"));
  }
}
