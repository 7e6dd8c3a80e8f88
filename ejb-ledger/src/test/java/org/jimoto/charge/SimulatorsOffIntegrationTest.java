package org.jimoto.charge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestQueries;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ChargeSimulators;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.charge.boundary.ResidentCharges;
import org.jimoto.charge.boundary.ResidentCharges.Preview;
import org.jimoto.charge.boundary.ResidentCharges.Start;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.identity.boundary.UserAccountService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.ledger.boundary.LedgerInvariants;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.notification.boundary.CodePurpose;
import org.jimoto.notification.boundary.OneTimeCodes;
import org.jimoto.notification.boundary.PhoneNumber;
import org.jimoto.notification.boundary.SmsSimulator;
import org.jimoto.platform.boundary.Simulators;
import org.jimoto.resident.boundary.IdentityVerifications;
import org.jimoto.resident.boundary.MyNumberCardPort.CardChoice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * #10 security review: with the configuration as shipped, simulator (demo) mode is off. The
 * simulated bank and card network are not used: a resident's online charge is refused with
 * its own refusal, before any provider is asked, and nothing changes; My Number Card identity
 * proofing says no service is configured and records nothing; the SMS simulator still
 * records what it sends, but its page shows nothing. {@link ResidentChargeIntegrationTest} runs the
 * same calls with the mode on.
 */
@ExtendWith(ArquillianExtension.class)
class SimulatorsOffIntegrationTest {

  private static final String MONEY = "WAKABA_COIN";
  private static final String UNAVAILABLE_JA = "この支払い方法は現在ご利用いただけません。チャージは行われていません。";
  private static final String UNAVAILABLE_EN =
      "This payment method is not available at present. Nothing was charged.";

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.asShipped(TestQueries.class, LedgerFixtures.class);
  }

  @Inject Simulators simulators;
  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject TestQueries db;
  @Inject ResidentCharges residentCharges;
  @Inject ChargeSimulators chargeSimulators;
  @Inject IdentityVerifications identity;
  @Inject OneTimeCodes codes;
  @Inject SmsSimulator sms;
  @Inject UserAccountService accounts;
  @Inject BalanceQuery balances;
  @Inject LedgerInvariants invariants;

  private static int logins;

  @BeforeEach
  void demoCity() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
  }

  @AfterEach
  void ledgerInvariantsHold() {
    var report = invariants.check();
    assertTrue(report.ok(), report.toString());
  }

  /** A new app member with a resident login; returns {login, residentId}. */
  private Object[] resident(boolean verified) {
    Object[] m = verified ? fixtures.newAppMember() : fixtures.newUnverifiedAppMember();
    long id = (Long) m[0];
    String login = "sim-off-" + System.nanoTime() + "-" + logins++ + "@example.jp";
    accounts.create(
        Portal.RESIDENT,
        login,
        "テスト 利用者",
        null,
        "Charge-test-pass-2026!".toCharArray(),
        EnumSet.of(Role.RESIDENT),
        a -> a.forResident(id));
    return new Object[] {login, id};
  }

  @Test
  void simulatorModeIsOffAsShipped() {
    assertFalse(simulators.on());
  }

  @Test
  void onlineChargingIsRefusedAndChangesNothing_R20() {
    Object[] r = resident(true);
    String login = (String) r[0];
    long id = (Long) r[1];
    long chargesBefore = db.count("charge");
    for (ChargeChannel channel : ResidentCharges.ONLINE) {
      // 10,000 yen is within both channels' bounds: with the simulators on it opens an order.
      var preview = residentCharges.preview(login, MONEY, channel, 10_000);
      assertEquals(
          Refusal.CHARGE_METHOD_UNAVAILABLE,
          assertInstanceOf(Preview.Refused.class, preview).refusal());
      var start = residentCharges.start(login, MONEY, channel, 10_000);
      var refused = assertInstanceOf(Start.Refused.class, start, String.valueOf(start));
      assertEquals(Refusal.CHARGE_METHOD_UNAVAILABLE, refused.refusal());
      assertEquals(UNAVAILABLE_JA, refused.refusal().messageJa(refused.args()));
      assertEquals(UNAVAILABLE_EN, refused.refusal().messageEn(refused.args()));
      assertEquals(503, refused.refusal().httpStatus());
      // Coming back from, or a notification of, a provider page: refused alike.
      var finish = residentCharges.finish(login, channel, "0".repeat(32));
      assertEquals(
          Refusal.CHARGE_METHOD_UNAVAILABLE,
          assertInstanceOf(CreditOutcome.Refused.class, finish).refusal());
      var late = chargeSimulators.sendLateAnswer(channel, "0".repeat(32));
      assertEquals(
          Refusal.CHARGE_METHOD_UNAVAILABLE,
          assertInstanceOf(CreditOutcome.Refused.class, late).refusal());
      assertTrue(chargeSimulators.session(channel, "0".repeat(32)).isEmpty());
    }
    assertEquals(0, balances.balance(id, MONEY));
    assertEquals(chargesBefore, db.count("charge"));
    assertEquals(0, db.count("charge WHERE resident_id = " + id));
  }

  @Test
  void myNumberVerificationSaysNoServiceIsConfigured_R91() {
    Object[] r = resident(false);
    String login = (String) r[0];
    long id = (Long) r[1];
    assertFalse(identity.available());
    var result = identity.verify(login, true, "1234", CardChoice.OWN);
    assertEquals(IdentityVerifications.Outcome.NOT_CONFIGURED, result.outcome());
    assertTrue(identity.verifiedAt(login).isEmpty());
    assertEquals(0, db.count("identity_check WHERE resident_id = " + id));
  }

  @Test
  void smsIsStillRecordedButItsPageShowsNothing() {
    long before = db.count("simulated_sms");
    var phone = PhoneNumber.parse("090-7777-0001").orElseThrow();
    codes.issue(CodePurpose.LOGIN, "sim-off-" + System.nanoTime(), phone, Locale.JAPANESE);
    assertEquals(before + 1, db.count("simulated_sms"));
    assertFalse(sms.active());
    assertEquals(0, sms.newest().size());
  }
}
