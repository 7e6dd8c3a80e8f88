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
import org.jimoto.identity.boundary.PasswordChangeOutcome;
import org.jimoto.identity.boundary.UserAccountService;
import org.jimoto.identity.control.PasswordPolicy;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.identity.entity.UserAccount;
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

  /** Where the tests' logins come from, for the throttle (#8 finding 4). */
  private static final String HOME = "192.0.2.10";

  /** Another address, so that no address reaches the 20 password checks a minute. */
  private static final String DESK = "192.0.2.11";

  private static final char[] PASSWORD = "correct horse 電池".toCharArray();

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class);
  }

  @Inject DatabaseMigrator migrator;
  @Inject DemoData demoData;
  @Inject LoginService logins;
  @Inject UserAccountService accounts;
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
    // a second business's shops for the public directory, one not published yet.
    assertEquals(2L, db.count("business"));
    assertEquals(5L, db.count("shop"));
    assertEquals(4L, db.count("shop where published = true"));
    assertEquals(1L, db.count("shop where code = 'S0005' and published = false"));
    assertEquals(5L, db.count("terminal")); // #12: the café's till T0005 (past trading)
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
    // both usable cards have a security code and a mobile phone for SMS codes.
    assertEquals(
        2L,
        db.count(
            "resident where card_member_code in ('12345674', '12345690') and card_enabled = true"
                + " and card_security_hash is not null and phone like '080-%'"));
    // 12: each portal's roles, R-62's first-login and 120-day-old password accounts, and the
    // café's business with past trading to settle (#12)
    assertEquals(12L, db.count("user_account"));
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
    var ok = logins.authenticate(Portal.RESIDENT, "hanako@example.jp", PASSWORD, HOME);
    var resident = assertInstanceOf(LoginOutcome.Authenticated.class, ok);
    assertEquals(Set.of(Role.RESIDENT), resident.roles());
    assertEquals("山田 花子", resident.displayName());

    assertInstanceOf(
        LoginOutcome.InvalidCredentials.class,
        logins.authenticate(Portal.MERCHANT, "hanako@example.jp", PASSWORD, HOME));
    assertInstanceOf(
        LoginOutcome.InvalidCredentials.class,
        logins.authenticate(Portal.ADMIN, "hanako@example.jp", PASSWORD, HOME));

    var owner =
        assertInstanceOf(
            LoginOutcome.Authenticated.class,
            logins.authenticate(Portal.MERCHANT, "wakaba-owner", PASSWORD, HOME));
    assertEquals(Set.of(Role.BUSINESS_OWNER), owner.roles());
  }

  @Test
  void loginNamesAreCaseInsensitiveAndPasswordsExact() {
    assertInstanceOf(
        LoginOutcome.Authenticated.class,
        logins.authenticate(Portal.RESIDENT, "  TARO@Example.JP ", PASSWORD, HOME));
    assertInstanceOf(
        LoginOutcome.InvalidCredentials.class,
        logins.authenticate(
            Portal.RESIDENT, "taro@example.jp", "CORRECT HORSE 電池".toCharArray(), HOME));
    assertInstanceOf(
        LoginOutcome.InvalidCredentials.class,
        logins.authenticate(Portal.RESIDENT, "nobody@example.jp", PASSWORD, HOME));
  }

  @Test
  void fiveWrongPasswordsBlockTheAttackersAddressButNotTheOwner_issue8Finding4() {
    char[] wrong = "wrong".toCharArray();
    String attacker = "203.0.113.9";
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertInstanceOf(
          LoginOutcome.InvalidCredentials.class,
          logins.authenticate(Portal.ADMIN, "city-auditor", wrong, attacker),
          "attempt " + attempt);
    }
    // Sixth attempt from there, even with the right password: refused unheard.
    assertInstanceOf(
        LoginOutcome.Throttled.class,
        logins.authenticate(Portal.ADMIN, "city-auditor", PASSWORD, attacker));
    assertEquals(
        1L, db.count("audit_event where action = 'LOGIN_THROTTLED' and actor = 'city-auditor'"));
    // The owner, from the office, gets in at once.
    assertInstanceOf(
        LoginOutcome.Authenticated.class,
        logins.authenticate(Portal.ADMIN, "city-auditor", PASSWORD, HOME));
    // An unknown name answers exactly like a real one, all the way to the throttle.
    for (int attempt = 1; attempt <= 5; attempt++) {
      assertInstanceOf(
          LoginOutcome.InvalidCredentials.class,
          logins.authenticate(Portal.ADMIN, "no-such-clerk", wrong, attacker));
    }
    assertInstanceOf(
        LoginOutcome.Throttled.class,
        logins.authenticate(Portal.ADMIN, "no-such-clerk", PASSWORD, attacker));
  }

  @Test
  void aDisabledAccountGetsTheAnswerOfAWrongPassword_issue8Finding4() {
    db.update("update user_account set enabled = false where login_name = 'taro@example.jp'");
    try {
      assertInstanceOf(
          LoginOutcome.InvalidCredentials.class,
          logins.authenticate(Portal.RESIDENT, "taro@example.jp", PASSWORD, HOME));
    } finally {
      db.update("update user_account set enabled = true where login_name = 'taro@example.jp'");
    }
  }

  @Test
  void aPasswordChangeChecksTheCurrentOneAndThePolicy_R62() {
    try {
      changePasswordOfANewClerk();
    } finally { // the demo data's account count stays as documented
      db.update(
          "delete from user_role where user_id in"
              + " (select id from user_account where login_name = 'policy-clerk')");
      db.update("delete from user_account where login_name = 'policy-clerk'");
    }
  }

  private void changePasswordOfANewClerk() {
    accounts.create(
        Portal.ADMIN,
        "policy-clerk",
        "窓口 試験",
        null,
        PASSWORD,
        Set.of(Role.CITY_CLERK),
        UserAccount::requirePasswordChange);
    var first =
        assertInstanceOf(
            LoginOutcome.Authenticated.class,
            logins.authenticate(Portal.ADMIN, "policy-clerk", PASSWORD, DESK));
    assertTrue(first.mustChangePassword(), "R-62: an issued account must change its password");

    assertInstanceOf(
        PasswordChangeOutcome.WrongCurrentPassword.class,
        logins.changePassword(
            Portal.ADMIN, "policy-clerk", "nope".toCharArray(), "x".toCharArray(), DESK));
    var refused =
        assertInstanceOf(
            PasswordChangeOutcome.Refused.class,
            logins.changePassword(
                Portal.ADMIN, "policy-clerk", PASSWORD, "password123".toCharArray(), DESK));
    assertEquals(Set.of(PasswordPolicy.Violation.TOO_COMMON), refused.violations());
    refused =
        assertInstanceOf(
            PasswordChangeOutcome.Refused.class,
            logins.changePassword(
                Portal.ADMIN, "policy-clerk", PASSWORD, "policy-clerk-2026".toCharArray(), DESK));
    assertEquals(Set.of(PasswordPolicy.Violation.CONTAINS_LOGIN_NAME), refused.violations());
    refused =
        assertInstanceOf(
            PasswordChangeOutcome.Refused.class,
            logins.changePassword(Portal.ADMIN, "policy-clerk", PASSWORD, PASSWORD, DESK));
    assertTrue(refused.violations().contains(PasswordPolicy.Violation.SAME_AS_CURRENT));

    char[] fresh = "sumida-ferry-kite-8812".toCharArray();
    assertInstanceOf(
        PasswordChangeOutcome.Changed.class,
        logins.changePassword(Portal.ADMIN, "policy-clerk", PASSWORD, fresh, DESK));
    var after =
        assertInstanceOf(
            LoginOutcome.Authenticated.class,
            logins.authenticate(Portal.ADMIN, "policy-clerk", fresh, DESK));
    assertFalse(after.mustChangePassword());
    assertInstanceOf(
        LoginOutcome.InvalidCredentials.class,
        logins.authenticate(Portal.ADMIN, "policy-clerk", PASSWORD, DESK));
    assertEquals(
        1L, db.count("audit_event where action = 'PASSWORD_CHANGED' and actor = 'policy-clerk'"));
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
