package org.jimoto.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.identity.boundary.UserAccountService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.ledger.boundary.LedgerInvariants;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentRequest.Leg;
import org.jimoto.payment.boundary.PaymentService;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.payment.boundary.ResidentPayments;
import org.jimoto.payment.boundary.ResidentPayments.Where;
import org.jimoto.report.boundary.TransactionReports;
import org.jimoto.resident.boundary.PayTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The resident portal's paying (#10 items 4-6) as the ledger serves it: an app member pays at a
 * till named by its store QR token or its terminal code, as the logged-in resident;
 * one key pays once; a retired till is refused; the QR code the portal shows pays once
 * the history and a transfer's detail are the login's own resident's only.
 */
@ExtendWith(ArquillianExtension.class)
class ResidentPaymentsIntegrationTest {

  private static final String MONEY = "WAKABA_COIN";
  private static final String POINTS = "WAKABA_POINT";

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class, LedgerFixtures.class);
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject TestQueries queries;
  @Inject ChargeService charges;
  @Inject BalanceQuery balances;
  @Inject PayTokens payTokens;
  @Inject ResidentPayments payments;
  @Inject PaymentService paymentService;
  @Inject TransactionReports reports;
  @Inject UserAccountService accounts;
  @Inject LedgerInvariants invariants;

  private String code;
  private String till;
  private String token;
  private long resident;
  private String login;
  private String otherLogin;

  @BeforeEach
  void aResidentAndATill() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    code = String.valueOf(System.nanoTime() % 10_000_000);
    fixtures.newShopWithTerminal(code + "A", MONEY);
    till = "T" + code + "A";
    token = (String) queries.single("SELECT qr_token FROM terminal WHERE code = '" + till + "'");
    resident = (Long) fixtures.newAppMember()[0];
    long other = (Long) fixtures.newAppMember()[0];
    login = "res-" + code + "@example.jp";
    otherLogin = "other-" + code + "@example.jp";
    residentLogin(login, resident);
    residentLogin(otherLogin, other);
    for (long r : new long[] {resident, other}) {
      assertInstanceOf(
          CreditOutcome.Done.class,
          charges.charge(
              new ChargeRequest(
                  r, MONEY, ChargeChannel.WINDOW, 2_000, "ref-" + UUID.randomUUID(), "t")));
    }
  }

  @AfterEach
  void ledgerInvariantsHold() {
    var report = invariants.check();
    assertTrue(report.ok(), report.toString());
  }

  private void residentLogin(String name, long residentId) {
    accounts.create(
        Portal.RESIDENT,
        name,
        name,
        null,
        ("Pw-" + name + "-2026").toCharArray(),
        Set.of(Role.RESIDENT),
        a -> a.forResident(residentId));
  }

  private static PaymentView paid(PaymentOutcome outcome) {
    return assertInstanceOf(PaymentOutcome.Done.class, outcome, String.valueOf(outcome)).payment();
  }

  private static Refusal refusal(PaymentOutcome outcome) {
    return assertInstanceOf(PaymentOutcome.Refused.class, outcome, String.valueOf(outcome))
        .refusal();
  }

  @Test
  void aResidentPaysAtATillByItsQrTokenOrItsCodeOncePerKey_R30_R35() {
    var place = payments.place(login, Where.token(token));
    assertEquals(till, place.terminalCode());
    assertTrue(place.options().stream().anyMatch(o -> o.serviceCode().equals(MONEY)));
    assertEquals(till, payments.place(login, Where.code(till.toLowerCase())).terminalCode());

    long before = balances.balance(resident, MONEY);
    String key = UUID.randomUUID().toString();
    var first = paid(payments.pay(login, Where.token(token), key, List.of(new Leg(MONEY, 300))));
    assertFalse(first.replayed());
    var again = paid(payments.pay(login, Where.code(till), key, List.of(new Leg(MONEY, 300))));
    assertTrue(again.replayed(), "the same attempt again is the same payment");
    assertEquals(first.paymentId(), again.paymentId());
    assertEquals(before - 300, balances.balance(resident, MONEY));

    // The other resident's same key is theirs: keys are scoped to the resident.
    long otherBefore = balances.balance(resident, MONEY);
    paid(payments.pay(otherLogin, Where.code(till), key, List.of(new Leg(MONEY, 10))));
    assertEquals(otherBefore, balances.balance(resident, MONEY), "not taken from the first");

    assertEquals(
        Refusal.INSUFFICIENT_BALANCE,
        refusal(
            payments.pay(
                login,
                Where.code(till),
                UUID.randomUUID().toString(),
                List.of(new Leg(MONEY, 99_999)))));
    assertEquals(before - 300, balances.balance(resident, MONEY), "a refusal changes nothing");
  }

  @Test
  void unknownAndRetiredTillsAndNonResidentsAreRefused_R30() {
    var unknown =
        assertThrows(RefusedException.class, () -> payments.place(login, Where.code("T9999999")));
    assertEquals(Refusal.STORE_QR_UNKNOWN, unknown.refusal());
    fixtures.execute("UPDATE terminal SET active = FALSE WHERE code = '" + till + "'");
    var retired =
        assertThrows(RefusedException.class, () -> payments.place(login, Where.token(token)));
    assertEquals(Refusal.STORE_QR_RETIRED, retired.refusal());
    assertEquals(
        Refusal.STORE_QR_RETIRED,
        refusal(
            payments.pay(
                login,
                Where.code(till),
                UUID.randomUUID().toString(),
                List.of(new Leg(MONEY, 1)))));
    var stranger =
        assertThrows(
            RefusedException.class, () -> payments.place("no-such-login", Where.code(till)));
    assertEquals(Refusal.UNKNOWN_RESIDENT, stranger.refusal());
  }

  @Test
  void theQrCodeThePortalShowsPaysOnce_R31() {
    var qr = payTokens.issueSingleUse(login).orElseThrow();
    assertTrue(qr.code().matches("[0-9]{16}"), qr.code());
    assertTrue(payTokens.isWaiting(login, qr.code()));
    assertFalse(payTokens.isWaiting(otherLogin, qr.code()), "not the other resident's");
    long terminal = fixtures.id("terminal", till);

    // A refused payment leaves the code valid.
    assertEquals(
        Refusal.INSUFFICIENT_BALANCE,
        refusal(
            paymentService.pay(
                new PaymentRequest(
                    terminal,
                    "k-" + UUID.randomUUID(),
                    qr.code(),
                    List.of(new Leg(MONEY, 99_999)),
                    "t"))));
    assertTrue(payTokens.isWaiting(login, qr.code()));

    String key = "k-" + UUID.randomUUID();
    var request = new PaymentRequest(terminal, key, qr.code(), List.of(new Leg(MONEY, 100)), "t");
    var first = paid(paymentService.pay(request));
    assertFalse(payTokens.isWaiting(login, qr.code()), "used");
    assertTrue(paid(paymentService.pay(request)).replayed(), "a retry still gets its answer");
    assertEquals(first.paymentId(), paid(paymentService.pay(request)).paymentId());
    assertEquals(
        Refusal.UNKNOWN_RESIDENT,
        refusal(
            paymentService.pay(
                new PaymentRequest(
                    terminal,
                    "k-" + UUID.randomUUID(),
                    qr.code(),
                    List.of(new Leg(MONEY, 100)),
                    "t"))));

    // The demo's and tests' longer tokens stay reusable until they expire.
    String reusable = payTokens.issue(resident);
    paid(
        paymentService.pay(
            new PaymentRequest(
                terminal, "k-" + UUID.randomUUID(), reusable, List.of(new Leg(MONEY, 1)), "t")));
    paid(
        paymentService.pay(
            new PaymentRequest(
                terminal, "k-" + UUID.randomUUID(), reusable, List.of(new Leg(MONEY, 1)), "t")));
  }

  @Test
  void retriesRacingTheirOriginalGetTheOriginalPaymentNotAnEndedCode_R31_R35() throws Exception {
    var qr = payTokens.issueSingleUse(login).orElseThrow();
    long terminal = fixtures.id("terminal", till);
    var request =
        new PaymentRequest(
            terminal, "k-" + UUID.randomUUID(), qr.code(), List.of(new Leg(MONEY, 7)), "t");
    long before = balances.balance(resident, MONEY);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Callable<PaymentOutcome>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(() -> paymentService.pay(request));
      }
      Set<String> ids = new java.util.HashSet<>();
      for (var f : pool.invokeAll(calls)) {
        ids.add(paid(f.get()).paymentId()); // none refused as an unknown (ended) code
      }
      assertEquals(1, ids.size(), "one payment, answered to every retry");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(before - 7, balances.balance(resident, MONEY));
    assertFalse(payTokens.isWaiting(login, qr.code()), "used");
  }

  @Test
  void theHistoryAndATransfersDetailAreTheLoginsOwnOnly_R93() {
    var payment =
        paid(
            payments.pay(
                login,
                Where.code(till),
                UUID.randomUUID().toString(),
                List.of(new Leg(MONEY, 50))));
    String tranId = payment.legs().get(0).tranId();
    var filter =
        new TransactionReports.Filter(
            LocalDateTime.now().minusDays(1),
            LocalDateTime.now().plusDays(1),
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    var own = reports.searchForResident(login, filter, null, 0, 100);
    assertTrue(own.rows().stream().anyMatch(r -> r.tranId().equals(tranId)));
    assertTrue(own.rows().stream().allMatch(r -> r.residentId() == resident), "only theirs");
    var others = reports.searchForResident(otherLogin, filter, null, 0, 100);
    assertTrue(others.rows().stream().noneMatch(r -> r.tranId().equals(tranId)));
    assertTrue(reports.searchForResident("no-such-login", filter, null, 0, 100).rows().isEmpty());

    assertTrue(reports.transferForResident(login, tranId).isPresent());
    assertTrue(
        reports.transferForResident(otherLogin, tranId).isEmpty(), "an edited id shows nothing");

    // Cancelled by the shop: the original lists its cancellation, which names the original.
    long shop = fixtures.id("shop", "S" + code + "A");
    paid(paymentService.cancel(shop, payment.paymentId(), "shop"));
    var detail = reports.transferForResident(login, tranId).orElseThrow();
    assertEquals(2, detail.row().status());
    assertEquals(1, detail.cancellations().size());
    assertEquals(tranId, detail.cancellations().get(0).targetTranId());
    assertTrue(detail.cancellations().get(0).creditsResident());
  }
}
