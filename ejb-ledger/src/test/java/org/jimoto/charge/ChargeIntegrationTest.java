package org.jimoto.charge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestQueries;
import org.jimoto.charge.boundary.BonusService;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ChargeRequest;
import org.jimoto.charge.boundary.ChargeService;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.ledger.boundary.LedgerInvariants;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.control.ExpiryRules;
import org.jimoto.platform.control.PlatformClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Charging rules beyond the basic limits: the provider reference as the charge's idempotency key,
 * My Number verification, the next-day bonus in another service, and messages
 * naming the service in the reader's language. The demo city runs a 1 % premium in わかばコイン and 3 %
 * back in わかばポイント by the next day. Every test ends with the invariant check.
 */
@ExtendWith(ArquillianExtension.class)
class ChargeIntegrationTest {

  private static final String MONEY = "WAKABA_COIN";
  private static final String POINT = "WAKABA_POINT";

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class, LedgerFixtures.class);
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject TestQueries db;
  @Inject ChargeService charges;
  @Inject BonusService bonuses;
  @Inject BalanceQuery balances;
  @Inject LedgerInvariants invariants;

  private final LocalDate today = LocalDate.now(PlatformClock.ZONE);
  private int refs;

  @BeforeEach
  void demoCity() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
  }

  @AfterEach
  void ledgerInvariantsHold() {
    var report = invariants.check();
    assertTrue(report.ok(), report.toString());
  }

  private String ref() {
    return "ref-" + System.nanoTime() + "-" + refs++;
  }

  private long appMember() {
    return (Long) fixtures.newAppMember()[0];
  }

  private CreditOutcome charge(long resident, ChargeChannel channel, long yen, String ref) {
    return charges.charge(new ChargeRequest(resident, MONEY, channel, yen, ref, "test"));
  }

  private CreditView done(CreditOutcome outcome) {
    return assertInstanceOf(CreditOutcome.Done.class, outcome, String.valueOf(outcome)).credit();
  }

  private CreditOutcome.Refused refused(CreditOutcome outcome, Refusal expected) {
    var r = assertInstanceOf(CreditOutcome.Refused.class, outcome, String.valueOf(outcome));
    assertEquals(expected, r.refusal());
    return r;
  }

  // ------------------------------------------------------------------ provider reference

  @Test
  void theSameProviderReferenceCreditsOnceAndAnswersWithTheOriginal() {
    long r = appMember();
    String ref = ref();
    CreditView first = done(charge(r, ChargeChannel.BANK, 10_000, ref));
    assertFalse(first.replayed());
    // The bank notifies again (or our answer was lost and the charge is retried).
    CreditView again = done(charge(r, ChargeChannel.BANK, 10_000, ref));
    assertTrue(again.replayed());
    assertEquals(first.creditedYen(), again.creditedYen());
    assertEquals(first.parts(), again.parts());
    assertEquals(10_100, balances.balance(r, MONEY));
    assertEquals(1L, db.count("charge WHERE external_ref = '" + ref + "'"));
  }

  @Test
  void aProviderReferenceReusedForAnotherChargeIsRefused() {
    long r = appMember();
    String ref = ref();
    done(charge(r, ChargeChannel.BANK, 5_000, ref));
    var reused =
        refused(charge(r, ChargeChannel.BANK, 6_000, ref), Refusal.EXTERNAL_REFERENCE_REUSED);
    assertTrue(reused.message(Locale.JAPANESE).contains(ref), reused.message(Locale.JAPANESE));
    refused(charge(appMember(), ChargeChannel.BANK, 5_000, ref), Refusal.EXTERNAL_REFERENCE_REUSED);
    assertEquals(5_050, balances.balance(r, MONEY));
    // The same reference through another channel is another provider's number.
    done(charge(r, ChargeChannel.CREDIT_CARD, 5_000, ref));
  }

  @Test
  void aChargeWithoutProviderReferenceIsRefused() {
    long r = appMember();
    refused(charge(r, ChargeChannel.BANK, 1_000, null), Refusal.EXTERNAL_REFERENCE_MISSING);
    refused(charge(r, ChargeChannel.BANK, 1_000, "  "), Refusal.EXTERNAL_REFERENCE_MISSING);
    refused(
        charge(r, ChargeChannel.BANK, 1_000, "x".repeat(101)), Refusal.EXTERNAL_REFERENCE_MISSING);
    assertEquals(0, balances.balance(r, MONEY));
  }

  @Test
  void concurrentDeliveriesOfOneReferenceCreditOnce() throws Exception {
    long r = appMember();
    done(charge(r, ChargeChannel.WINDOW, 1_000, ref())); // the wallet exists
    String ref = ref();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<CreditOutcome>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> charge(r, ChargeChannel.BANK, 10_000, ref));
      }
      for (Future<CreditOutcome> f : pool.invokeAll(calls)) {
        assertEquals(10_100, done(f.get()).creditedYen());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1_010 + 10_100, balances.balance(r, MONEY));
    assertEquals(1L, db.count("charge WHERE external_ref = '" + ref + "'"));
  }

  // ------------------------------------------------------------------

  @Test
  void aServiceThatNeedsMyNumberVerificationRefusesUnverifiedResidents_R21() {
    // The demo's わかばコイン needs the verification for the resident's own online charges.
    long r = (Long) fixtures.newUnverifiedAppMember()[0];
    var no =
        refused(charge(r, ChargeChannel.CREDIT_CARD, 1_000, ref()), Refusal.IDENTITY_NOT_VERIFIED);
    assertEquals("わかばコインのチャージには、先にマイナンバーカードによる本人確認が必要です。", no.message(Locale.JAPANESE));
    assertEquals(
        "Charging Wakaba Coin requires My Number Card verification first.",
        no.message(Locale.ENGLISH));
    refused(charge(r, ChargeChannel.BANK, 1_000, ref()), Refusal.IDENTITY_NOT_VERIFIED);
    // The ATM too: nobody looks at documents there (seed 002: さいコイン charges need it).
    refused(charge(r, ChargeChannel.ATM, 1_000, ref()), Refusal.IDENTITY_NOT_VERIFIED);
    assertEquals(0, balances.balance(r, MONEY));
    // At the city window the clerk checks the resident's documents instead.
    assertEquals(1_010, done(charge(r, ChargeChannel.WINDOW, 1_000, ref())).creditedYen());

    fixtures.execute(
        "UPDATE resident SET identity_verified_at = CURRENT_TIMESTAMP WHERE id = " + r);
    // R-21 (さいコイン): 1,000 to 49,000 per charge by credit card.
    assertEquals(49_490, done(charge(r, ChargeChannel.CREDIT_CARD, 49_000, ref())).creditedYen());
    refused(charge(r, ChargeChannel.CREDIT_CARD, 49_001, ref()), Refusal.CHARGE_ABOVE_MAXIMUM);
  }

  // ------------------------------------------------------------------

  @Test
  void aBonusInAnotherServiceIsPaidByTheNextDayOnce_R22() {
    long r = appMember();
    CreditView credit = done(charge(r, ChargeChannel.BANK, 10_000, ref()));
    // The premium in the charged service comes at once ...
    assertEquals(10_100, credit.creditedYen());
    // ...the 3 % in points waits for the next day's job.
    assertEquals(0, balances.balance(r, POINT));
    assertEquals(
        List.of(new BalanceQuery.PendingBonus(POINT, 300, today.plusDays(1))),
        balances.pendingBonuses(r));

    var sameDay = bonuses.payDueBonuses(today);
    assertEquals(0, balances.balance(r, POINT), "not before the next day: " + sameDay);

    var nextDay = bonuses.payDueBonuses(today.plusDays(1));
    assertTrue(nextDay.paid() >= 1, nextDay.toString());
    assertEquals(300, balances.balance(r, POINT));
    assertEquals(List.of(), balances.pendingBonuses(r));
    var lots = balances.balances(r).stream().filter(b -> b.serviceCode().equals(POINT)).toList();
    assertEquals(
        ExpiryRules.fiscalYearEnd(today.plusDays(1)), lots.get(0).lots().get(0).expiresOn());

    bonuses.payDueBonuses(today.plusDays(2)); // a second run (or a second node) pays nothing more
    assertEquals(300, balances.balance(r, POINT));
    assertEquals(
        1L,
        db.count(
            "transfer WHERE resident_id = " + r + " AND operation = 'GRANT' AND amount_yen = 300"));
  }

  // ------------------------------------------------------------------ language

  @Test
  void refusalsNameTheServiceAndChannelInTheReadersLanguage() {
    long r = appMember();
    var no =
        refused(
            charges.charge(new ChargeRequest(r, POINT, ChargeChannel.BANK, 1_000, ref(), "t")),
            Refusal.NOT_CHARGEABLE);
    assertEquals("わかばポイントはチャージできません。", no.message(Locale.JAPANESE));
    assertEquals("Wakaba Points cannot be charged.", no.message(Locale.ENGLISH));
  }
}
