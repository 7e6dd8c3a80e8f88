package org.jimoto.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestQueries;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ChargeRequest;
import org.jimoto.charge.boundary.ChargeService;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.grant.StaffCallers;
import org.jimoto.grant.boundary.GrantService;
import org.jimoto.grant.control.UnboundedTestGrants;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.ledger.boundary.ExpiryService;
import org.jimoto.ledger.boundary.LedgerInvariants;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.control.ExpiryRules;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentRequest.Leg;
import org.jimoto.payment.boundary.PaymentService;
import org.jimoto.payment.boundary.PaymentView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ledger's rules on Payara Micro with the real migrations: charging with premium and limits,
 * lots and expiry, payments (single and combined), refusals, idempotency, cancellation and
 * concurrency. Every test ends with the invariant check.
 */
@ExtendWith(ArquillianExtension.class)
class LedgerIntegrationTest {

  private static final String MONEY = "WAKABA_COIN";
  private static final String POINT = "WAKABA_POINT";
  private static final String GIFT = "WAKABA_GIFT";

  @Deployment
  static WebArchive deployment() {
    return StaffCallers.withRolePrincipals(
        FoundationDeployment.create(TestQueries.class, LedgerFixtures.class));
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject TestQueries db;
  @Inject ChargeService charges;
  @Inject GrantService grants;
  @Inject UnboundedTestGrants unboundedGrants; // gift value: bought, never granted
  @Inject StaffCallers.AsAdmin cityAdmin; // GrantService is guarded by role (#11 review 3)
  @Inject PaymentService payments;
  @Inject BalanceQuery balances;
  @Inject ExpiryService expiry;
  @Inject LedgerInvariants invariants;

  private long mainTerminal; // T0001 at S0001: cards, money, points, gift certificates
  private long stationTerminal; // T0003 at S0002: no cards, no points
  private int keys;

  @BeforeEach
  void demoCity() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    mainTerminal = fixtures.id("terminal", "T0001");
    stationTerminal = fixtures.id("terminal", "T0003");
  }

  @AfterEach
  void ledgerInvariantsHold() {
    var report = invariants.check();
    assertTrue(report.ok(), report.toString());
  }

  // ------------------------------------------------------------------ helpers

  private long resident(Object[] member) {
    return (Long) member[0];
  }

  private CreditView charge(long resident, ChargeChannel channel, long yen) {
    var outcome = charges.charge(new ChargeRequest(resident, MONEY, channel, yen, ref(), "test"));
    return assertInstanceOf(CreditOutcome.Done.class, outcome, String.valueOf(outcome)).credit();
  }

  /** A provider reference not used before (a charge's idempotency key). */
  private String ref() {
    return "ref-" + System.nanoTime() + "-" + keys++;
  }

  private void grant(long resident, String service, long yen) {
    if (!POINT.equals(service)) { // only points are granted (#11 review 2): test-only path
      unboundedGrants.grant(resident, service, yen, LocalDate.now().plusYears(1), "test");
      return;
    }
    assertInstanceOf(
        CreditOutcome.Done.class,
        cityAdmin.call(
            () -> grants.grant(resident, service, yen, LocalDate.now().plusYears(1), "test")));
  }

  private PaymentOutcome pay(long terminal, String payer, String key, Leg... legs) {
    return payments.pay(new PaymentRequest(terminal, key, payer, List.of(legs), "test"));
  }

  private PaymentOutcome pay(long terminal, String payer, Leg... legs) {
    return pay(terminal, payer, "k-" + System.nanoTime() + "-" + keys++, legs);
  }

  private PaymentView paid(PaymentOutcome outcome) {
    return assertInstanceOf(PaymentOutcome.Done.class, outcome, String.valueOf(outcome)).payment();
  }

  private PaymentOutcome.Refused refused(PaymentOutcome outcome, Refusal expected) {
    var r = assertInstanceOf(PaymentOutcome.Refused.class, outcome, String.valueOf(outcome));
    assertEquals(expected, r.refusal());
    return r;
  }

  private long balance(long resident, String service) {
    return balances.balance(resident, service);
  }

  // ------------------------------------------------------------------ charging

  @Test
  void alwaysOnChargeAddsOnePercentPremiumExpiringMarch31_R10() {
    long r = resident(fixtures.newAppMember());
    CreditView credit = charge(r, ChargeChannel.BANK, 10_000);
    assertEquals(10_100, credit.creditedYen());
    assertEquals(10_100, credit.balanceAfterYen());
    LocalDate today = LocalDate.now(org.jimoto.platform.control.PlatformClock.ZONE);
    assertEquals(2, credit.parts().size());
    assertEquals("CHARGED", credit.parts().get(0).lotKind());
    assertEquals(10_000, credit.parts().get(0).amountYen());
    assertEquals(today.plusYears(2).minusDays(1), credit.parts().get(0).expiresOn());
    assertEquals("PREMIUM", credit.parts().get(1).lotKind());
    assertEquals(100, credit.parts().get(1).amountYen());
    assertEquals(ExpiryRules.fiscalYearEnd(today), credit.parts().get(1).expiresOn());
    var lots = balances.balances(r).get(0).lots();
    assertEquals(
        List.of(100L, 10_000L), lots.stream().map(BalanceQuery.Lot::remainingYen).toList());
  }

  @Test
  void bankChargeOverTenThousandIsRefused_R20() {
    long r = resident(fixtures.newAppMember());
    var outcome =
        charges.charge(new ChargeRequest(r, MONEY, ChargeChannel.BANK, 10_001, ref(), "test"));
    var refused = assertInstanceOf(CreditOutcome.Refused.class, outcome);
    assertEquals(Refusal.CHARGE_ABOVE_MAXIMUM, refused.refusal());
    assertEquals("この方法での1回あたりのチャージ上限額は 10,000 円です。", refused.message(Locale.JAPANESE));
    assertEquals(
        "The maximum charge through this channel is 10,000 yen.", refused.message(Locale.ENGLISH));
    assertEquals(0, balance(r, MONEY));
    charge(r, ChargeChannel.BANK, 10_000); // the limit itself is fine
  }

  @Test
  void chargeBeyondTheHoldingLimitOf100000IsRefused_R14() {
    long r = resident(fixtures.newAppMember());
    charge(r, ChargeChannel.WINDOW, 90_000); // + 900 premium
    assertEquals(90_900, balance(r, MONEY));
    var outcome =
        charges.charge(new ChargeRequest(r, MONEY, ChargeChannel.WINDOW, 10_000, ref(), "test"));
    var refused = assertInstanceOf(CreditOutcome.Refused.class, outcome);
    assertEquals(Refusal.HOLDING_LIMIT_EXCEEDED, refused.refusal());
    assertTrue(
        refused.message(Locale.JAPANESE).contains("100,000"), refused.message(Locale.JAPANESE));
    assertEquals(90_900, balance(r, MONEY));
    charge(r, ChargeChannel.WINDOW, 9_000); // 90,900 + 9,090 = 99,990: allowed
    assertEquals(99_990, balance(r, MONEY));
  }

  @Test
  void windowChargesAreInThousandsAndPointsCannotBeCharged_R20() {
    long r = resident(fixtures.newAppMember());
    var units =
        charges.charge(new ChargeRequest(r, MONEY, ChargeChannel.WINDOW, 1_500, ref(), "test"));
    assertEquals(Refusal.CHARGE_NOT_IN_UNITS, ((CreditOutcome.Refused) units).refusal());
    var points =
        charges.charge(new ChargeRequest(r, POINT, ChargeChannel.BANK, 1_000, ref(), "test"));
    assertEquals(Refusal.NOT_CHARGEABLE, ((CreditOutcome.Refused) points).refusal());
    var small = charges.charge(new ChargeRequest(r, MONEY, ChargeChannel.BANK, 999, ref(), "test"));
    assertEquals(Refusal.CHARGE_BELOW_MINIMUM, ((CreditOutcome.Refused) small).refusal());
    assertEquals(0, balance(r, MONEY));
  }

  // ------------------------------------------------------------------ paying

  @Test
  void paymentsTakeTheEarliestExpiringLotFirst_R10() {
    Object[] m = fixtures.newAppMember();
    charge(resident(m), ChargeChannel.BANK, 10_000); // lots: premium 100 (FY end), charged 10,000
    PaymentView p = paid(pay(mainTerminal, (String) m[1], new Leg(MONEY, 150)));
    assertEquals(9_950, p.legs().get(0).balanceAfterYen());
    var lots = balances.balances(resident(m)).get(0).lots();
    assertEquals(List.of("CHARGED"), lots.stream().map(BalanceQuery.Lot::kind).toList());
    assertEquals(9_950, lots.get(0).remainingYen());
  }

  @Test
  void combinedPaymentOf500Plus500IsOnePaymentAndCancelsAsOne_R33_R43() {
    Object[] m = fixtures.newAppMember();
    long r = resident(m);
    grant(r, GIFT, 1_000);
    grant(r, POINT, 1_000);
    PaymentView p = paid(pay(mainTerminal, (String) m[1], new Leg(GIFT, 500), new Leg(POINT, 500)));
    assertEquals(1_000, p.amountYen());
    assertEquals(2, p.legs().size());
    assertNotEquals(p.legs().get(0).tranId(), p.legs().get(1).tranId());
    assertEquals(500, balance(r, GIFT));
    assertEquals(500, balance(r, POINT));
    assertEquals(1L, db.count("payment where payment_ref = '" + p.paymentId() + "'"));

    long shop = fixtures.id("shop", "S0001");
    PaymentView cancelled =
        assertInstanceOf(PaymentOutcome.Done.class, payments.cancel(shop, p.paymentId(), "shop"))
            .payment();
    assertEquals("CANCELLED", cancelled.status());
    assertEquals(1_000, balance(r, GIFT));
    assertEquals(1_000, balance(r, POINT));
    // the very lots are whole again, with their expiry.
    assertEquals(
        0L,
        db.count(
            "value_lot l join account a on a.id = l.account_id where a.resident_id = "
                + r
                + " and l.remaining_yen <> l.amount_yen"));
    // the originals stay, marked cancelled; the cancel is its own transfers referencing them.
    assertEquals(
        2L,
        db.count("transfer where resident_id = " + r + " and operation = 'USE' and status = 2"));
    assertEquals(
        2L,
        db.count(
            "transfer where resident_id = "
                + r
                + " and operation = 'USE_CANCEL' and target_transfer_id is not null"));
    refused(payments.cancel(shop, p.paymentId(), "shop"), Refusal.ALREADY_CANCELLED);
  }

  @Test
  void insufficientBalanceIsRefusedWithAClearMessageAndChangesNothing_R34() {
    Object[] m = fixtures.newAppMember();
    charge(resident(m), ChargeChannel.BANK, 1_000); // 1,010
    long paymentsBefore = db.count("payment");
    var r =
        refused(
            pay(mainTerminal, (String) m[1], new Leg(MONEY, 1_011)), Refusal.INSUFFICIENT_BALANCE);
    assertEquals("わかばコインの残高が不足しています(残高 1,010 円、支払額 1,011 円)。", r.message(Locale.JAPANESE));
    assertEquals(1_010, balance(resident(m), MONEY));
    assertEquals(paymentsBefore, db.count("payment"));
    // A combined payment with one short leg changes neither leg.
    grant(resident(m), POINT, 100);
    refused(
        pay(mainTerminal, (String) m[1], new Leg(MONEY, 500), new Leg(POINT, 101)),
        Refusal.INSUFFICIENT_BALANCE);
    assertEquals(1_010, balance(resident(m), MONEY));
    assertEquals(100, balance(resident(m), POINT));
  }

  @Test
  void shopsAcceptOnlyTheirServicesAndCardsOnlyWhereFlagged_R01_R03() {
    Object[] app = fixtures.newAppMember();
    grant(resident(app), POINT, 1_000);
    refused(
        pay(stationTerminal, (String) app[1], new Leg(POINT, 100)), Refusal.SERVICE_NOT_ACCEPTED);

    Object[] card = fixtures.newCardMember();
    charge(resident(card), ChargeChannel.WINDOW, 3_000);
    // refused at a shop that takes no cards, with the neutral answer (#8 finding 5).
    refused(pay(stationTerminal, (String) card[1], new Leg(MONEY, 100)), Refusal.CARD_REFUSED);
    paid(pay(mainTerminal, (String) card[1], new Leg(MONEY, 100)));
    grant(resident(card), GIFT, 1_000); // gift certificates are app-only in the demo city
    refused(
        pay(mainTerminal, (String) card[1], new Leg(GIFT, 100)),
        Refusal.CARD_NOT_USABLE_FOR_SERVICE);

    fixtures.execute("UPDATE resident SET card_enabled = FALSE WHERE id = " + resident(card));
    refused(pay(mainTerminal, (String) card[1], new Leg(MONEY, 100)), Refusal.CARD_REFUSED);
    assertEquals(2_930, balance(resident(card), MONEY));
  }

  @Test
  void badAmountsAndUnknownPayersAreRefused() {
    Object[] m = fixtures.newAppMember();
    charge(resident(m), ChargeChannel.BANK, 10_000);
    refused(pay(mainTerminal, (String) m[1], new Leg(MONEY, 0)), Refusal.AMOUNT_NOT_POSITIVE);
    refused(pay(mainTerminal, (String) m[1], new Leg(MONEY, -5)), Refusal.AMOUNT_NOT_POSITIVE);
    refused(pay(mainTerminal, (String) m[1], new Leg(MONEY, 100_001)), Refusal.AMOUNT_TOO_LARGE);
    refused(pay(mainTerminal, (String) m[1]), Refusal.NO_PAYMENT_LEGS);
    refused(
        pay(mainTerminal, (String) m[1], new Leg(MONEY, 1), new Leg(MONEY, 2)),
        Refusal.DUPLICATE_SERVICE_LEG);
    refused(pay(mainTerminal, (String) m[1], new Leg("NOPE", 1)), Refusal.UNKNOWN_SERVICE);
    refused(pay(mainTerminal, "Pnot-a-token", new Leg(MONEY, 1)), Refusal.UNKNOWN_RESIDENT);
    refused(
        pay(mainTerminal, (String) m[1], "", new Leg(MONEY, 1)), Refusal.IDEMPOTENCY_KEY_MISSING);
    refused(
        pay(mainTerminal, (String) m[1], "bad key!", new Leg(MONEY, 1)),
        Refusal.IDEMPOTENCY_KEY_INVALID);
    assertEquals(10_100, balance(resident(m), MONEY));
  }

  @Test
  void maintenanceWindowRefusesPaymentsAndCharges_R57() {
    Object[] m = fixtures.newAppMember();
    charge(resident(m), ChargeChannel.BANK, 1_000);
    // Platform time is Asia/Tokyo wall-clock time (the JVM may run in UTC).
    var now =
        java.time.LocalDateTime.now(org.jimoto.platform.control.PlatformClock.ZONE).withNano(0);
    fixtures.execute(
        "INSERT INTO maintenance_window (id, starts_at, ends_at, note, message_ja, message_en,"
            + " announced_at, created_by) VALUES (999001, TIMESTAMP '"
            + now.minusHours(1).toString().replace('T', ' ')
            + "', TIMESTAMP '"
            + now.plusHours(1).toString().replace('T', ' ')
            + "', 'test', 'サーバー移設中です。', 'Moving servers.', TIMESTAMP '"
            + now.minusDays(1).toString().replace('T', ' ')
            + "', 'test')");
    org.jimoto.ledger.control.Catalog.forgetMaintenanceWindows();
    try {
      var r = refused(pay(mainTerminal, (String) m[1], new Leg(MONEY, 100)), Refusal.MAINTENANCE);
      assertTrue(r.message(Locale.JAPANESE).contains("メンテナンス中"));
      // The window's own message, in the resident's or the POS's language (#10).
      assertTrue(r.message(Locale.JAPANESE).endsWith("サーバー移設中です。"), r.message(Locale.JAPANESE));
      assertTrue(r.message(Locale.ENGLISH).endsWith("Moving servers."), r.message(Locale.ENGLISH));
      var c =
          charges.charge(
              new ChargeRequest(resident(m), MONEY, ChargeChannel.BANK, 1_000, ref(), "t"));
      assertEquals(Refusal.MAINTENANCE, ((CreditOutcome.Refused) c).refusal());
    } finally {
      fixtures.execute("DELETE FROM maintenance_window WHERE id = 999001");
      org.jimoto.ledger.control.Catalog.forgetMaintenanceWindows();
    }
    assertEquals(1_010, balance(resident(m), MONEY));
  }

  // ------------------------------------------------------------------ idempotency, cancellation

  @Test
  void aRetriedRequestNeverChargesTwice_R35() {
    Object[] m = fixtures.newAppMember();
    charge(resident(m), ChargeChannel.BANK, 10_000);
    PaymentView first = paid(pay(mainTerminal, (String) m[1], "order-42", new Leg(MONEY, 1_000)));
    PaymentView again = paid(pay(mainTerminal, (String) m[1], "order-42", new Leg(MONEY, 1_000)));
    assertEquals(first.paymentId(), again.paymentId());
    assertTrue(again.replayed());
    assertEquals(9_100, balance(resident(m), MONEY));
    refused(
        pay(mainTerminal, (String) m[1], "order-42", new Leg(MONEY, 2_000)),
        Refusal.IDEMPOTENCY_KEY_REUSED);
    // Keys are per terminal: the same key at another terminal is another payment.
    paid(pay(fixtures.id("terminal", "T0002"), (String) m[1], "order-42", new Leg(MONEY, 1_000)));
    assertEquals(8_100, balance(resident(m), MONEY));
  }

  @Test
  void onlyTheShopThatTookAnOpenPaymentCanCancelIt_R40_R41() {
    Object[] m = fixtures.newAppMember();
    charge(resident(m), ChargeChannel.BANK, 10_000);
    PaymentView p = paid(pay(mainTerminal, (String) m[1], new Leg(MONEY, 1_000)));
    refused(
        payments.cancel(fixtures.id("shop", "S0002"), p.paymentId(), "other"),
        Refusal.PAYMENT_NOT_FOUND);
    fixtures.execute(
        "UPDATE transfer SET closed = TRUE WHERE entry_id = (SELECT entry_id FROM payment"
            + " WHERE payment_ref = '"
            + p.paymentId()
            + "')");
    var closed =
        refused(
            payments.cancel(fixtures.id("shop", "S0001"), p.paymentId(), "s"),
            Refusal.SETTLEMENT_CLOSED);
    assertEquals("締め日を超えた取消はできません。", closed.message(Locale.JAPANESE));
    assertEquals(9_100, balance(resident(m), MONEY));
  }

  @Test
  void sixtyFourParallelPaymentsOf1000AgainstTenThousandMakeExactlyTen_R34() throws Exception {
    Object[] m = fixtures.newAppMember();
    grant(resident(m), POINT, 10_000);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Callable<PaymentOutcome>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        calls.add(() -> pay(mainTerminal, (String) m[1], new Leg(POINT, 1_000)));
      }
      int done = 0;
      int refusedForBalance = 0;
      for (Future<PaymentOutcome> f : pool.invokeAll(calls)) {
        PaymentOutcome o = f.get();
        if (o instanceof PaymentOutcome.Done) {
          done++;
        } else if (((PaymentOutcome.Refused) o).refusal() == Refusal.INSUFFICIENT_BALANCE) {
          refusedForBalance++;
        }
      }
      assertEquals(10, done);
      assertEquals(54, refusedForBalance);
      assertEquals(0, balance(resident(m), POINT));

      // The same request retried 16 times at once: one payment, one debit.
      grant(resident(m), POINT, 1_000);
      List<Callable<PaymentOutcome>> retries = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        retries.add(() -> pay(mainTerminal, (String) m[1], "retry-1", new Leg(POINT, 700)));
      }
      Set<String> ids =
          pool.invokeAll(retries).stream()
              .map(f -> paid(get(f)).paymentId())
              .collect(Collectors.toSet());
      assertEquals(1, ids.size());
      assertEquals(300, balance(resident(m), POINT));
      assertEquals(1L, db.count("payment where idempotency_key = 'retry-1'"));
    } finally {
      pool.shutdownNow();
    }
  }

  private static PaymentOutcome get(Future<PaymentOutcome> f) {
    try {
      return f.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ grants and expiry

  @Test
  void grantsHaveAFixedExpiryAndCanBeCancelledOnlyWhileUnused_R12() {
    Object[] m = fixtures.newAppMember();
    long r = resident(m);
    var past =
        cityAdmin.call(() -> grants.grant(r, POINT, 3_000, LocalDate.of(2024, 2, 29), "My Number"));
    assertEquals(Refusal.EXPIRY_IN_THE_PAST, ((CreditOutcome.Refused) past).refusal());
    LocalDate fixed = LocalDate.now().plusMonths(3);
    var g =
        assertInstanceOf(
            CreditOutcome.Done.class,
            cityAdmin.call(() -> grants.grant(r, POINT, 3_000, fixed, "x")));
    assertEquals(fixed, g.credit().parts().get(0).expiresOn());
    String grantTran = g.credit().parts().get(0).tranId();
    assertTrue(cityAdmin.call(() -> grants.cancelGrant(grantTran, "mistake")).isEmpty());
    assertEquals(0, balance(r, POINT));
    assertEquals(
        Refusal.ALREADY_CANCELLED,
        cityAdmin.call(() -> grants.cancelGrant(grantTran, "mistake")).orElseThrow().refusal());

    var used =
        assertInstanceOf(
            CreditOutcome.Done.class,
            cityAdmin.call(() -> grants.grant(r, POINT, 3_000, fixed, "x")));
    paid(pay(mainTerminal, (String) m[1], new Leg(POINT, 1)));
    assertEquals(
        Refusal.GRANT_ALREADY_USED,
        cityAdmin
            .call(() -> grants.cancelGrant(used.credit().parts().get(0).tranId(), "mistake"))
            .orElseThrow()
            .refusal());
    assertEquals(2_999, balance(r, POINT));
  }

  @Test
  void expiredValueIsNotSpendableAndLeavesThroughAnExpiryEntry_R13() {
    Object[] m = fixtures.newAppMember();
    long r = resident(m);
    grant(r, POINT, 800);
    grant(r, GIFT, 500);
    // Time passes: the point lot's last valid day was yesterday.
    LocalDate yesterday =
        LocalDate.now(org.jimoto.platform.control.PlatformClock.ZONE).minusDays(1);
    fixtures.execute(
        "UPDATE value_lot SET expires_on = DATE '"
            + yesterday
            + "' WHERE account_id = (SELECT id FROM"
            + " account WHERE resident_id = "
            + r
            + " AND kind = 'WALLET' AND service_id ="
            + " (SELECT id FROM value_service WHERE code = 'WAKABA_POINT'))");
    refused(pay(mainTerminal, (String) m[1], new Leg(POINT, 1)), Refusal.INSUFFICIENT_BALANCE);
    var run = expiry.expireDueLots("test");
    assertTrue(run.wallets() >= 1 && run.expiredYen() >= 800, run.toString());
    assertEquals(0, balance(r, POINT));
    assertEquals(500, balance(r, GIFT)); // unexpired value stays
    assertEquals(
        1L,
        db.count(
            "transfer where resident_id = "
                + r
                + " and operation = 'EXPIRE' and amount_yen = 800"));
    assertEquals(0, expiry.expireDueLots("test").expiredYen(), "nothing left to expire");
  }

  // ------------------------------------------------------------------ invariant checker

  @Test
  void theInvariantCheckerFindsABrokenLedger() {
    Object[] m = fixtures.newAppMember();
    long r = resident(m);
    charge(r, ChargeChannel.BANK, 1_000);
    PaymentView paid = paid(pay(mainTerminal, (String) m[1], new Leg(MONEY, 300)));
    long wallet =
        ((Number)
                db.single(
                    "SELECT account_id FROM wallet w JOIN account a ON a.id = w.account_id"
                        + " WHERE a.resident_id = "
                        + r
                        + " AND a.kind = 'WALLET'"))
            .longValue();
    String leg = paid.legs().get(0).tranId();
    try {
      // A balance changed behind the ledger's back: it no longer matches its lots or transfers.
      fixtures.execute(
          "UPDATE wallet SET balance_yen = balance_yen + 1 WHERE account_id = " + wallet);
      var report = invariants.check();
      assertEquals(2, report.violations().size(), report.toString());
      assertTrue(
          report
              .violations()
              .get(0)
              .startsWith("every wallet balance equals the sum of its open lots"));
      assertTrue(
          report
              .violations()
              .get(1)
              .startsWith("every wallet balance equals its credits minus its debits"));
      fixtures.execute(
          "UPDATE wallet SET balance_yen = balance_yen - 1 WHERE account_id = " + wallet);

      // A payment leg marked cancelled without a cancellation entry.
      fixtures.execute("UPDATE transfer SET status = 2 WHERE tran_id = '" + leg + "'");
      report = invariants.check();
      assertTrue(
          report.violations().stream()
              .anyMatch(v -> v.startsWith("every cancelled original has exactly one cancellation")),
          report.toString());
    } finally {
      fixtures.execute("UPDATE transfer SET status = 1 WHERE tran_id = '" + leg + "'");
    }
    assertTrue(invariants.check().ok());
  }
}
