package org.jimoto.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.HeldTransaction;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestClock;
import org.jimoto.TestQueries;
import org.jimoto.charge.boundary.BonusService;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ChargeRequest;
import org.jimoto.charge.boundary.ChargeService;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.grant.StaffCallers;
import org.jimoto.grant.boundary.GrantService;
import org.jimoto.grant.control.UnboundedTestGrants;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.ledger.boundary.ExpiryService;
import org.jimoto.ledger.boundary.LedgerInvariants;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentService;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.resident.boundary.CardInquiries;
import org.jimoto.resident.boundary.CardMigrations;
import org.jimoto.resident.boundary.CardMigrations.Done;
import org.jimoto.resident.boundary.CardMigrations.Reason;
import org.jimoto.resident.boundary.CardMigrations.Start;
import org.jimoto.resident.boundary.CardSecurityCodes;
import org.jimoto.resident.control.CardMover;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * R-84 card-to-app migration and R-85 balance inquiry, in the ledger: the card's lots move with
 * their expiry in one journal entry that sums to zero, the card is disabled, a repeated request
 * moves nothing twice, another person's card and a disabled card are refused and change nothing.
 * Every test ends with the ledger's invariant check. On PostgreSQL every test class of a run shares
 * one database, so each test makes its own residents, with phones of their own.
 */
@ExtendWith(ArquillianExtension.class)
class CardMigrationIntegrationTest {

  private static final Pattern SIX_DIGITS = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
  private static final AtomicInteger PHONES = new AtomicInteger();
  private static final LocalDate BIRTHDAY = LocalDate.of(1950, 6, 15);

  @Deployment
  static WebArchive deployment() {
    return StaffCallers.withRolePrincipals(
        FoundationDeployment.create(
            TestQueries.class, LedgerFixtures.class, TestClock.class, HeldTransaction.class));
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject TestQueries db;
  @Inject ChargeService charges;
  @Inject GrantService grants;
  @Inject UnboundedTestGrants unboundedGrants; // money value without a charge (R-83 test path)
  @Inject StaffCallers.AsAdmin cityAdmin; // GrantService is guarded by role (#11 review 3)
  @Inject BalanceQuery balances;
  @Inject LedgerInvariants invariants;
  @Inject CardSecurityCodes securityCodes;
  @Inject CardMigrations migrations;
  @Inject CardInquiries inquiries;
  @Inject CardMover mover;
  @Inject PaymentService payments;
  @Inject BonusService bonuses;
  @Inject HeldTransaction held;
  @Inject ExpiryService expiry;

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

  /** A card with 3,000 charged (+1 % premium) and 200 points, its owner's app account, codes. */
  private record Pair(long card, String code, String security, String phone, long app) {}

  private Pair cardAndOwner(String kana) {
    String phone = phone();
    Object[] card = fixtures.newCardMember(kana, BIRTHDAY, phone);
    long cardId = (Long) card[0];
    String code = (String) card[1];
    assertInstanceOf(
        CreditOutcome.Done.class,
        charges.charge(
            new ChargeRequest(
                cardId, "WAKABA_COIN", ChargeChannel.WINDOW, 3_000, "mig-" + code, "test")));
    assertInstanceOf(
        CreditOutcome.Done.class,
        cityAdmin.call(
            () ->
                grants.grant(
                    cardId, "WAKABA_POINT", 200, LocalDate.now().plusMonths(3), "イベント参加")));
    String security = securityCodes.issue("test-clerk", code);
    long app = fixtures.newAppMember(kana.replace(" ", "　"), BIRTHDAY); // full-width space
    return new Pair(cardId, code, security, phone, app);
  }

  private static String phone() {
    int n = (int) (System.nanoTime() % 10_000) + PHONES.incrementAndGet() * 7;
    return String.format("070-%04d-%04d", n % 10_000, PHONES.get() % 10_000);
  }

  private String newestCodeTo(String phone) {
    List<Object> bodies =
        db.column("SELECT body FROM simulated_sms WHERE phone = '" + phone + "' ORDER BY id DESC");
    assertFalse(bodies.isEmpty(), "an SMS went to " + phone);
    Matcher m = SIX_DIGITS.matcher((String) bodies.get(0));
    assertTrue(m.find(), "a code in " + bodies.get(0));
    return m.group(1);
  }

  private long smsCount(String phone) {
    return ((Number) db.single("SELECT COUNT(*) FROM simulated_sms WHERE phone = '" + phone + "'"))
        .longValue();
  }

  private List<String> lots(long resident) {
    return balances.balances(resident).stream()
        .flatMap(
            b ->
                b.lots().stream()
                    .map(
                        l ->
                            b.serviceCode()
                                + " "
                                + l.kind()
                                + " "
                                + l.remainingYen()
                                + " "
                                + l.expiresOn()))
        .sorted()
        .toList();
  }

  private long total(long resident) {
    return balances.balances(resident).stream().mapToLong(BalanceQuery.Balance::balanceYen).sum();
  }

  private Done move(Pair p) {
    Start start = migrations.start(p.app(), p.code(), p.security(), Locale.JAPANESE);
    assertInstanceOf(Start.CodeSent.class, start, start.toString());
    Done done =
        migrations.complete(p.app(), p.code(), newestCodeTo(p.phone()), "tester@example.jp");
    assertInstanceOf(Done.Moved.class, done, done.toString());
    return done;
  }

  @Test
  void lotsMoveWithTheirExpiryInOneEntryThatSumsToZero_andTheCardIsDisabled_R84() {
    Pair p = cardAndOwner("イコウ テスト");
    List<String> cardLots = lots(p.card());
    assertEquals(3, cardLots.size(), "charged, premium and granted lots: " + cardLots);
    long cardTotal = total(p.card());
    assertEquals(3_230, cardTotal);

    Start start = migrations.start(p.app(), p.code(), p.security(), Locale.JAPANESE);
    var sent = assertInstanceOf(Start.CodeSent.class, start);
    assertEquals(3_230, sent.totalYen(), "the preview shows what will move");
    assertEquals("***-****-" + p.phone().substring(9), sent.phoneHint());
    Done done =
        migrations.complete(p.app(), p.code(), newestCodeTo(p.phone()), "tester@example.jp");

    var moved = assertInstanceOf(Done.Moved.class, done, done.toString()).moved();
    assertFalse(moved.earlier());
    assertEquals(3_230, moved.totalYen());
    assertEquals(cardLots, lots(p.app()), "the same lots, amounts and expiry dates");
    assertEquals(0, total(p.card()));
    assertEquals(
        Boolean.FALSE,
        db.single("SELECT card_enabled FROM resident WHERE id = " + p.card()),
        "the card is disabled");

    long entry = moved.entryId();
    assertEquals("MIGRATE", db.single("SELECT operation FROM journal_entry WHERE id = " + entry));
    // Per account, what the entry moved: the card wallets lose, the app wallets gain, the
    // migration account passes it on; over all accounts the entry sums to zero.
    List<Object> nets =
        db.column(
            "SELECT a.kind || ':' || COALESCE(CAST(a.resident_id AS VARCHAR(20)), '-') || ':'"
                + " || CAST(SUM(m.delta) AS VARCHAR(20)) FROM (SELECT credit_account_id AS acc,"
                + " amount_yen AS delta FROM transfer WHERE entry_id = "
                + entry
                + " UNION ALL SELECT debit_account_id, -amount_yen FROM transfer WHERE entry_id = "
                + entry
                + ") m JOIN account a ON a.id = m.acc GROUP BY a.id, a.kind, a.resident_id"
                + " ORDER BY a.id");
    long sum = 0;
    long migrationAccount = 0;
    long cardWallets = 0;
    long appWallets = 0;
    for (Object row : nets) {
      String[] f = ((String) row).split(":");
      long net = Long.parseLong(f[2]);
      sum += net;
      if (f[0].equals("CARD_MIGRATION")) {
        migrationAccount += net;
      } else if (f[1].equals(String.valueOf(p.card()))) {
        cardWallets += net;
      } else if (f[1].equals(String.valueOf(p.app()))) {
        appWallets += net;
      }
    }
    assertEquals(0, sum, "the entry sums to zero: " + nets);
    assertEquals(0, migrationAccount, nets.toString());
    assertEquals(-3_230, cardWallets, nets.toString());
    assertEquals(3_230, appWallets, nets.toString());
    assertEquals(
        4L,
        ((Number) db.single("SELECT COUNT(*) FROM transfer WHERE entry_id = " + entry)).longValue(),
        "out and in for each of the two services");
    String audit =
        (String)
            db.column(
                    "SELECT detail FROM audit_event WHERE action = 'CARD_MIGRATE'"
                        + " ORDER BY id DESC")
                .get(0);
    assertTrue(audit.contains("card " + p.code()) && audit.contains("3230 yen"), audit);
  }

  @Test
  void aRepeatedRequestMovesNothingTwice_R84() {
    Pair p = cardAndOwner("ニド テスト");
    String sms;
    assertInstanceOf(
        Start.CodeSent.class, migrations.start(p.app(), p.code(), p.security(), Locale.ENGLISH));
    sms = newestCodeTo(p.phone());
    var first =
        assertInstanceOf(
                Done.Moved.class, migrations.complete(p.app(), p.code(), sms, "tester@example.jp"))
            .moved();
    long transfers = db.count("transfer");
    List<String> appLots = lots(p.app());

    // The same form sent again (a double tap, a reload), and the ledger asked directly.
    var again =
        assertInstanceOf(
                Done.Moved.class, migrations.complete(p.app(), p.code(), sms, "tester@example.jp"))
            .moved();
    assertTrue(again.earlier());
    assertEquals(first.entryId(), again.entryId());
    assertEquals(first.lots(), again.lots());
    CardMover.Moved direct = mover.move(p.card(), p.app(), "tester@example.jp");
    assertTrue(direct.earlier());
    assertInstanceOf(
        Start.AlreadyMoved.class,
        migrations.start(p.app(), p.code(), p.security(), Locale.JAPANESE));

    assertEquals(transfers, db.count("transfer"), "nothing moved twice");
    assertEquals(appLots, lots(p.app()));
    assertEquals(
        1L,
        ((Number)
                db.single(
                    "SELECT COUNT(*) FROM card_migration WHERE card_resident_id = " + p.card()))
            .longValue());
  }

  @Test
  void anotherPersonsCardIsRefusedAndNothingChanges_R84() {
    Pair p = cardAndOwner("ホンニン テスト");
    long stranger = fixtures.newAppMember("タニン テスト", BIRTHDAY);
    long sameNameOtherBirthday = fixtures.newAppMember("ホンニン テスト", BIRTHDAY.plusDays(1));
    long transfers = db.count("transfer");

    for (long app : new long[] {stranger, sameNameOtherBirthday}) {
      Start start = migrations.start(app, p.code(), p.security(), Locale.JAPANESE);
      assertEquals(Reason.NOT_MATCHED, assertInstanceOf(Start.Refused.class, start).reason());
      RefusedException e =
          assertThrows(RefusedException.class, () -> mover.move(p.card(), app, "someone"));
      assertEquals(Refusal.UNKNOWN_RESIDENT, e.refusal());
    }
    assertEquals(0, smsCount(p.phone()), "no code goes to the owner's phone");
    // Even with a code for the owner's own request, another member cannot complete it.
    assertInstanceOf(
        Start.CodeSent.class, migrations.start(p.app(), p.code(), p.security(), Locale.JAPANESE));
    String code = newestCodeTo(p.phone());
    assertInstanceOf(
        Done.Refused.class, migrations.complete(stranger, p.code(), code, "stranger@example.jp"));

    assertEquals(transfers, db.count("transfer"));
    assertEquals(3_230, total(p.card()));
    assertEquals(0, total(stranger));
    assertEquals(
        Boolean.TRUE, db.single("SELECT card_enabled FROM resident WHERE id = " + p.card()));
  }

  @Test
  void aWrongSecurityCodeIsRefusedAndLimited_R84() {
    Pair p = cardAndOwner("アンゴウ テスト");
    String wrong = p.security().equals("000000") ? "111111" : "000000";
    for (int i = 0; i < 5; i++) {
      Start s = migrations.start(p.app(), p.code(), wrong, Locale.JAPANESE);
      assertEquals(Reason.NOT_MATCHED, assertInstanceOf(Start.Refused.class, s).reason());
    }
    Start blocked = migrations.start(p.app(), p.code(), p.security(), Locale.JAPANESE);
    assertEquals(Reason.TOO_MANY_ATTEMPTS, assertInstanceOf(Start.Refused.class, blocked).reason());
    assertEquals(0, smsCount(p.phone()));
  }

  @Test
  void aWrongSmsCodeMovesNothing_R84() {
    Pair p = cardAndOwner("エスエムエス テスト");
    assertInstanceOf(
        Start.CodeSent.class, migrations.start(p.app(), p.code(), p.security(), Locale.JAPANESE));
    String right = newestCodeTo(p.phone());
    String wrong = right.equals("000000") ? "111111" : "000000";
    Done d = migrations.complete(p.app(), p.code(), wrong, "tester@example.jp");
    assertEquals(Reason.CODE_WRONG, assertInstanceOf(Done.Refused.class, d).reason());
    assertEquals(3_230, total(p.card()));
    assertEquals(0, total(p.app()));
  }

  @Test
  void aDisabledCardIsRefused_R84() {
    Pair p = cardAndOwner("テイシ テスト");
    db.update("UPDATE resident SET card_enabled = FALSE WHERE id = " + p.card());
    long transfers = db.count("transfer");

    Start start = migrations.start(p.app(), p.code(), p.security(), Locale.JAPANESE);
    assertEquals(Reason.CARD_DISABLED, assertInstanceOf(Start.Refused.class, start).reason());
    RefusedException e =
        assertThrows(RefusedException.class, () -> mover.move(p.card(), p.app(), "tester"));
    assertEquals(Refusal.CARD_DISABLED, e.refusal());
    assertEquals(transfers, db.count("transfer"));
    assertEquals(3_230, total(p.card()));
    assertEquals(0, smsCount(p.phone()));
  }

  @Test
  void aCardMovedIntoAnotherAccountCannotMoveAgain_R84() {
    Pair p = cardAndOwner("フタリ テスト");
    assertInstanceOf(Done.Moved.class, move(p));
    // The same person with a second app account (R-01 forbids it, but the ledger does not rely
    // on that): the card is disabled for it.
    long second = fixtures.newAppMember("フタリ テスト", BIRTHDAY);
    RefusedException e =
        assertThrows(RefusedException.class, () -> mover.move(p.card(), second, "tester"));
    assertEquals(Refusal.CARD_DISABLED, e.refusal());
    assertEquals(0, total(second));
  }

  @Test
  void valueOverTheHoldingLimitIsRefusedBeforeAnyCode_R14_R84() {
    Pair p = cardAndOwner("ジョウゲン テスト");
    assertInstanceOf(
        CreditOutcome.Done.class,
        charges.charge(
            new ChargeRequest(
                p.app(), "WAKABA_COIN", ChargeChannel.WINDOW, 98_000, "lim-" + p.code(), "t")));
    Start start = migrations.start(p.app(), p.code(), p.security(), Locale.JAPANESE);
    assertEquals(Reason.HOLDING_LIMIT, assertInstanceOf(Start.Refused.class, start).reason());
    RefusedException e =
        assertThrows(RefusedException.class, () -> mover.move(p.card(), p.app(), "tester"));
    assertEquals(Refusal.HOLDING_LIMIT_EXCEEDED, e.refusal());
    assertEquals(3_230, total(p.card()), "the whole move rolled back");
    assertEquals(
        Boolean.TRUE, db.single("SELECT card_enabled FROM resident WHERE id = " + p.card()));
  }

  @Test
  void expiredValueStaysOnTheCardForTheExpiryRun_R13_R84() {
    Pair p = cardAndOwner("キゲン テスト");
    // 150 points granted a year ago that expired last month, not yet swept by the nightly run.
    TestClock.set(LocalDateTime.now().minusYears(1));
    assertInstanceOf(
        CreditOutcome.Done.class,
        cityAdmin.call(
            () ->
                grants.grant(
                    p.card(), "WAKABA_POINT", 150, LocalDate.now().minusMonths(1), "昨年の付与")));
    TestClock.reset();
    assertEquals(3_380, total(p.card()));
    var moved = assertInstanceOf(Done.Moved.class, move(p)).moved();
    assertEquals(3_230, moved.totalYen());
    assertEquals(150, total(p.card()), "the expired lot is left for the expiry run");
    ExpiryService.Run run = expiry.expireDueLots("test");
    assertEquals(0, run.failed(), run.toString());
    assertEquals(0, total(p.card()), "the expiry run leaves the moved card at 0 (R-13)");
    assertEquals(3_230, total(p.app()));
  }

  @Test
  void balanceInquiryAnswersTheSameForUnknownCardsAndShowsTheStatement_R85() {
    Pair p = cardAndOwner("ザンダカ テスト");
    String unknown = org.jimoto.resident.entity.CardCode.of(9_999_990);
    long before = db.count("simulated_sms");
    assertInstanceOf(
        CardInquiries.CodeRequest.Accepted.class,
        inquiries.requestCode(unknown, "192.0.2.10", Locale.JAPANESE));
    assertEquals(before, db.count("simulated_sms"), "no SMS for a card that does not exist");
    assertInstanceOf(
        CardInquiries.CodeRequest.Mistyped.class,
        inquiries.requestCode("12345675", "192.0.2.10", Locale.JAPANESE));
    assertInstanceOf(
        CardInquiries.CodeRequest.Accepted.class,
        inquiries.requestCode(p.code(), "192.0.2.10", Locale.JAPANESE));
    String code = newestCodeTo(p.phone());
    String wrong = code.equals("000000") ? "111111" : "000000";

    var forUnknown = inquiries.statement(unknown, wrong, "192.0.2.10");
    var forReal = inquiries.statement(p.code(), wrong, "192.0.2.10");
    assertInstanceOf(CardInquiries.Answer.CodeNotValid.class, forUnknown);
    assertEquals(forUnknown.getClass(), forReal.getClass(), "one answer for both");

    var shown =
        assertInstanceOf(
            CardInquiries.Answer.Shown.class, inquiries.statement(p.code(), code, "192.0.2.10"));
    var st = shown.statement();
    assertEquals(p.code(), st.memberCode());
    assertTrue(st.enabled());
    assertEquals(3_230, st.balances().stream().mapToLong(BalanceQuery.Balance::balanceYen).sum());
    assertEquals(3, st.recent().size(), "the charge, its premium and the grant");
    assertTrue(st.recent().stream().allMatch(CardInquiries.Recent::credit));
    // The code was single-use.
    assertNotEquals(
        CardInquiries.Answer.Shown.class,
        inquiries.statement(p.code(), code, "192.0.2.10").getClass());
  }

  // ------------------------------------------------- after the move (#10 money review, R-84)

  private static final String COIN = "WAKABA_COIN"; // 1 % premium at the window
  private static final String POINT = "WAKABA_POINT"; // 3 % bonus by the next day
  private static int keys;

  private static LocalDate today() {
    return LocalDate.now(PlatformClock.ZONE);
  }

  private PaymentOutcome payWithCard(Pair p, long yen) {
    return payments.pay(
        new PaymentRequest(
            fixtures.id("terminal", "T0001"),
            "mig-k-" + System.nanoTime() + "-" + keys++,
            p.code(),
            List.of(new PaymentRequest.Leg(COIN, yen)),
            "test"));
  }

  private PaymentView paid(PaymentOutcome outcome) {
    return assertInstanceOf(PaymentOutcome.Done.class, outcome, String.valueOf(outcome)).payment();
  }

  private PaymentOutcome cancel(PaymentView payment) {
    return payments.cancel(
        fixtures.id("shop", payment.shopCode()), payment.paymentId(), "shop-clerk", "returned");
  }

  /** What a resident holds, per service, lot kind and last valid day: the R-43 view of value. */
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

  /** What one journal entry did to each account, as "KIND:resident" (or "KIND:-") → net yen. */
  private Map<String, Long> nets(long entry) {
    Map<String, Long> nets = new TreeMap<>();
    for (Object row :
        db.column(
            "SELECT a.kind || ':' || COALESCE(CAST(a.resident_id AS VARCHAR(20)), '-') || ':'"
                + " || CAST(SUM(m.delta) AS VARCHAR(20)) FROM (SELECT credit_account_id AS acc,"
                + " amount_yen AS delta FROM transfer WHERE entry_id = "
                + entry
                + " UNION ALL SELECT debit_account_id, -amount_yen FROM transfer WHERE entry_id = "
                + entry
                + ") m JOIN account a ON a.id = m.acc GROUP BY a.id, a.kind, a.resident_id")) {
      String[] f = ((String) row).split(":");
      nets.merge(f[0] + ":" + f[1], Long.parseLong(f[2]), Long::sum);
    }
    return nets;
  }

  private long cancelEntryOf(PaymentView payment) {
    return ((Number)
            db.single(
                "SELECT cancel_entry_id FROM payment WHERE payment_ref = '"
                    + payment.paymentId()
                    + "'"))
        .longValue();
  }

  @Test
  void aPaymentCancelledAfterTheMoveIsRefundedToTheAppWithItsLots_R84_R43_R44() {
    Pair p = cardAndOwner("トリケシ テスト");
    Map<String, Long> before = valueByExpiry(p.card()); // 3,000 + 30 premium, 200 points
    PaymentView payment = paid(payWithCard(p, 1_200));
    assertEquals(1_830, balances.balance(p.card(), COIN));
    move(p);
    assertEquals(1_830, balances.balance(p.app(), COIN));

    // The merchant cancels the card payment made before the move: not refused.
    assertInstanceOf(PaymentOutcome.Done.class, cancel(payment));

    assertEquals(3_030, balances.balance(p.app(), COIN), "the app member's balance rises by 1,200");
    assertEquals(0, total(p.card()), "the disabled card stays empty");
    assertEquals(
        before, valueByExpiry(p.app()), "the same value, lot kinds and last valid days (R-43)");

    long entry = cancelEntryOf(payment);
    Map<String, Long> nets = nets(entry);
    assertEquals(0, nets.values().stream().mapToLong(Long::longValue).sum(), nets.toString());
    assertEquals(-1_200, nets.get("SHOP_RECEIVABLE:-"), nets.toString());
    assertEquals(0, nets.get("WALLET:" + p.card()), "the card passes the refund on: " + nets);
    assertEquals(0, nets.get("CARD_MIGRATION:-"), nets.toString());
    assertEquals(1_200, nets.get("WALLET:" + p.app()), nets.toString());
    // the cancellation references the original leg, which is marked cancelled.
    assertEquals(
        payment.legs().get(0).tranId(),
        db.single(
            "SELECT o.tran_id FROM transfer c JOIN transfer o ON o.id = c.target_transfer_id"
                + " WHERE c.entry_id = "
                + entry
                + " AND c.operation = 'USE_CANCEL' AND o.status = 2"));
    assertEquals(
        List.of("MIGRATE", "MIGRATE_OUT", "USE_CANCEL"),
        db.column(
            "SELECT operation FROM transfer WHERE entry_id = " + entry + " ORDER BY operation"));
    assertEquals(
        "CANCELLED",
        db.single("SELECT status FROM payment WHERE payment_ref = '" + payment.paymentId() + "'"));
  }

  @Test
  void aBonusTheCardEarnedIsPaidIntoTheAppAfterTheMove_R22_R84() {
    Pair p = cardAndOwner("ボーナス テスト");
    // 3 % of the 3,000 charged at the window, in points, due the next day.
    assertEquals(
        List.of(new BalanceQuery.PendingBonus(POINT, 90, today().plusDays(1))),
        balances.pendingBonuses(p.card()));
    LocalDate bonusExpiry =
        ((java.sql.Date)
                db.single("SELECT expires_on FROM pending_bonus WHERE resident_id = " + p.card()))
            .toLocalDate();
    move(p);
    assertEquals(200, balances.balance(p.app(), POINT));

    BonusService.Run run = bonuses.payDueBonuses(today().plusDays(1));
    assertEquals(0, run.failed(), run.toString());
    assertEquals(290, balances.balance(p.app(), POINT), "the 90 points land in the app");
    assertEquals(0, total(p.card()), "nothing on the disabled card");
    assertEquals(List.of(), balances.pendingBonuses(p.card()));
    assertEquals(
        90L,
        valueByExpiry(p.app()).get(POINT + " PREMIUM " + bonusExpiry),
        valueByExpiry(p.app()).toString());
    assertEquals(
        1L,
        db.count(
            "transfer WHERE resident_id = "
                + p.app()
                + " AND operation = 'GRANT' AND amount_yen = 90"));

    bonuses.payDueBonuses(today().plusDays(2)); // a second run pays nothing more
    assertEquals(290, balances.balance(p.app(), POINT));
  }

  @Test
  void aChargeOrGrantToTheMovedCardIsRefusedAndChangesNothing_R84() {
    Pair p = cardAndOwner("イコウズミ テスト");
    move(p);
    long transfers = db.count("transfer");

    for (ChargeChannel channel : new ChargeChannel[] {ChargeChannel.WINDOW, ChargeChannel.ATM}) {
      var no =
          assertInstanceOf(
              CreditOutcome.Refused.class,
              charges.charge(
                  new ChargeRequest(
                      p.card(), COIN, channel, 1_000, "moved-" + channel + p.code(), "clerk")));
      assertEquals(Refusal.CARD_MOVED, no.refusal());
      assertEquals(
          "このカードの残高はアプリのアカウントへ移行済みのため、カードはもうご利用いただけません。アプリのアカウントをご利用ください。",
          no.message(Locale.JAPANESE));
      assertTrue(
          no.message(Locale.ENGLISH).contains("moved to an app account"),
          no.message(Locale.ENGLISH));
    }
    var noGrant =
        assertInstanceOf(
            CreditOutcome.Refused.class,
            cityAdmin.call(
                () -> grants.grant(p.card(), POINT, 500, today().plusDays(30), "イベント参加")));
    assertEquals(Refusal.CARD_MOVED, noGrant.refusal());
    // At a terminal the card gets the neutral answer of any unusable card (#8 finding 5).
    var noPayment = assertInstanceOf(PaymentOutcome.Refused.class, payWithCard(p, 100));
    assertEquals(Refusal.CARD_REFUSED, noPayment.refusal());

    assertEquals(transfers, db.count("transfer"), "nothing was booked");
    assertEquals(1L, db.count("charge WHERE resident_id = " + p.card()));
    assertEquals(0, total(p.card()));
    assertEquals(3_230, total(p.app()));
  }

  @Test
  void aRefundOfValueThatHasSinceExpiredStaysOnTheCardForTheExpiryRun_R13_R43_R84() {
    Pair p = cardAndOwner("キゲンギレ トリケシ テスト");
    // Two months ago: 300 granted, valid until last month, and spent at once with the card.
    TestClock.set(LocalDateTime.now().minusMonths(2));
    // Money is never granted: the test-only path puts 300 yen of it on the card.
    unboundedGrants.grant(p.card(), COIN, 300, LocalDate.now().minusMonths(1), "昨年の付与");
    PaymentView payment = paid(payWithCard(p, 300));
    TestClock.reset();
    move(p);
    assertEquals(3_230, total(p.app()));

    assertInstanceOf(PaymentOutcome.Done.class, cancel(payment));
    // R-43 gives the expired lot back to the card; like the move, the refund passes on only
    // spendable value, and the expiry run takes the rest out of the card.
    assertEquals(300, total(p.card()));
    assertEquals(3_230, total(p.app()));
    ExpiryService.Run run = expiry.expireDueLots("test");
    assertEquals(0, run.failed(), run.toString());
    assertEquals(0, total(p.card()), "the moved card ends at 0");
    assertEquals(3_230, total(p.app()));
  }

  /**
   * Runs {@code other} while a card's move holds its transaction open after its work, waits until
   * {@code other} is blocked on a lock, then lets the move commit.
   */
  private <B> B whileMoving(Pair p, Callable<B> other) throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<CardMover.Moved> moving =
          pool.submit(() -> held.move(p.card(), p.app(), done, release));
      assertTrue(done.await(20, TimeUnit.SECONDS), "the move did its work");
      Future<B> second = pool.submit(other);
      assertTrue(db.awaitLockWaiter(5_000), "the other waits for the card's lock");
      release.countDown();
      assertFalse(moving.get().earlier());
      return second.get(20, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void whatArrivesWhileTheCardMovesIsNotLeftOnIt_R84() throws Exception {
    // A merchant's cancel during the move: it waits, then refunds the app account.
    Pair p = cardAndOwner("ドウジ トリケシ テスト");
    PaymentView payment = paid(payWithCard(p, 500));
    PaymentOutcome cancelled = whileMoving(p, () -> cancel(payment));
    assertInstanceOf(PaymentOutcome.Done.class, cancelled, String.valueOf(cancelled));
    assertEquals(0, total(p.card()));
    assertEquals(3_030, balances.balance(p.app(), COIN));

    // A cash charge at the window during the move: it waits, then is refused.
    Pair q = cardAndOwner("ドウジ チャージ テスト");
    CreditOutcome charged =
        whileMoving(
            q,
            () ->
                charges.charge(
                    new ChargeRequest(
                        q.card(), COIN, ChargeChannel.WINDOW, 1_000, "during-" + q.code(), "c")));
    assertEquals(
        Refusal.CARD_MOVED, assertInstanceOf(CreditOutcome.Refused.class, charged).refusal());
    assertEquals(0, total(q.card()));
    assertEquals(3_230, total(q.app()));

    // The bonus job during the move: it waits, then pays the app account.
    Pair r = cardAndOwner("ドウジ ボーナス テスト");
    BonusService.Run run = whileMoving(r, () -> bonuses.payDueBonuses(today().plusDays(1)));
    assertEquals(0, run.failed(), run.toString());
    assertEquals(0, total(r.card()));
    assertEquals(290, balances.balance(r.app(), POINT));
  }
}
