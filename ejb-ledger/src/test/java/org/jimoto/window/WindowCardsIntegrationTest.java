package org.jimoto.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestClock;
import org.jimoto.TestQueries;
import org.jimoto.audit.boundary.AuditTrail;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.grant.boundary.GrantService;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.ledger.boundary.LedgerInvariants;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentService;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.resident.boundary.CardSecurityCodes;
import org.jimoto.resident.control.CardMover;
import org.jimoto.window.boundary.IdDocument;
import org.jimoto.window.boundary.ResidentLookup;
import org.jimoto.window.boundary.WindowCards;
import org.jimoto.window.boundary.WindowCards.CardHolder;
import org.jimoto.window.boundary.WindowCards.CardState;
import org.jimoto.window.boundary.WindowCards.IssuedCard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The city window in the ledger (#11 items 3, 5): a card issued after an identity document check
 * cash charges in 1,000-yen units, a lost card's balance frozen and moved to a
 * replacement in one journal entry with its exact lots, the auditor refused every change by the
 * container, and every action in the audit log with staff and reason. Each test makes its
 * own card holders (on PostgreSQL the classes of a run share one database) and ends with the
 * ledger's invariant check.
 */
@ExtendWith(ArquillianExtension.class)
class WindowCardsIntegrationTest {

  private static final String COIN = "WAKABA_COIN";
  private static final AtomicInteger SEQ = new AtomicInteger();

  @Deployment
  static WebArchive deployment() {
    // @RunAs needs a principal for each role: the role's own name, as the portal's default
    // principal-to-role mapping gives a login its roles.
    StringBuilder mapping = new StringBuilder();
    for (String role : List.of("CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR")) {
      mapping.append(
          "<security-role-mapping><role-name>"
              + role
              + "</role-name><principal-name>"
              + role
              + "</principal-name></security-role-mapping>");
    }
    return FoundationDeployment.create(
            TestQueries.class,
            LedgerFixtures.class,
            TestClock.class,
            AsClerk.class,
            AsAuditor.class)
        .addAsWebInfResource(
            new org.jboss.shrinkwrap.api.asset.StringAsset(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><glassfish-web-app>"
                    + mapping
                    + "</glassfish-web-app>"),
            "glassfish-web.xml");
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject TestQueries db;
  @Inject LedgerInvariants invariants;
  @Inject BalanceQuery balances;
  @Inject GrantService grants;
  @Inject PaymentService payments;
  @Inject CardSecurityCodes securityCodes;
  @Inject WindowCards window;
  @Inject ResidentLookup lookup;
  @Inject AuditTrail trail;
  @Inject AsClerk clerk;
  @Inject AsAuditor auditor;

  @BeforeEach
  void demoCity() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
  }

  @AfterEach
  void ledgerStillHolds() {
    TestClock.reset();
    var report = invariants.check();
    assertTrue(report.ok(), report.toString());
  }

  private static String unique(String prefix) {
    return prefix + System.nanoTime() + "-" + SEQ.incrementAndGet();
  }

  private IssuedCard issue(String kana) {
    return clerk.call(
        () ->
            window.issue(
                new CardHolder("窓口 太郎", kana, LocalDate.of(1948, 3, 3), "若葉川市本町1-1", null),
                IdDocument.DRIVERS_LICENSE,
                "新規発行の申込み"));
  }

  private CreditView cash(String code, long yen, String receipt) {
    return clerk.call(() -> window.cashCharge(code, COIN, yen, receipt, "現金チャージ受付"));
  }

  private Refusal refusal(Runnable action) {
    return assertThrows(RefusedException.class, action::run).refusal();
  }

  private long auditCount(String action, String detailPart) {
    return ((Number)
            db.single(
                "SELECT COUNT(*) FROM audit_event WHERE action = '"
                    + action
                    + "' AND detail LIKE '%"
                    + detailPart
                    + "%'"))
        .longValue();
  }

  /** What a resident holds, per service, lot kind and last valid day (R-43's view of value). */
  private Map<String, Long> valueByExpiry(long resident) {
    Map<String, Long> value = new TreeMap<>();
    for (BalanceQuery.Balance b : balances.balances(resident)) {
      for (BalanceQuery.Lot l : b.lots()) {
        if (l.remainingYen() > 0) {
          value.merge(
              b.serviceCode() + " " + l.kind() + " " + l.expiresOn(), l.remainingYen(), Long::sum);
        }
      }
    }
    return value;
  }

  @Test
  void aCardIsIssuedWithTheCheckedDocumentKindOnlyAndASecurityCode_R92() {
    IssuedCard card = issue("マドグチ ハッコウ");
    assertEquals(8, card.memberCode().length());
    assertTrue(card.memberCode().startsWith("3"), card.memberCode()); // the window's serials
    assertTrue(securityCodes.matches(card.memberCode(), card.securityCode()));
    assertEquals(
        List.of("DRIVERS_LICENSE|CITY_CLERK"),
        db.column(
            "SELECT id_document || '|' || checked_by FROM card_issue WHERE card_resident_id = "
                + card.residentId()));
    assertEquals(1, auditCount("CARD_ISSUE", "card " + card.memberCode()));
    // The security code is kept only as a hash.
    assertNotEquals(
        card.securityCode(),
        db.single("SELECT card_security_hash FROM resident WHERE id = " + card.residentId()));

    // No document, no card; no reason, no card: nothing is created.
    long residents = db.count("resident");
    assertEquals(
        Refusal.ID_DOCUMENT_MISSING,
        refusal(
            () ->
                clerk.call(
                    () ->
                        window.issue(
                            new CardHolder(
                                "窓口 花子", "マドグチ ハナコ", LocalDate.of(1950, 1, 1), "若葉川市", null),
                            null,
                            "新規"))));
    assertEquals(
        Refusal.REASON_MISSING,
        refusal(
            () ->
                clerk.call(
                    () ->
                        window.issue(
                            new CardHolder(
                                "窓口 花子", "マドグチ ハナコ", LocalDate.of(1950, 1, 1), "若葉川市", null),
                            IdDocument.MY_NUMBER_CARD,
                            " "))));
    assertEquals(residents, db.count("resident"));

    // the phone for the balance inquiry's SMS codes.
    assertEquals(
        Refusal.PHONE_INVALID,
        refusal(
            () ->
                clerk.call(
                    () -> {
                      window.registerPhone(card.memberCode(), "03-1234-5678", "残高照会の登録");
                      return null;
                    })));
    clerk.call(
        () -> {
          window.registerPhone(card.memberCode(), "０９０ １２１２ ３４３４", "残高照会の登録");
          return null;
        });
    assertEquals(
        "090-1212-3434", db.single("SELECT phone FROM resident WHERE id = " + card.residentId()));
    assertEquals(1, auditCount("CARD_PHONE", "card " + card.memberCode()));
  }

  @Test
  void cashIsChargedInThousandYenUnitsOnceAndAuditLogged_R20_R23_R94() {
    IssuedCard card = issue("マドグチ チャージ");
    assertEquals(
        Refusal.CHARGE_NOT_IN_UNITS, refusal(() -> cash(card.memberCode(), 1_500, unique("r-"))));
    assertEquals(
        Refusal.CHARGE_BELOW_MINIMUM, refusal(() -> cash(card.memberCode(), 500, unique("r-"))));
    assertEquals(0, balances.balance(card.residentId(), COIN));

    String receipt = unique("r-");
    CreditView credit = cash(card.memberCode(), 3_000, receipt);
    assertEquals(3_030, credit.creditedYen()); // the always-on 1 % premium
    // A double submit of the same form charges nothing twice (the receipt is the key).
    CreditView again = cash(card.memberCode(), 3_000, receipt);
    assertTrue(again.replayed());
    assertEquals(3_030, balances.balance(card.residentId(), COIN));
    assertEquals(
        List.of("CITY_CLERK|現金チャージ受付 (window receipt " + receipt + ")"),
        db.column(
            "SELECT actor || '|' || reason FROM audit_event WHERE action = 'CASH_CHARGE'"
                + " AND reason LIKE '%"
                + receipt
                + "%'"));
  }

  @Test
  void aLostCardIsFrozenAndItsExactLotsMoveToTheReplacementInOneEntry() {
    IssuedCard card = issue("フンシツ テスト");
    cash(card.memberCode(), 5_000, unique("r-")); // 5,000 charged + 50 premium
    assertInstanceOf(
        CreditOutcome.Done.class,
        clerk.call(
            () ->
                grants.grant(
                    card.residentId(), "WAKABA_POINT", 200, LocalDate.now().plusMonths(3), "行事")));
    long terminal =
        fixtures.newShopWithTerminal(unique("W").substring(0, 12), COIN, "WAKABA_POINT");
    PaymentView before = paid(pay(terminal, card.memberCode(), 1_000)); // made before the loss
    assertEquals(4_050, balances.balance(card.residentId(), COIN));

    clerk.call(
        () -> {
          window.reportLost(card.memberCode(), "紛失の届出");
          return null;
        });
    Map<String, Long> frozen = valueByExpiry(card.residentId());
    assertEquals(4_050, balances.balance(card.residentId(), COIN));
    // Frozen: a charge and a grant say why; a till gets the neutral answer (#8 finding 5).
    assertEquals(Refusal.CARD_LOST, refusal(() -> cash(card.memberCode(), 1_000, unique("r-"))));
    var grant =
        clerk.call(
            () ->
                grants.grant(
                    card.residentId(), "WAKABA_POINT", 10, LocalDate.now().plusDays(9), "x"));
    assertEquals(Refusal.CARD_LOST, assertInstanceOf(CreditOutcome.Refused.class, grant).refusal());
    var refused =
        assertInstanceOf(PaymentOutcome.Refused.class, pay(terminal, card.memberCode(), 100));
    assertEquals(Refusal.CARD_REFUSED, refused.refusal());
    assertEquals(frozen, valueByExpiry(card.residentId()), "nothing moved while frozen");
    assertEquals(CardState.LOST, clerk.call(() -> window.view(card.memberCode(), "照会")).state());

    WindowCards.Replacement replacement =
        clerk.call(() -> window.replaceLost(card.memberCode(), IdDocument.MY_NUMBER_CARD, "再発行"));
    long newCard = replacement.card().residentId();
    CardMover.Moved moved = replacement.moved();
    assertEquals(4_050 + 200, moved.totalYen());
    assertEquals(frozen, valueByExpiry(newCard), "the same lots: kind, amount, expiry");
    assertTrue(valueByExpiry(card.residentId()).isEmpty());
    // One MIGRATE entry, summing to zero, with the old card's lots out and the new one's in.
    assertEquals(
        List.of("MIGRATE"),
        db.column("SELECT operation FROM journal_entry WHERE id = " + moved.entryId()));
    assertEquals(
        0L,
        ((Number)
                db.single(
                    "SELECT SUM(CASE WHEN operation = 'MIGRATE' THEN amount_yen ELSE -amount_yen"
                        + " END) FROM transfer WHERE entry_id = "
                        + moved.entryId()))
            .longValue());
    assertEquals(
        replacement.card().memberCode(),
        clerk.call(() -> window.view(card.memberCode(), "照会")).replacedBy());
    // Replaced once: a second replacement is refused and changes nothing.
    long residents = db.count("resident");
    assertEquals(
        Refusal.CARD_NOT_REPLACEABLE,
        refusal(
            () ->
                clerk.call(
                    () -> window.replaceLost(card.memberCode(), IdDocument.PASSPORT, "再発行"))));
    assertEquals(residents, db.count("resident"));

    // The new card pays; a refund of the lost card's earlier payment follows it there.
    paid(pay(terminal, replacement.card().memberCode(), 50));
    assertEquals(4_000, balances.balance(newCard, COIN));
    assertInstanceOf(
        PaymentOutcome.Done.class,
        payments.cancel(fixtures.id("shop", before.shopCode()), before.paymentId(), "s", "返品"));
    assertEquals(5_000, balances.balance(newCard, COIN));
    assertEquals(0, balances.balance(card.residentId(), COIN));

    assertEquals(1, auditCount("CARD_LOST", "card " + card.memberCode()));
    assertEquals(1, auditCount("CARD_REPLACE_MOVE", "lost card " + card.memberCode()));
  }

  @Test
  void theAuditorReadsButTheContainerRefusesEveryChange_R94() {
    IssuedCard card = issue("カンサ テスト");
    cash(card.memberCode(), 2_000, unique("r-"));
    long events = db.count("audit_event");
    long entries = db.count("journal_entry");

    for (Runnable change :
        List.<Runnable>of(
            () ->
                auditor.call(
                    () -> window.cashCharge(card.memberCode(), COIN, 1_000, unique("a-"), "x")),
            () ->
                auditor.call(
                    () -> {
                      window.reportLost(card.memberCode(), "x");
                      return null;
                    }),
            () ->
                auditor.call(
                    () -> {
                      window.registerPhone(card.memberCode(), "090-5555-6666", "x");
                      return null;
                    }),
            () -> auditor.call(() -> window.moveToApp(card.memberCode(), "hanako@example.jp", "x")),
            () ->
                auditor.call(
                    () ->
                        window.issue(
                            new CardHolder(
                                "監査 不可", "カンサ フカ", LocalDate.of(1960, 1, 1), "若葉川市", null),
                            IdDocument.PASSPORT,
                            "x")))) {
      Throwable e = assertThrows(RuntimeException.class, change::run);
      assertTrue(causedBy(e, EJBAccessException.class), String.valueOf(e));
    }
    assertEquals(entries, db.count("journal_entry"), "no money moved");
    assertEquals(events, db.count("audit_event"), "nothing was done, so nothing was logged");
    assertNull(db.single("SELECT phone FROM resident WHERE id = " + card.residentId()));

    // Reading is allowed, with a reason, and is itself logged.
    assertEquals(
        Refusal.REASON_MISSING,
        refusal(() -> auditor.call(() -> window.view(card.memberCode(), ""))));
    assertEquals(
        2_020,
        auditor.call(() -> window.view(card.memberCode(), "監査のため")).balances().get(0).balanceYen());
    var found = auditor.call(() -> lookup.search("カンサ テ", "監査のため"));
    assertTrue(found.stream().anyMatch(f -> card.memberCode().equals(f.memberCode())));
    assertEquals(events + 2, db.count("audit_event"));

    // The audit log: the auditor's to read and export, not the clerk's.
    Throwable e = assertThrows(RuntimeException.class, () -> clerk.call(() -> trail.find(null)));
    assertTrue(causedBy(e, EJBAccessException.class), String.valueOf(e));
    var cashCharges =
        auditor.call(
            () ->
                trail.find(
                    new AuditTrail.Filter(
                        LocalDate.now().minusDays(1),
                        LocalDate.now().plusDays(1),
                        "CITY_CLERK",
                        "CASH_CHARGE")));
    assertFalse(cashCharges.isEmpty());
    assertTrue(cashCharges.stream().allMatch(x -> x.action().equals("CASH_CHARGE")));
    var csv = new ByteArrayOutputStream();
    long rows =
        auditor.call(
            () -> trail.exportCsv(new AuditTrail.Filter(null, null, null, "CARD_VIEW"), csv));
    String text = csv.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("\uFEFFoccurredAt,portal,actor,action,detail,reason\r\n"), text);
    assertTrue(text.contains("CITY_AUDITOR,CARD_VIEW,card " + card.memberCode() + ",監査のため"), text);
    assertEquals(rows + 1, text.split("\r\n").length);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private PaymentOutcome pay(long terminal, String code, long yen) {
    return payments.pay(
        new PaymentRequest(
            terminal, unique("w-k-"), code, List.of(new PaymentRequest.Leg(COIN, yen)), "test"));
  }

  private static PaymentView paid(PaymentOutcome outcome) {
    return assertInstanceOf(PaymentOutcome.Done.class, outcome, String.valueOf(outcome)).payment();
  }
}
