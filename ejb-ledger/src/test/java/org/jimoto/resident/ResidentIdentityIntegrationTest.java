package org.jimoto.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestClock;
import org.jimoto.TestQueries;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.identity.boundary.LoginOutcome;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.notification.boundary.CodeCheck;
import org.jimoto.notification.boundary.CodeIssue;
import org.jimoto.notification.boundary.PhoneNumber;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.resident.boundary.CardInquiries;
import org.jimoto.resident.boundary.LoginCodes;
import org.jimoto.resident.boundary.ResidentAccounts;
import org.jimoto.resident.boundary.ResidentPhones;
import org.jimoto.resident.boundary.ResidentSignUp;
import org.jimoto.resident.boundary.SignUpProblem;
import org.jimoto.resident.boundary.SignUpProfile;
import org.jimoto.resident.entity.CardCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The #10 identity review's ledger fixes: the sign-up link carries no password, the link's
 * page chooses it; a registered address is never told apart from a new one (sign-up, e-mail
 * change). On PostgreSQL every test class of a run shares one database: each test uses addresses of
 * its own.
 */
@ExtendWith(ArquillianExtension.class)
class ResidentIdentityIntegrationTest {

  private static final Pattern LINK = Pattern.compile("https?://\\S+token=(\\S+)");
  private static final String GOOD_PASSWORD = "midori-kawa-4821-tsuki";

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class, LedgerFixtures.class, TestClock.class);
  }

  @Inject DemoData demoData;
  @Inject TestQueries db;
  @Inject ResidentSignUp signUp;
  @Inject ResidentAccounts accounts;
  @Inject LoginService logins;
  @Inject ResidentPhones phones;
  @Inject CardInquiries inquiries;
  @Inject LedgerFixtures fixtures;
  @Inject LoginCodes loginCodes;

  @BeforeEach
  void demoCity() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
  }

  @AfterEach
  void resetClock() {
    TestClock.reset();
  }

  private static String unique(String prefix) {
    return prefix + "-" + System.nanoTime() + "@example.jp";
  }

  private List<Object> mailsTo(String address, String column) {
    return db.column(
        "SELECT " + column + " FROM mail_outbox WHERE recipient = '" + address + "' ORDER BY id");
  }

  private static SignUpProfile profile() {
    return new SignUpProfile("若葉 みどり", "ワカバ ミドリ", LocalDate.of(1990, 4, 1), "若葉川市本町2-3-4", true);
  }

  @Test
  void theSignUpLinkCarriesNoPasswordTheLinksPageChoosesIt() {
    String email = unique("owner");
    var start = signUp.start(email, true, Locale.JAPANESE, "10.20.0.1");
    assertInstanceOf(ResidentSignUp.Start.MailSent.class, start);
    // Nothing of a password is kept with the link: the form-filler chose none.
    assertEquals(
        1L,
        ((Number)
                db.single(
                    "SELECT COUNT(*) FROM email_link WHERE email = '"
                        + email
                        + "' AND password_hash IS NULL"))
            .longValue());
    List<Object> bodies = mailsTo(email, "body");
    assertEquals(1, bodies.size());
    // R-61, #11 review 2: the link is a secret mail, its body replaced once delivered or stale.
    assertEquals(List.of(Boolean.TRUE), mailsTo(email, "secret"));
    Matcher m = LINK.matcher((String) bodies.get(0));
    assertTrue(m.find(), (String) bodies.get(0));
    String token = m.group(1);

    // The link's page applies the password rules: 10+ characters, not the address, not common.
    var refused = signUp.complete(token, profile(), "short-1".toCharArray());
    assertEquals(
        Set.of(SignUpProblem.PASSWORD_TOO_SHORT),
        ((ResidentSignUp.Completion.Refused) refused).problems());
    refused = signUp.complete(token, profile(), ("x" + email + "9").toCharArray());
    assertTrue(
        ((ResidentSignUp.Completion.Refused) refused)
            .problems()
            .contains(SignUpProblem.PASSWORD_CONTAINS_LOGIN_NAME));
    refused = signUp.complete(token, profile(), "password1234".toCharArray());
    assertTrue(
        ((ResidentSignUp.Completion.Refused) refused)
            .problems()
            .contains(SignUpProblem.PASSWORD_TOO_COMMON));

    var created = signUp.complete(token, profile(), GOOD_PASSWORD.toCharArray());
    assertInstanceOf(ResidentSignUp.Completion.Created.class, created);
    assertInstanceOf(
        LoginOutcome.Authenticated.class,
        logins.authenticate(Portal.RESIDENT, email, GOOD_PASSWORD.toCharArray(), "10.20.0.1"));
  }

  @Test
  void aRegisteredAddressGetsTheSameAnswerAndItsOwnerAMailNotALink() {
    String fresh = unique("fresh");
    long linksBefore = db.count("email_link");
    var forFresh = signUp.start(fresh, true, Locale.JAPANESE, "10.20.0.2");
    var forTaken = signUp.start("taro@example.jp", true, Locale.JAPANESE, "10.20.0.3");
    assertEquals(new ResidentSignUp.Start.MailSent(fresh), forFresh);
    assertEquals(new ResidentSignUp.Start.MailSent("taro@example.jp"), forTaken);
    // The same work: one link row each; the owner's is spent at once and can never be used.
    assertEquals(linksBefore + 2, db.count("email_link"));
    assertEquals(
        0L,
        ((Number)
                db.single(
                    "SELECT COUNT(*) FROM email_link WHERE email = 'taro@example.jp'"
                        + " AND used_at IS NULL"))
            .longValue());
    List<Object> ownerMails = mailsTo("taro@example.jp", "body");
    String last = (String) ownerMails.get(ownerMails.size() - 1);
    assertFalse(last.contains("token="), last);
    assertTrue(last.contains("すでに登録済み"), last);

    // The e-mail change (a resident of its own: on PostgreSQL the demo data, and its password,
    // may come from another test class): it asks for taro's address; the same answer as for a free
    // address.
    // The address is the login name: without the current password nothing happens.
    String changer = unique("changer");
    signedUp(changer);
    String free = unique("free");
    assertEquals(
        new ResidentAccounts.EmailChange.Refused(
            java.util.EnumSet.of(SignUpProblem.PASSWORD_WRONG)),
        accounts.requestEmailChange(
            changer, "not-it".toCharArray(), free, Locale.ENGLISH, "10.20.0.4"));
    assertTrue(mailsTo(free, "body").isEmpty(), "no link for a wrong password");
    var toTaken =
        accounts.requestEmailChange(
            changer, GOOD_PASSWORD.toCharArray(), "Taro@Example.jp", Locale.ENGLISH, "10.20.0.4");
    var toFree =
        accounts.requestEmailChange(
            changer, GOOD_PASSWORD.toCharArray(), free, Locale.ENGLISH, "10.20.0.4");
    assertEquals(new ResidentAccounts.EmailChange.LinkSent("taro@example.jp"), toTaken);
    assertEquals(new ResidentAccounts.EmailChange.LinkSent(free), toFree);
    ownerMails = mailsTo("taro@example.jp", "body");
    last = (String) ownerMails.get(ownerMails.size() - 1);
    assertFalse(last.contains("token="), last);
    assertTrue(last.contains("Nothing was changed"), last);
    assertTrue(((String) mailsTo(free, "body").get(0)).contains("email-confirm.xhtml?token="));
  }

  private static final Pattern SIX_DIGITS = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");

  private static String phone() {
    var r = ThreadLocalRandom.current();
    return String.format("080-%04d-%04d", r.nextInt(10_000), r.nextInt(10_000));
  }

  private long smsCount(String phone) {
    return ((Number) db.single("SELECT COUNT(*) FROM simulated_sms WHERE phone = '" + phone + "'"))
        .longValue();
  }

  private String newestCodeTo(String phone) {
    List<Object> bodies =
        db.column("SELECT body FROM simulated_sms WHERE phone = '" + phone + "' ORDER BY id DESC");
    assertFalse(bodies.isEmpty(), "an SMS went to " + phone);
    Matcher m = SIX_DIGITS.matcher((String) bodies.get(0));
    assertTrue(m.find(), "a code in " + bodies.get(0));
    return m.group(1);
  }

  private static String wrong(String code) {
    return code.equals("123456") ? "654321" : "123456";
  }

  /** A resident signed up through both steps, with its login; returns its id. */
  private long signedUp(String email) {
    signUp.start(email, true, Locale.JAPANESE, "10.20.1." + (email.length() % 200));
    Matcher m = LINK.matcher((String) mailsTo(email, "body").get(0));
    assertTrue(m.find());
    var created = signUp.complete(m.group(1), profile(), GOOD_PASSWORD.toCharArray());
    return ((ResidentSignUp.Completion.Created) created).residentId();
  }

  @Test
  void anEmailChangeNeedsThePasswordAndTellsTheOldAddress_R90() {
    String old = unique("old");
    signedUp(old);
    String moved = unique("moved");
    var sent =
        accounts.requestEmailChange(
            old, GOOD_PASSWORD.toCharArray(), moved, Locale.JAPANESE, "10.20.2.1");
    assertEquals(new ResidentAccounts.EmailChange.LinkSent(moved), sent);
    assertEquals(List.of(Boolean.TRUE), mailsTo(moved, "secret")); // R-61, #11 review 2
    Matcher m =
        Pattern.compile("token=([A-Za-z0-9_-]+)").matcher((String) mailsTo(moved, "body").get(0));
    assertTrue(m.find());
    assertEquals(java.util.Optional.of(moved), accounts.confirmEmailChange(m.group(1)));
    List<Object> toOld = mailsTo(old, "body");
    String notice = (String) toOld.get(toOld.size() - 1);
    assertTrue(notice.contains("メールアドレスが " + moved + " に変更されました"), notice);
    assertInstanceOf(
        LoginOutcome.Authenticated.class,
        logins.authenticate(Portal.RESIDENT, moved, GOOD_PASSWORD.toCharArray(), "10.20.2.1"));
  }

  @Test
  void aRegisteredPhoneChangesOnlyWithThePasswordAndACodeToIt_R90() {
    String email = unique("phone");
    long id = signedUp(email);
    PhoneNumber first = PhoneNumber.parse(phone()).orElseThrow();
    PhoneNumber thief = PhoneNumber.parse(phone()).orElseThrow();
    PhoneNumber second = PhoneNumber.parse(phone()).orElseThrow();

    // The sign-up's phone step: no phone yet, so a number is simply confirmed.
    assertTrue(phones.changeAllowed(id));
    assertInstanceOf(CodeIssue.Sent.class, phones.sendConfirmation(id, first, Locale.JAPANESE));
    assertEquals(CodeCheck.VALID, phones.confirm(id, first, newestCodeTo(first.normalized())));
    // From now on every login needs the code to it; the account's address is told.
    assertEquals(first, loginCodes.secondFactor(email).orElseThrow());
    List<Object> told = mailsTo(email, "body");
    String phoneMail = (String) told.get(told.size() - 1);
    assertTrue(phoneMail.contains("電話番号が " + first.hint() + " に設定されました"), phoneMail);

    // A session alone (someone else's hands) cannot send a code to another number, nor confirm it.
    assertFalse(phones.changeAllowed(id));
    assertThrows(Exception.class, () -> phones.sendConfirmation(id, thief, Locale.JAPANESE));
    assertEquals(0, smsCount(thief.normalized()));
    assertEquals(CodeCheck.NO_CODE, phones.confirm(id, thief, "000000"));

    // A wrong password sends nothing.
    long before = smsCount(first.normalized());
    assertInstanceOf(
        ResidentPhones.ChangeStart.WrongPassword.class,
        phones.startChange(email, "not-the-password".toCharArray(), "10.20.2.1", Locale.JAPANESE));
    assertEquals(before, smsCount(first.normalized()));

    // The password: a code to the registered phone; a wrong code opens nothing.
    var started =
        phones.startChange(email, GOOD_PASSWORD.toCharArray(), "10.20.2.1", Locale.JAPANESE);
    assertEquals(
        "***-****-" + first.normalized().substring(9),
        ((ResidentPhones.ChangeStart.Sent) started).hint());
    assertEquals(before + 1, smsCount(first.normalized()));
    String current = newestCodeTo(first.normalized());
    assertEquals(CodeCheck.WRONG, phones.confirmCurrentPhone(id, wrong(current)));
    assertFalse(phones.changeAllowed(id));
    assertEquals(CodeCheck.VALID, phones.confirmCurrentPhone(id, current));
    assertTrue(phones.changeAllowed(id));

    // Then the new number, with its own code.
    assertInstanceOf(CodeIssue.Sent.class, phones.sendConfirmation(id, second, Locale.JAPANESE));
    assertEquals(CodeCheck.VALID, phones.confirm(id, second, newestCodeTo(second.normalized())));
    assertEquals(second, loginCodes.secondFactor(email).orElseThrow());
    // The proof is spent: another change starts over.
    assertFalse(phones.changeAllowed(id));
  }

  private long counter(String kind, String key) {
    List<Object> events =
        db.column(
            "SELECT events FROM attempt_counter WHERE kind = '"
                + kind
                + "' AND counter_key = '"
                + key
                + "'");
    return events.isEmpty() ? 0 : ((Number) events.get(0)).longValue();
  }

  /**
   * Item 5, R-85: an unknown member code is answered as a real card without a phone, at every step;
   * the attempts per member code and per client address are counted in the database (every server
   * and a restarted one see them), not in one server's memory.
   */
  @Test
  void cardInquiryLimitsLiveInTheDatabaseAndUnknownCodesLookLikeCardsWithoutPhone_R85() {
    String known = (String) fixtures.newCardMember()[1]; // its phone is a landline: no SMS
    String unknown;
    do {
      unknown = CardCode.of(9_000_000 + ThreadLocalRandom.current().nextInt(999_999));
    } while (((Number)
                db.single(
                    "SELECT COUNT(*) FROM resident WHERE card_member_code = '" + unknown + "'"))
            .longValue()
        > 0);
    String address = "10.40." + ThreadLocalRandom.current().nextInt(250) + ".";

    // The same answers for both, asking and typing.
    assertEquals(
        new CardInquiries.CodeRequest.Accepted(),
        inquiries.requestCode(known, address + "1", Locale.JAPANESE));
    assertEquals(
        new CardInquiries.CodeRequest.Accepted(),
        inquiries.requestCode(unknown, address + "2", Locale.JAPANESE));
    assertEquals(
        new CardInquiries.Answer.CodeNotValid(),
        inquiries.statement(known, "123456", address + "1"));
    assertEquals(
        new CardInquiries.Answer.CodeNotValid(),
        inquiries.statement(unknown, "123456", address + "2"));
    // Counted in the database, a guessed code as a real one.
    assertEquals(1, counter("INQUIRY_CODE_PER_CARD", known));
    assertEquals(1, counter("INQUIRY_CODE_PER_CARD", unknown));
    assertEquals(1, counter("INQUIRY_CODE_PER_ADDRESS", address + "2"));
    assertEquals(1, counter("INQUIRY_CHECK_PER_ADDRESS", address + "2"));

    // Five asks an hour per member code, from any address: the sixth is refused for both alike.
    LocalDateTime t = LocalDateTime.now(PlatformClock.ZONE).plusMinutes(2);
    for (int i = 2; i <= 5; i++) {
      TestClock.set(t.plusMinutes(2L * i));
      assertInstanceOf(
          CardInquiries.CodeRequest.Accepted.class,
          inquiries.requestCode(known, address + (10 + i), Locale.JAPANESE));
      assertInstanceOf(
          CardInquiries.CodeRequest.Accepted.class,
          inquiries.requestCode(unknown, address + (20 + i), Locale.JAPANESE));
    }
    TestClock.set(t.plusMinutes(20));
    var knownRefused = inquiries.requestCode(known, address + "30", Locale.JAPANESE);
    var unknownRefused = inquiries.requestCode(unknown, address + "31", Locale.JAPANESE);
    assertInstanceOf(CardInquiries.CodeRequest.Throttled.class, knownRefused);
    assertInstanceOf(CardInquiries.CodeRequest.Throttled.class, unknownRefused);
    assertEquals(5, counter("INQUIRY_CODE_PER_CARD", unknown));

    // The database row is the state: without it (as for a key never seen), the code is asked again.
    db.update(
        "DELETE FROM attempt_counter WHERE kind = 'INQUIRY_CODE_PER_CARD' AND counter_key = '"
            + unknown
            + "'");
    assertInstanceOf(
        CardInquiries.CodeRequest.Accepted.class,
        inquiries.requestCode(unknown, address + "32", Locale.JAPANESE));
  }
}
