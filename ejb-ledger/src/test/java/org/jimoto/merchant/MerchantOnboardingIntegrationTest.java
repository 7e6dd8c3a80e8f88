package org.jimoto.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cityroles.AsCity;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.TestClock;
import org.jimoto.TestQueries;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.identity.boundary.LoginOutcome;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.boundary.PasswordChangeOutcome;
import org.jimoto.identity.boundary.RememberMeService;
import org.jimoto.identity.boundary.UserAccountService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.merchant.boundary.MerchantCredentials;
import org.jimoto.merchant.boundary.MerchantCredentials.LoginView;
import org.jimoto.merchant.boundary.MerchantOnboarding;
import org.jimoto.merchant.boundary.MerchantOnboarding.ApplicationForm;
import org.jimoto.merchant.boundary.MerchantOnboarding.Submission;
import org.jimoto.merchant.boundary.ProfileRefusal;
import org.jimoto.merchant.control.ZenginKana;
import org.jimoto.merchant.entity.Declaration;
import org.jimoto.merchant.entity.MerchantApplication.Status;
import org.jimoto.notification.boundary.MailDelivery;
import org.jimoto.notification.entity.OutboxMail;
import org.jimoto.platform.control.PlatformClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Merchant onboarding in the ledger (#11 item 1, R-60..R-64): approval creates in one transaction
 * the business with its payout account, the unpublished shop and two logins that must change their
 * one-time passwords, mails them through the outbox, and is audit-logged; a clerk or an auditor
 * cannot decide; a correction goes out by a link that the applicant resubmits through once.
 */
@ExtendWith(ArquillianExtension.class)
class MerchantOnboardingIntegrationTest {

  @Deployment
  static WebArchive deployment() {
    // The run-as roles need principals: one per role, as a city portal's logins would be.
    return FoundationDeployment.create(
            TestQueries.class,
            AsCity.class,
            AsCity.Admin.class,
            AsCity.Clerk.class,
            AsCity.Auditor.class)
        .addAsWebInfResource(
            new org.jboss.shrinkwrap.api.asset.StringAsset(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<glassfish-web-app>"
                    + mapping("CITY_ADMIN", "test-city-admin")
                    + mapping("CITY_CLERK", "test-city-clerk")
                    + mapping("CITY_AUDITOR", "test-city-auditor")
                    + "</glassfish-web-app>"),
            "glassfish-web.xml");
  }

  private static String mapping(String role, String principal) {
    return "<security-role-mapping><role-name>"
        + role
        + "</role-name><principal-name>"
        + principal
        + "</principal-name></security-role-mapping>";
  }

  @Inject DemoData demoData;
  @Inject TestQueries db;
  @Inject MerchantOnboarding onboarding;
  @Inject LoginService login;
  @Inject RememberMeService rememberMe;
  @Inject MailDelivery delivery;
  @Inject UserAccountService accounts;
  @Inject AsCity.Admin admin;
  @Inject AsCity.Clerk clerk;
  @Inject AsCity.Auditor auditor;

  private String unique;
  private String email;

  @BeforeEach
  void demo() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    unique = String.valueOf(System.nanoTime() % 100_000_000L);
    email = "ob-" + unique + "@example.jp";
  }

  private ApplicationForm form(EnumSet<Declaration> declared) {
    return new ApplicationForm(
        "オンボード商事 " + unique,
        "試験 花子",
        "若葉川市本町5-5",
        "0270-55-0001",
        "オンボード商店 " + unique,
        "Onboard Shop",
        "GROCERY",
        "若葉川市本町5-6",
        "0270-55-0002",
        email,
        "0001",
        "001",
        "ORDINARY",
        "7654321",
        "ｵﾝﾎﾞｰﾄﾞ ｼｮｳｼﾞ",
        declared);
  }

  /** Each address may send 10 forms an hour: the tests send each from their own. */
  private long submit() {
    var s =
        onboarding.submit(
            form(EnumSet.allOf(Declaration.class)), Locale.JAPANESE, "10.9." + unique.hashCode());
    return assertInstanceOf(Submission.Accepted.class, s).applicationId();
  }

  private String mailBody(int nth) {
    return String.valueOf(
        db.column("select body from mail_outbox where recipient = '" + email + "' order by id")
            .get(nth));
  }

  @Test
  void approvalCreatesBusinessShopAndTwoLoginsAndMailsThem_R61_R62_R64_R94() {
    long id = submit();
    assertEquals(Optional.empty(), admin.call(o -> o.approve(id)));
    String business = "B" + (100_000 + id);
    String shop = "S" + (100_000 + id);
    assertEquals(
        1L, db.count("business where code = '" + business + "' and email = '" + email + "'"));
    assertEquals(
        1L,
        db.count(
            "shop where code = '"
                + shop
                + "' and published = false and card_accepted = false and category = 'GROCERY'"),
        () ->
            String.valueOf(
                db.column(
                    "select code || ' ' || published || ' ' || card_accepted || ' ' ||"
                        + " coalesce(category, '-') from shop order by id desc")));
    assertEquals(
        1L,
        db.count(
            "business_bank_account where account_number = '7654321' and bank_code = '0001'"
                + " and holder_kana = '"
                + ((ZenginKana.Result.Valid) ZenginKana.check("ｵﾝﾎﾞｰﾄﾞ ｼｮｳｼﾞ")).kana()
                + "' and business_id = (select id from business"
                + " where code = '"
                + business
                + "')"));
    assertEquals(
        2L,
        db.count(
            "user_account where portal = 'MERCHANT' and must_change_password = true and login_name"
                + " in ('"
                + business.toLowerCase()
                + "', '"
                + shop.toLowerCase()
                + "')"));
    assertEquals(
        1L,
        db.count(
            "user_role r join user_account u on u.id = r.user_id where u.login_name = '"
                + shop.toLowerCase()
                + "' and r.role = 'SHOP_STAFF' and u.shop_id is not null"));
    assertEquals(
        1L,
        db.count(
            "user_role r join user_account u on u.id = r.user_id where u.login_name = '"
                + business.toLowerCase()
                + "' and r.role = 'BUSINESS_OWNER' and u.shop_id is null"));
    String body = mailBody(0);
    Matcher m = Pattern.compile("ログインID: (\\S+)\\s+仮パスワード: (\\S+)").matcher(body);
    assertTrue(m.find(), body);
    assertEquals(business.toLowerCase(), m.group(1));
    assertTrue(m.find(), body);
    assertEquals(shop.toLowerCase(), m.group(1));
    String shopPassword = m.group(2);
    // #11 review finding 1: the temporary passwords work for 7 days, then the login is refused
    // with its own answer (only to whoever knows the password); a wrong one stays "invalid".
    var first = login.authenticate(Portal.MERCHANT, shop, shopPassword.toCharArray(), "10.7.1.1");
    assertTrue(assertInstanceOf(LoginOutcome.Authenticated.class, first).mustChangePassword());
    // #11 review 2: no "keep me signed in" while the temporary password must be changed.
    assertTrue(rememberMe.issue(Portal.MERCHANT, shop).isEmpty());
    // A token from before that rule (issued while the flag was briefly off) works until the
    // temporary password expires, then no longer.
    String tillAccount = "user_account where login_name = '" + shop.toLowerCase() + "'";
    db.update("update " + tillAccount.replace(" where", " set must_change_password = false where"));
    String token = rememberMe.issue(Portal.MERCHANT, shop).orElseThrow();
    db.update("update " + tillAccount.replace(" where", " set must_change_password = true where"));
    assertTrue(rememberMe.authenticate(Portal.MERCHANT, token).isPresent());
    db.update(
        "update user_account set password_changed_at = password_changed_at - INTERVAL '8' DAY"
            + " where login_name = '"
            + shop.toLowerCase()
            + "'");
    assertInstanceOf(
        LoginOutcome.TemporaryPasswordExpired.class,
        login.authenticate(Portal.MERCHANT, shop, shopPassword.toCharArray(), "10.7.1.1"));
    assertInstanceOf(
        LoginOutcome.InvalidCredentials.class,
        login.authenticate(Portal.MERCHANT, shop, "wrong-Pass-1234".toCharArray(), "10.7.1.1"));
    // #11 review 2: the expired temporary password opens no device token and cannot set
    // a permanent password (from a session opened before it expired); nothing changes.
    assertTrue(rememberMe.authenticate(Portal.MERCHANT, token).isEmpty());
    assertInstanceOf(
        PasswordChangeOutcome.TemporaryPasswordExpired.class,
        login.changePassword(
            Portal.MERCHANT,
            shop,
            shopPassword.toCharArray(),
            "Neues-Kennwort-2026".toCharArray(),
            "10.7.1.1"));
    assertEquals(1L, db.count(tillAccount + " and must_change_password = true"));
    // The mail is a secret one: its body is replaced once delivered, or once stale if the SMTP
    // server never takes it (14 days).
    assertEquals(1L, db.count("mail_outbox where recipient = '" + email + "' and secret = true"));
    db.update(
        "update mail_outbox set created_at = created_at - INTERVAL '15' DAY where recipient = '"
            + email
            + "'");
    assertTrue(delivery.purgeStaleSecrets() >= 1);
    assertEquals(OutboxMail.PURGED, mailBody(0));
    // #11 review 2: a purged secret mail is abandoned, never retried with the placeholder.
    db.update(
        "update mail_outbox set next_attempt_at = created_at where recipient = '" + email + "'");
    long mailId =
        ((Number)
                db.column(
                        "select id from mail_outbox where recipient = '" + email + "' order by id")
                    .get(0))
            .longValue();
    Object attempts = db.single("select attempts from mail_outbox where id = " + mailId);
    assertFalse(delivery.due().contains(mailId));
    assertFalse(delivery.deliver(mailId));
    assertEquals(
        1L,
        db.count(
            "mail_outbox where id = "
                + mailId
                + " and sent_at is null and attempts = "
                + attempts));
    assertEquals(
        1L,
        db.count(
            "audit_event where action = 'MERCHANT_APPLICATION_APPROVED' and detail like"
                + " 'application "
                + id
                + ":%' and detail like '%****321%' and detail not like '%7654321%'"));
    assertEquals(
        Optional.of(ProfileRefusal.APPLICATION_NOT_PENDING),
        admin.call(o -> o.approve(id)),
        "approved once");

    // published by its own action, audit-logged by the directory.
    assertEquals(Optional.empty(), admin.call(o -> o.publishShop(id)));
    assertEquals(1L, db.count("shop where code = '" + shop + "' and published = true"));
    assertEquals(
        1L, db.count("audit_event where action = 'SHOP_PUBLISH' and detail = 'shop " + shop + "'"));
  }

  @Test
  void aClerkOrAnAuditorCannotDecideAndAClerkCannotRead() {
    long id = submit();
    assertAccessDenied(() -> clerk.call(o -> o.approve(id)));
    assertAccessDenied(() -> auditor.call(o -> o.approve(id)));
    assertAccessDenied(() -> auditor.call(o -> o.reject(id, "不可")));
    assertAccessDenied(() -> auditor.call(o -> o.askCorrection(id, "修正")));
    assertAccessDenied(() -> clerk.call(o -> o.list(Status.SUBMITTED)));
    assertAccessDenied(() -> onboarding.approve(id)); // nobody logged in
    assertTrue(
        auditor.call(o -> o.list(Status.SUBMITTED)).stream().anyMatch(a -> a.id() == id),
        "an auditor reads the queue");
    assertEquals(
        1L, db.count("merchant_application where id = " + id + " and status = 'SUBMITTED'"));
    assertEquals(0L, db.count("business where email = '" + email + "'"));
    assertEquals(0L, db.count("mail_outbox where recipient = '" + email + "'"));
  }

  @Test
  void aCorrectionLinkReopensTheFormOnceAndARejectionNeedsItsReason() {
    long id = submit();
    assertEquals(
        Optional.of(ProfileRefusal.DECISION_REASON_REQUIRED),
        admin.call(o -> o.askCorrection(id, "  ")));
    assertEquals(Optional.empty(), admin.call(o -> o.askCorrection(id, "店舗の電話番号をご確認ください。")));
    Matcher link = Pattern.compile("apply\\.xhtml\\?correction=(\\S+)").matcher(mailBody(0));
    assertTrue(link.find(), mailBody(0));
    String token = link.group(1);
    assertEquals(1L, db.count("mail_outbox where recipient = '" + email + "' and secret = true"));
    var shown = onboarding.correction(token).orElseThrow();
    assertEquals("店舗の電話番号をご確認ください。", shown.correctionNote());
    // #11 review finding 5: the public page gets the number masked, never in full.
    assertEquals(null, shown.details().accountNumber());
    assertEquals("****321", shown.maskedAccountNumber());
    assertFalse(shown.toString().contains("7654321"), shown.toString());
    // Still not decided while it waits for the applicant.
    assertEquals(
        Optional.of(ProfileRefusal.APPLICATION_NOT_PENDING), admin.call(o -> o.approve(id)));
    var missing = EnumSet.allOf(Declaration.class);
    missing.remove(Declaration.APPROPRIATE_GOODS);
    assertInstanceOf(
        Submission.Refused.class, onboarding.resubmit(token, form(missing), Locale.ENGLISH, "x"));
    assertInstanceOf(
        Submission.Accepted.class,
        onboarding.resubmit(token, form(EnumSet.allOf(Declaration.class)), Locale.ENGLISH, "x"));
    assertTrue(onboarding.correction(token).isEmpty(), "the link works once");
    assertInstanceOf(
        Submission.Refused.class,
        onboarding.resubmit(token, form(EnumSet.allOf(Declaration.class)), Locale.ENGLISH, "x"));

    assertEquals(
        Optional.of(ProfileRefusal.DECISION_REASON_REQUIRED), admin.call(o -> o.reject(id, null)));
    assertEquals(Optional.empty(), admin.call(o -> o.reject(id, "市外の店舗のため")));
    assertTrue(mailBody(1).contains("市外の店舗のため"), mailBody(1));
    assertEquals(
        1L,
        db.count(
            "audit_event where action = 'MERCHANT_APPLICATION_REJECTED' and reason = '市外の店舗のため'"
                + " and detail = 'application "
                + id
                + "'"));
  }

  @Test
  void aFormWithoutEveryDeclarationStoresNothing_R60() {
    long before = db.count("merchant_application");
    var missing = EnumSet.allOf(Declaration.class);
    missing.remove(Declaration.NOT_ADULT_ENTERTAINMENT);
    var s = onboarding.submit(form(missing), Locale.JAPANESE, "10.8." + unique.hashCode());
    var refused = assertInstanceOf(Submission.Refused.class, s);
    assertEquals(1, refused.problems().size());
    assertEquals(ProfileRefusal.DECLARATION_MISSING, refused.problems().get(0).refusal());
    assertEquals(before, db.count("merchant_application"));
  }

  private static final Pattern CREDENTIALS = Pattern.compile("ログインID: (\\S+)\\s+仮パスワード: (\\S+)");

  /** The temporary password of the {@code nth} mail to the applicant (0: the approval's first). */
  private String mailedPassword(int nth) {
    Matcher m = CREDENTIALS.matcher(mailBody(nth));
    assertTrue(m.find(), mailBody(nth));
    return m.group(2);
  }

  @Test
  void theCityReissuesAMerchantLoginsCredentialsByMail_R61_R62_R94() {
    LocalDateTime t0 = LocalDateTime.now(PlatformClock.ZONE).withNano(0);
    TestClock.set(t0);
    try {
      long id = submit();
      assertEquals(Optional.empty(), admin.call(o -> o.approve(id)));
      String business = "b" + (100_000 + id);
      String shop = "s" + (100_000 + id);
      long businessId =
          ((Number) db.single("select id from business where code = 'B" + (100_000 + id) + "'"))
              .longValue();
      Matcher m = CREDENTIALS.matcher(mailBody(0));
      assertTrue(m.find() && m.find(), mailBody(0));
      String shopPassword = m.group(2);
      String ownerPassword = mailedPassword(0);
      // The till's person set a password of their own and kept the till signed in.
      assertInstanceOf(
          PasswordChangeOutcome.Changed.class,
          login.changePassword(
              Portal.MERCHANT,
              shop,
              shopPassword.toCharArray(),
              "Kassen-Kennwort-2026".toCharArray(),
              "10.7.3.1"));
      String token = rememberMe.issue(Portal.MERCHANT, shop).orElseThrow();

      // 8 days on, the business account's temporary password expired unused.
      TestClock.set(t0.plusDays(8));
      assertInstanceOf(
          LoginOutcome.TemporaryPasswordExpired.class,
          login.authenticate(Portal.MERCHANT, business, ownerPassword.toCharArray(), "10.7.3.1"));
      List<LoginView> listed = auditor.credentials(c -> c.logins("B" + (100_000 + id)));
      assertEquals(List.of(business, shop), listed.stream().map(LoginView::loginName).toList());
      assertEquals(MerchantCredentials.Kind.BUSINESS, listed.get(0).kind());
      assertTrue(listed.get(0).temporaryExpired(), listed.toString());
      assertEquals(t0.plusDays(7), listed.get(0).temporaryExpiresAt());
      assertFalse(listed.get(1).temporary(), listed.toString());
      assertEquals("S" + (100_000 + id), listed.get(1).shopCode());

      // Only an administrator reissues, with a reason, for a merchant login; nothing is mailed
      // else.
      assertAccessDenied(() -> clerk.credentials(c -> c.reissue(business, "電話で依頼")));
      assertAccessDenied(() -> auditor.credentials(c -> c.reissue(business, "電話で依頼")));
      assertRefused(Refusal.REASON_MISSING, () -> admin.credentials(c -> c.reissue(business, " ")));
      assertRefused(
          Refusal.REASON_TOO_LONG,
          () -> admin.credentials(c -> c.reissue(business, "理".repeat(501))));
      assertRefused(
          Refusal.MERCHANT_LOGIN_UNKNOWN,
          () -> admin.credentials(c -> c.reissue("nobody-" + unique, "電話で依頼")));
      assertRefused( // a resident's login is no merchant login
          Refusal.MERCHANT_LOGIN_UNKNOWN,
          () -> admin.credentials(c -> c.reissue("hanako@example.jp", "電話で依頼")));
      String mails = "mail_outbox where recipient = '" + email + "'";
      assertEquals(1L, db.count(mails));

      // An administrator's double click: two reissues in turn; the second password wins.
      var first = admin.credentials(c -> c.reissue(business, "仮パスワードの期限切れ(電話で依頼)"));
      var second = admin.credentials(c -> c.reissue(business, "仮パスワードの期限切れ(電話で依頼)"));
      assertEquals(t0.plusDays(15), first.expiresAt());
      assertEquals(t0.plusDays(15), second.expiresAt());
      assertEquals(3L, db.count(mails + " and secret = true"));
      String p1 = mailedPassword(1);
      String p2 = mailedPassword(2);
      assertNotEquals(p1, p2);
      assertInstanceOf(
          LoginOutcome.InvalidCredentials.class,
          login.authenticate(Portal.MERCHANT, business, p1.toCharArray(), "10.7.3.1"));
      assertInstanceOf(
          LoginOutcome.InvalidCredentials.class,
          login.authenticate(Portal.MERCHANT, business, ownerPassword.toCharArray(), "10.7.3.1"));
      var in =
          assertInstanceOf(
              LoginOutcome.Authenticated.class,
              login.authenticate(Portal.MERCHANT, business, p2.toCharArray(), "10.7.3.1"));
      assertTrue(in.mustChangePassword(), "R-62: changed at the first login");
      assertInstanceOf(
          PasswordChangeOutcome.Changed.class,
          login.changePassword(
              Portal.MERCHANT,
              business,
              p2.toCharArray(),
              "Neues-Kennwort-2026".toCharArray(),
              "10.7.3.1"));

      // The till's person forgot the password and locked the name out at the till's address.
      for (int i = 0; i < 5; i++) {
        login.authenticate(Portal.MERCHANT, shop, ("falsch-" + i).toCharArray(), "10.7.3.2");
      }
      assertInstanceOf(
          LoginOutcome.Throttled.class,
          login.authenticate(
              Portal.MERCHANT, shop, "Kassen-Kennwort-2026".toCharArray(), "10.7.3.2"));
      assertTrue(rememberMe.authenticate(Portal.MERCHANT, token).isPresent());
      admin.credentials(c -> c.reissue(shop, "パスワードを忘れた(窓口で依頼)"));
      assertTrue(rememberMe.authenticate(Portal.MERCHANT, token).isEmpty(), "devices signed out");
      assertTrue(mailBody(3).contains("オンボード商店 " + unique), mailBody(3));
      assertInstanceOf(
          LoginOutcome.InvalidCredentials.class,
          login.authenticate(
              Portal.MERCHANT, shop, "Kassen-Kennwort-2026".toCharArray(), "10.7.3.2"));
      assertTrue(
          assertInstanceOf(
                  LoginOutcome.Authenticated.class,
                  login.authenticate(
                      Portal.MERCHANT, shop, mailedPassword(3).toCharArray(), "10.7.3.2"))
              .mustChangePassword(),
          "the lockout was lifted, and the new password is temporary");
      assertEquals(
          3L,
          db.count(
              "audit_event where action = 'MERCHANT_CREDENTIALS_REISSUED' and actor is not null"
                  + " and reason like '%依頼)' and (detail like 'login "
                  + business
                  + " %' or detail like 'login "
                  + shop
                  + " %')"),
          () -> String.valueOf(db.column("select actor || ' ' || detail from audit_event")));

      // A disabled login, or any login of a business whose business account is disabled: refused.
      accounts.setEnabled(Portal.MERCHANT, shop, false, "test", "閉店");
      assertRefused(
          Refusal.MERCHANT_LOGIN_DISABLED, () -> admin.credentials(c -> c.reissue(shop, "電話で依頼")));
      accounts.setEnabled(Portal.MERCHANT, shop, true, "test", "再開");
      accounts.setEnabled(Portal.MERCHANT, business, false, "test", "廃業");
      assertRefused(
          Refusal.MERCHANT_BUSINESS_CLOSED, () -> admin.credentials(c -> c.reissue(shop, "電話で依頼")));
      assertEquals(4L, db.count(mails));
    } finally {
      TestClock.reset();
    }
  }

  private static void assertRefused(Refusal expected, Runnable call) {
    assertEquals(expected, assertThrows(RefusedException.class, call::run).refusal());
  }

  private static void assertAccessDenied(Runnable call) {
    EJBException e = assertThrows(EJBException.class, call::run);
    Throwable t = e;
    while (t != null && !(t instanceof EJBAccessException)) {
      t = t.getCause();
    }
    assertTrue(t instanceof EJBAccessException, String.valueOf(e));
  }
}
