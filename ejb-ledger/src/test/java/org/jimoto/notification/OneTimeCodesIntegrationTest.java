package org.jimoto.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.TestQueries;
import org.jimoto.notification.boundary.CodeCheck;
import org.jimoto.notification.boundary.CodeIssue;
import org.jimoto.notification.boundary.CodePurpose;
import org.jimoto.notification.boundary.OneTimeCodes;
import org.jimoto.notification.boundary.PhoneNumber;
import org.jimoto.notification.boundary.SmsSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rules of SMS one-time codes (#10 item 1, R-90): six digits sent through the SMS gateway port
 * (the simulator) naming purpose and currency, stored hashed, valid once, five tries, an expiry, a
 * new code replacing the old one, and re-sending throttled.
 */
@ExtendWith(ArquillianExtension.class)
class OneTimeCodesIntegrationTest {

  private static final Pattern SIX_DIGITS = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
  private static final AtomicInteger PHONES = new AtomicInteger(1000);

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class);
  }

  @Inject OneTimeCodes codes;
  @Inject SmsSimulator sms;
  @Inject TestQueries db;

  /** A phone of this test alone (the per-phone hourly limit is not under test here). */
  private static PhoneNumber newPhone() {
    return PhoneNumber.parse("080-7000-" + PHONES.incrementAndGet()).orElseThrow();
  }

  private String newestCodeTo(PhoneNumber phone) {
    String body =
        sms.newest().stream()
            .filter(m -> m.phone().equals(phone.normalized()))
            .findFirst()
            .orElseThrow()
            .body();
    Matcher m = SIX_DIGITS.matcher(body);
    assertTrue(m.find(), body);
    return m.group(1);
  }

  private static String wrong(String code) {
    return code.equals("123456") ? "654321" : "123456";
  }

  @Test
  void aCodeGoesOutBySmsNamingPurposeAndCurrencyAndIsStoredHashed() {
    var phone = newPhone();
    var issue = codes.issue(CodePurpose.LOGIN, "resident:t1", phone, Locale.JAPANESE);
    assertInstanceOf(CodeIssue.Sent.class, issue);
    String body = sms.newest().get(0).body();
    assertTrue(body.contains("わかばコイン") && body.contains("ログイン"), body);
    String code = newestCodeTo(phone);
    Object stored = db.single("SELECT code_hash FROM one_time_code WHERE subject = 'resident:t1'");
    assertFalse(String.valueOf(stored).contains(code), "only a hash is stored");

    codes.issue(CodePurpose.BANK_CHARGE, "resident:t1", newPhone(), Locale.ENGLISH);
    String english = sms.newest().get(0).body();
    assertTrue(english.contains("Wakaba Coin") && english.contains("bank charge"), english);
  }

  @Test
  void theRightCodeIsValidOnlyOnce() {
    var phone = newPhone();
    codes.issue(CodePurpose.PHONE_CONFIRMATION, "resident:t2", phone, Locale.JAPANESE);
    String code = newestCodeTo(phone);
    assertEquals(CodeCheck.VALID, codes.check(CodePurpose.PHONE_CONFIRMATION, "resident:t2", code));
    assertEquals(
        CodeCheck.NO_CODE, codes.check(CodePurpose.PHONE_CONFIRMATION, "resident:t2", code));
    // Another purpose of the same subject never had a code.
    assertEquals(CodeCheck.NO_CODE, codes.check(CodePurpose.LOGIN, "resident:t2", code));
  }

  @Test
  void theFifthWrongTrySpendsTheCode() {
    var phone = newPhone();
    codes.issue(CodePurpose.CARD_INQUIRY, "card:12345674", phone, Locale.JAPANESE);
    String code = newestCodeTo(phone);
    for (int i = 1; i <= 4; i++) {
      assertEquals(
          CodeCheck.WRONG, codes.check(CodePurpose.CARD_INQUIRY, "card:12345674", wrong(code)));
    }
    assertEquals(
        CodeCheck.TOO_MANY_TRIES,
        codes.check(CodePurpose.CARD_INQUIRY, "card:12345674", wrong(code)));
    assertEquals(
        CodeCheck.TOO_MANY_TRIES, codes.check(CodePurpose.CARD_INQUIRY, "card:12345674", code));
  }

  @Test
  void anExpiredCodeIsRefused() {
    var phone = newPhone();
    codes.issue(CodePurpose.CARD_MIGRATION, "resident:t4", phone, Locale.JAPANESE);
    String code = newestCodeTo(phone);
    db.update(
        "UPDATE one_time_code SET expires_at = TIMESTAMP '2000-01-01 00:00:00'"
            + " WHERE subject = 'resident:t4'");
    assertEquals(CodeCheck.EXPIRED, codes.check(CodePurpose.CARD_MIGRATION, "resident:t4", code));
  }

  @Test
  void reSendingIsThrottledAndANewCodeReplacesTheOldOne() {
    var phone = newPhone();
    codes.issue(CodePurpose.LOGIN, "resident:t5", phone, Locale.JAPANESE);
    String first = newestCodeTo(phone);
    var again = codes.issue(CodePurpose.LOGIN, "resident:t5", phone, Locale.JAPANESE);
    assertInstanceOf(CodeIssue.Throttled.class, again, "within 30 s of the last send");
    assertEquals(first, newestCodeTo(phone), "nothing was sent");

    // Once the pause is over, a new code replaces the first.
    db.update(
        "UPDATE one_time_code SET issued_at = TIMESTAMP '2000-01-01 00:00:00'"
            + " WHERE subject = 'resident:t5'");
    assertInstanceOf(
        CodeIssue.Sent.class,
        codes.issue(CodePurpose.LOGIN, "resident:t5", phone, Locale.JAPANESE));
    String second = newestCodeTo(phone);
    if (!second.equals(first)) {
      assertEquals(CodeCheck.WRONG, codes.check(CodePurpose.LOGIN, "resident:t5", first));
    }
    assertEquals(CodeCheck.VALID, codes.check(CodePurpose.LOGIN, "resident:t5", second));
  }

  @Test
  void atMostFiveCodesAnHourForOneSubject() {
    var phone = newPhone();
    for (int i = 0; i < 5; i++) {
      assertInstanceOf(
          CodeIssue.Sent.class,
          codes.issue(CodePurpose.BANK_CHARGE, "resident:t6", phone, Locale.JAPANESE));
      db.update(
          "UPDATE one_time_code SET issued_at = TIMESTAMP '2000-01-01 00:00:00'"
              + " WHERE subject = 'resident:t6'");
    }
    assertInstanceOf(
        CodeIssue.Throttled.class,
        codes.issue(CodePurpose.BANK_CHARGE, "resident:t6", phone, Locale.JAPANESE));
  }

  @Test
  void aPhoneBeingConfirmedMustBeTheOneTheCodeWentTo() {
    var phone = newPhone();
    codes.issue(CodePurpose.PHONE_CONFIRMATION, "resident:t7", phone, Locale.JAPANESE);
    String code = newestCodeTo(phone);
    assertEquals(
        CodeCheck.NO_CODE,
        codes.checkSentTo(CodePurpose.PHONE_CONFIRMATION, "resident:t7", newPhone(), code));
    assertEquals(
        CodeCheck.VALID,
        codes.checkSentTo(CodePurpose.PHONE_CONFIRMATION, "resident:t7", phone, code));
  }
}
