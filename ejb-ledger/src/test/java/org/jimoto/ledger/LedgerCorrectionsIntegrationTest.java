package org.jimoto.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.charge.entity.PremiumCampaign;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.grant.StaffCallers;
import org.jimoto.grant.boundary.GrantService;
import org.jimoto.grant.control.UnboundedTestGrants;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.ledger.boundary.ExpiryService;
import org.jimoto.ledger.boundary.LedgerInvariants;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.nightly.boundary.NightlyJobs;
import org.jimoto.nightly.boundary.NightlyScheduler;
import org.jimoto.nightly.control.NightlyJob;
import org.jimoto.nightly.control.NightlyRun;
import org.jimoto.nightly.control.NightlyRuns;
import org.jimoto.nightly.control.NightlyStarter;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentRequest.Leg;
import org.jimoto.payment.boundary.PaymentService;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.report.boundary.TransactionReports;
import org.jimoto.report.boundary.TransactionReports.Figure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The defects a review of the ledger found (issue #7), each replayed with the scenario that showed
 * it, on the seeds' values: card expiry (R-11, R-23), nightly jobs that fail per item (R-13, R-22),
 * a charge replay at the holding limit (R-35, R-14), first use under concurrency, balances read
 * under the lock (R-71), concurrent grant cancels (R-42, R-44), a cancel racing the close (R-41), a
 * disabled card (R-84), audit (R-94) and lots given back exactly (R-43). Every test ends with the
 * invariant check.
 */
@ExtendWith(ArquillianExtension.class)
class LedgerCorrectionsIntegrationTest {

  private static final String MONEY = "WAKABA_COIN";
  private static final String POINT = "WAKABA_POINT";

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
  @Inject UnboundedTestGrants unboundedGrants; // money: charged, never granted (R-83)
  @Inject StaffCallers.AsAdmin cityAdmin; // GrantService is guarded by role (#11 review 3)
  @Inject PaymentService payments;
  @Inject BonusService bonuses;
  @Inject ExpiryService expiry;
  @Inject BalanceQuery balances;
  @Inject LedgerInvariants invariants;
  @Inject HeldTransaction held;
  @Inject StaffCallers.AsAuditor auditor;
  @Inject StaffCallers.AsClerk clerk;
  @Inject NightlyJobs nightly;
  @Inject NightlyRuns nightlyRuns;
  @Inject NightlyScheduler nightlyScheduler;
  @Inject TransactionReports reports;

  private long mainTerminal;
  private int refs;

  @BeforeEach
  void demoCity() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    mainTerminal = fixtures.id("terminal", "T0001");
  }

  @AfterEach
  void ledgerInvariantsHold() {
    TestClock.reset();
    var report = invariants.check();
    assertTrue(report.ok(), report.toString());
  }

  // ------------------------------------------------------------------ helpers

  private String ref() {
    return "ref-" + System.nanoTime() + "-" + refs++;
  }

  private LocalDate today() {
    return LocalDate.now(PlatformClock.ZONE);
  }

  private CreditOutcome charge(long resident, ChargeChannel channel, long yen, String ref) {
    return charges.charge(new ChargeRequest(resident, MONEY, channel, yen, ref, "clerk-1"));
  }

  private CreditView done(CreditOutcome outcome) {
    return assertInstanceOf(CreditOutcome.Done.class, outcome, String.valueOf(outcome)).credit();
  }

  private CreditView grant(long resident, String service, long yen, LocalDate expires) {
    if (MONEY.equals(service)) { // only points are granted (#11 review 2): test-only path
      return unboundedGrants.grant(resident, service, yen, expires, "volunteering");
    }
    return done(
        cityAdmin.call(() -> grants.grant(resident, service, yen, expires, "volunteering")));
  }

  private PaymentView paid(PaymentOutcome outcome) {
    return assertInstanceOf(PaymentOutcome.Done.class, outcome, String.valueOf(outcome)).payment();
  }

  private PaymentRequest payment(long terminal, String payer, Leg... legs) {
    return new PaymentRequest(
        terminal, "k-" + System.nanoTime() + "-" + refs++, payer, List.of(legs), "t");
  }

  private long wallet(long resident, String service) {
    return ((Number)
            db.single(
                "SELECT a.id FROM account a JOIN value_service v ON v.id = a.service_id"
                    + " WHERE a.kind = 'WALLET' AND a.resident_id = "
                    + resident
                    + " AND v.code = '"
                    + service
                    + "'"))
        .longValue();
  }

  private void expireLotsOf(long resident, String service, LocalDate lastDay) {
    fixtures.execute(
        "UPDATE value_lot SET expires_on = DATE '"
            + lastDay
            + "' WHERE account_id = "
            + wallet(resident, service));
  }

  private static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Callable<T>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(call);
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(calls)) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ 1. R-11 / R-23

  @Test
  void aCardsChargeCountsTwoYearsFromTheChargeAndTheCardStaysChargeable_R11_R23() {
    Object[] card = fixtures.newCardMember();
    long r = (Long) card[0];
    fixtures.execute("UPDATE resident SET card_purchased_on = DATE '2023-06-01' WHERE id = " + r);
    TestClock.set(LocalDateTime.of(2025, 5, 20, 10, 0));
    CreditView first = done(charge(r, ChargeChannel.WINDOW, 10_000, ref()));
    assertEquals("CHARGED", first.parts().get(0).lotKind());
    assertEquals(LocalDate.of(2027, 5, 19), first.parts().get(0).expiresOn());

    // Two years after the card's purchase it is still a card that takes charges (R-23).
    TestClock.set(LocalDateTime.of(2025, 6, 1, 10, 0));
    CreditView later = done(charge(r, ChargeChannel.WINDOW, 2_000, ref()));
    assertEquals(LocalDate.of(2027, 5, 31), later.parts().get(0).expiresOn());
    assertEquals(12_000, balances.balance(r, MONEY));
  }

  @Test
  void underACampaignThatSaysSoACardsChargedPartCountsFromItsPurchase_R11() {
    // ISECA 令和5年度プレミアムキャンペーン: 30 %, premium until 2024-03-31; charged part 2 years from
    // the charge, on a card from the card's purchase.
    fixtures.newCampaign(
        new PremiumCampaign(
                fixtures.id("value_service", MONEY),
                "令和5年度プレミアムキャンペーン",
                3_000,
                LocalDate.of(2023, 7, 1),
                LocalDate.of(2023, 12, 31),
                LocalDate.of(2024, 3, 31))
            .chargedPartFromCardPurchase());
    long card = (Long) fixtures.newCardMember()[0];
    fixtures.execute(
        "UPDATE resident SET card_purchased_on = DATE '2023-06-01' WHERE id = " + card);
    long oldCard = (Long) fixtures.newCardMember()[0];
    fixtures.execute(
        "UPDATE resident SET card_purchased_on = DATE '2021-04-01' WHERE id = " + oldCard);
    long app = (Long) fixtures.newAppMember()[0];
    TestClock.set(LocalDateTime.of(2023, 10, 2, 10, 0));

    CreditView onCard = done(charge(card, ChargeChannel.WINDOW, 10_000, ref()));
    assertEquals(13_000, onCard.creditedYen());
    assertEquals(LocalDate.of(2025, 5, 31), onCard.parts().get(0).expiresOn());
    assertEquals(3_000, onCard.parts().get(1).amountYen());
    assertEquals(LocalDate.of(2024, 3, 31), onCard.parts().get(1).expiresOn());

    CreditView inApp = done(charge(app, ChargeChannel.BANK, 10_000, ref()));
    assertEquals(LocalDate.of(2025, 10, 1), inApp.parts().get(0).expiresOn());
    assertEquals(3_000, inApp.parts().get(1).amountYen());

    // A card bought over two years before: the campaign's rule would give value already expired,
    // so the campaign does not apply to it; the charge counts from its own day, as any other.
    CreditView old = done(charge(oldCard, ChargeChannel.WINDOW, 10_000, ref()));
    assertEquals(10_000, old.creditedYen());
    assertEquals(LocalDate.of(2025, 10, 1), old.parts().get(0).expiresOn());
  }

  // ------------------------------------------------------------------ 11. R-84 / R-23

  @Test
  void aDisabledCardTakesNoChargeGrantOrBonus_R84_R23() {
    long r = (Long) fixtures.newCardMember()[0];
    done(charge(r, ChargeChannel.WINDOW, 3_000, ref())); // earns 90 points, due tomorrow
    // Lost and disabled the same evening (R-84; a card moved to the app has its bonus paid
    // there instead, CardMigrationIntegrationTest).
    fixtures.execute("UPDATE resident SET card_enabled = FALSE WHERE id = " + r);
    var no =
        assertInstanceOf(
            CreditOutcome.Refused.class, charge(r, ChargeChannel.WINDOW, 3_000, ref()));
    assertEquals(Refusal.CARD_DISABLED, no.refusal());
    var noGrant =
        assertInstanceOf(
            CreditOutcome.Refused.class,
            cityAdmin.call(() -> grants.grant(r, POINT, 500, today().plusDays(30), "event")));
    assertEquals(Refusal.CARD_DISABLED, noGrant.refusal());
    bonuses.payDueBonuses(today().plusDays(1));
    assertEquals(3_030, balances.balance(r, MONEY));
    assertEquals(0, balances.balance(r, POINT));
    assertEquals(1L, db.count("charge WHERE resident_id = " + r));
    assertEquals(
        "CARD_DISABLED",
        db.single("SELECT last_refusal FROM pending_bonus WHERE resident_id = " + r));
  }

  // ------------------------------------------------------------------ 2. R-13, R-22 jobs

  @Test
  void oneFailingWalletDoesNotStopTheExpiryRunAndIsRetried_R13() {
    long broken = (Long) fixtures.newAppMember()[0];
    long healthy = (Long) fixtures.newAppMember()[0];
    LocalDate yesterday = today().minusDays(1);
    grant(broken, POINT, 800, today().plusDays(30));
    grant(healthy, POINT, 800, today().plusDays(30));
    expireLotsOf(broken, POINT, yesterday);
    expireLotsOf(healthy, POINT, yesterday);
    long brokenWallet = wallet(broken, POINT);
    assertTrue(brokenWallet < wallet(healthy, POINT), "the broken wallet is swept first");
    // A wallet whose balance no longer covers its lots: its sweep fails.
    fixtures.execute("UPDATE wallet SET balance_yen = 0 WHERE account_id = " + brokenWallet);
    try {
      ExpiryService.Run run = expiry.expireDueLots("test");
      assertTrue(run.failed() >= 1, run.toString());
      assertEquals(0, balances.balance(healthy, POINT), "the run went on after the failure");
      assertEquals(
          1L, db.count("transfer WHERE resident_id = " + healthy + " AND operation = 'EXPIRE'"));
    } finally {
      fixtures.execute("UPDATE wallet SET balance_yen = 800 WHERE account_id = " + brokenWallet);
    }
    // Mended, the wallet is swept by the next run.
    ExpiryService.Run next = expiry.expireDueLots("test");
    assertEquals(0, next.failed(), next.toString());
    assertEquals(0, balances.balance(broken, POINT));
    assertEquals(
        800L,
        ((Number)
                db.single(
                    "SELECT SUM(amount_yen) FROM transfer WHERE operation = 'EXPIRE'"
                        + " AND resident_id = "
                        + broken))
            .longValue());
  }

  @Test
  void oneFailingBonusDoesNotStopTheBonusRunAndIsRetried_R22() {
    long broken = (Long) fixtures.newAppMember()[0];
    long healthy = (Long) fixtures.newAppMember()[0];
    grant(broken, POINT, 100, today().plusDays(30));
    long brokenWallet = wallet(broken, POINT);
    done(charge(broken, ChargeChannel.BANK, 10_000, ref()));
    done(charge(healthy, ChargeChannel.BANK, 10_000, ref()));
    // Crediting this wallet overflows: its bonus's transaction fails.
    fixtures.execute(
        "UPDATE wallet SET balance_yen = "
            + Long.MAX_VALUE
            + " WHERE account_id = "
            + brokenWallet);
    try {
      BonusService.Run run = bonuses.payDueBonuses(today().plusDays(1));
      assertTrue(run.failed() >= 1, run.toString());
      assertEquals(300, balances.balance(healthy, POINT), "the run went on after the failure");
    } finally {
      fixtures.execute("UPDATE wallet SET balance_yen = 100 WHERE account_id = " + brokenWallet);
    }
    BonusService.Run next = bonuses.payDueBonuses(today().plusDays(1));
    assertEquals(0, next.failed(), next.toString());
    assertEquals(400, balances.balance(broken, POINT));
    assertEquals(300, balances.balance(healthy, POINT));
  }

  @Test
  void twoExpiryRunsAtOnceExpireEachLotOnce_R13() throws Exception {
    List<Long> residents = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      long r = (Long) fixtures.newAppMember()[0];
      grant(r, POINT, 800, today().plusDays(30));
      expireLotsOf(r, POINT, today().minusDays(1));
      // Still valid, and enough that the wallet could cover the 800 twice.
      grant(r, POINT, 1_000, today().plusDays(30));
      residents.add(r);
    }
    List<ExpiryService.Run> runs = concurrently(2, () -> expiry.expireDueLots("node"));
    for (ExpiryService.Run run : runs) {
      assertEquals(0, run.failed(), run.toString());
    }
    for (long r : residents) {
      assertEquals(1_000, balances.balance(r, POINT));
      assertEquals(
          1L,
          db.count(
              "transfer WHERE resident_id = "
                  + r
                  + " AND operation = 'EXPIRE' AND amount_yen = 800"));
    }
  }

  @Test
  void twoBonusRunsAtOncePayEachBonusOnce_R22() throws Exception {
    List<Long> residents = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      long r = (Long) fixtures.newAppMember()[0];
      done(charge(r, ChargeChannel.BANK, 10_000, ref()));
      residents.add(r);
    }
    List<BonusService.Run> runs = concurrently(2, () -> bonuses.payDueBonuses(today().plusDays(1)));
    assertEquals(0, runs.get(0).failed() + runs.get(1).failed(), runs.toString());
    for (long r : residents) {
      assertEquals(300, balances.balance(r, POINT));
      assertEquals(1L, db.count("transfer WHERE resident_id = " + r + " AND operation = 'GRANT'"));
    }
  }

  // ------------------------------------------------------------------ 2b. #12 item 7 nightly jobs

  /** Waits for the run's job to end it (COMPLETED or FAILED). */
  private NightlyRun awaitEnded(long runId) throws InterruptedException {
    long until = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < until) {
      NightlyRun run = auditor.call(() -> nightly.run(runId)).orElseThrow();
      if (!run.running()) {
        return run;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the nightly run did not end: " + nightlyRuns.run(runId));
  }

  private Figure result(String service, LocalDate day, Operation op) {
    var days = reports.daily(service, day, day);
    return days.isEmpty() ? new Figure(0, 0) : days.get(0).figure(op);
  }

  @Test
  void theExpiryJobRunsOncePerDayCountsItsWorkAndShowsInTheDaysResults_R13_R72() throws Exception {
    // A day of its own (the claim is per job and day; the results of that day are this test's).
    LocalDate day = LocalDate.of(2017, 5, 10);
    long a = (Long) fixtures.newAppMember()[0];
    long b = (Long) fixtures.newAppMember()[0];
    long broken = (Long) fixtures.newAppMember()[0];
    grant(a, POINT, 800, today().plusDays(30));
    grant(b, POINT, 500, today().plusDays(30));
    grant(broken, POINT, 300, today().plusDays(30));
    for (long r : List.of(a, b, broken)) {
      expireLotsOf(r, POINT, day.minusDays(1));
    }
    long brokenWallet = wallet(broken, POINT);
    // A wallet whose balance no longer covers its lots: its sweep fails, the run goes on.
    fixtures.execute("UPDATE wallet SET balance_yen = 0 WHERE account_id = " + brokenWallet);
    TestClock.set(day.atTime(0, 10));
    try {
      NightlyStarter.Started first = cityAdmin.call(() -> nightly.startToday(NightlyJob.EXPIRY));
      assertTrue(first.started());
      assertEquals(day, first.run().day());
      NightlyRun run = awaitEnded(first.run().id());
      assertEquals(NightlyRun.COMPLETED, run.state(), run.toString());
      assertEquals(NightlyRuns.NODE, run.node());
      assertTrue(run.executionId() != null, "the job recorded its execution");
      // Progress equals the work done: three wallets due, all tried, two swept, one failed.
      assertEquals(3, run.itemsTotal(), run.toString());
      assertEquals(3, run.itemsDone(), run.toString());
      assertEquals(2, run.itemsMoved(), run.toString());
      assertEquals(1_300, run.amountYen(), run.toString());
      assertEquals(1, run.failures(), run.toString());
      assertEquals(100, run.percentDone());
      assertEquals(0, balances.balance(a, POINT));
      assertEquals(0, balances.balance(b, POINT));
      // R-72: the day's results show the job's expiry, amount and count.
      assertEquals(new Figure(1_300, 2), result(POINT, day, Operation.EXPIRE));
      assertEquals(
          new Figure(run.amountYen(), run.itemsMoved()), result(POINT, day, Operation.EXPIRE));
      assertEquals(
          1_300L,
          ((Number)
                  db.single(
                      "SELECT SUM(amount_yen) FROM transfer WHERE operation = 'EXPIRE'"
                          + " AND created_at >= TIMESTAMP '"
                          + day
                          + " 00:00:00' AND created_at < TIMESTAMP '"
                          + day.plusDays(1)
                          + " 00:00:00'"))
              .longValue());

      // Once per day: a second start (the timer on another node, or the admin) finds the run.
      fixtures.execute("UPDATE wallet SET balance_yen = 300 WHERE account_id = " + brokenWallet);
      NightlyStarter.Started again = cityAdmin.call(() -> nightly.startToday(NightlyJob.EXPIRY));
      assertFalse(again.started());
      assertEquals(first.run().id(), again.run().id());
      assertEquals(NightlyRun.COMPLETED, again.run().state());
      assertEquals(
          1L,
          db.count(
              "nightly_run WHERE job_name = 'nightly-expiry' AND business_day = DATE '"
                  + day
                  + "'"));
      assertEquals(300, balances.balance(broken, POINT), "no second job ran");

      // Roles (checked by the EJB container): the auditor reads, only the admin starts.
      assertTrue(auditor.call(() -> nightly.recent()).stream().anyMatch(r -> r.id() == run.id()));
      assertThrows(
          EJBAccessException.class,
          () -> auditor.call(() -> nightly.startToday(NightlyJob.EXPIRY)));
      assertThrows(EJBAccessException.class, () -> clerk.call(() -> nightly.recent()));

      // The failed wallet is retried by the next run (here: a pass outside any run).
      assertEquals(300, expiry.expireDueLots("test").expiredYen());
    } finally {
      // mended if the test stopped before it was (the invariants after each test)
      fixtures.execute(
          "UPDATE wallet SET balance_yen = 300 WHERE balance_yen = 0 AND account_id = "
              + brokenWallet
              + " AND EXISTS (SELECT 1 FROM value_lot WHERE remaining_yen > 0 AND account_id = "
              + brokenWallet
              + ")");
      TestClock.reset();
    }
  }

  @Test
  void theBonusJobRunsOnceEvenWhenStartedTwiceAtOnceAndShowsInTheDaysResults_R22_R72()
      throws Exception {
    LocalDate day = LocalDate.of(2017, 6, 10);
    long r1 = (Long) fixtures.newAppMember()[0];
    long r2 = (Long) fixtures.newAppMember()[0];
    done(charge(r1, ChargeChannel.BANK, 10_000, ref())); // earns 300 points (R-22)
    done(charge(r2, ChargeChannel.BANK, 10_000, ref()));
    fixtures.execute(
        "UPDATE pending_bonus SET due_on = DATE '"
            + day
            + "' WHERE resident_id IN ("
            + r1
            + ", "
            + r2
            + ")");
    TestClock.set(day.atTime(0, 20));
    try {
      // Two nodes' timers (or two admins) at the same moment: one claim, one job.
      List<NightlyStarter.Started> starts =
          concurrently(2, () -> cityAdmin.call(() -> nightly.startToday(NightlyJob.BONUS)));
      assertEquals(
          1, starts.stream().filter(NightlyStarter.Started::started).count(), starts.toString());
      assertEquals(starts.get(0).run().id(), starts.get(1).run().id());
      NightlyRun run = awaitEnded(starts.get(0).run().id());
      assertEquals(NightlyRun.COMPLETED, run.state(), run.toString());
      assertEquals(2, run.itemsTotal(), run.toString());
      assertEquals(2, run.itemsDone(), run.toString());
      assertEquals(2, run.itemsMoved(), run.toString());
      assertEquals(600, run.amountYen(), run.toString());
      assertEquals(0, run.leftPending() + run.failures(), run.toString());
      assertEquals(300, balances.balance(r1, POINT));
      assertEquals(300, balances.balance(r2, POINT));
      // R-72: the day's results show the job's grants.
      assertEquals(new Figure(600, 2), result(POINT, day, Operation.GRANT));
      assertEquals(
          new Figure(run.amountYen(), run.itemsMoved()), result(POINT, day, Operation.GRANT));
      assertFalse(cityAdmin.call(() -> nightly.startToday(NightlyJob.BONUS)).started());
    } finally {
      TestClock.reset();
    }
  }

  @Test
  void aRunWhoseNodeDiedIsTakenOverAndSweepsEachWalletOnce_R13() throws Exception {
    LocalDate day = LocalDate.of(2017, 7, 10);
    List<Long> residents = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long r = (Long) fixtures.newAppMember()[0];
      grant(r, POINT, 800, today().plusDays(30));
      expireLotsOf(r, POINT, day.minusDays(1));
      residents.add(r);
    }
    TestClock.set(day.atTime(0, 10));
    try {
      // A node claimed the day, swept the first wallet, and died (kill -9).
      NightlyRuns.Claim claim = nightlyRuns.claim(NightlyJob.EXPIRY, day, "system:expiry", false);
      assertTrue(claim.startJob());
      assertTrue(nightlyRuns.begin(claim.runId(), 999_999L));
      nightlyRuns.plan(claim.runId(), 999_999L, 3);
      assertEquals(
          800L,
          nightlyRuns.expireWallet(
              claim.runId(), 999_999L, wallet(residents.get(0), POINT), day, "dead"));
      fixtures.execute("UPDATE nightly_run SET node = 'dead-node' WHERE id = " + claim.runId());
      // While it looks alive, nobody takes it over.
      assertEquals(List.of(), nightlyScheduler.resumeStalled());
      assertFalse(cityAdmin.call(() -> nightly.startToday(NightlyJob.EXPIRY)).started());
      // Silent for longer than STALE: the next node's timer takes it over, once.
      fixtures.execute(
          "UPDATE nightly_run SET heartbeat_at = TIMESTAMP '"
              + day
              + " 00:05:00' WHERE id = "
              + claim.runId());
      assertEquals(List.of(claim.runId()), nightlyScheduler.resumeStalled());
      assertEquals(List.of(), nightlyScheduler.resumeStalled());
      NightlyRun run = awaitEnded(claim.runId());
      assertEquals(NightlyRun.COMPLETED, run.state(), run.toString());
      assertEquals(NightlyRuns.NODE, run.node());
      assertEquals(1, run.takeovers());
      // The figures go on from the dead node's: 1 swept before, 2 after, each wallet once.
      assertEquals(3, run.itemsTotal(), run.toString());
      assertEquals(3, run.itemsDone(), run.toString());
      assertEquals(3, run.itemsMoved(), run.toString());
      assertEquals(2_400, run.amountYen(), run.toString());
      for (long r : residents) {
        assertEquals(0, balances.balance(r, POINT));
        assertEquals(
            1L,
            db.count(
                "transfer WHERE resident_id = "
                    + r
                    + " AND operation = 'EXPIRE' AND amount_yen = 800"));
      }
      assertEquals(new Figure(2_400, 3), result(POINT, day, Operation.EXPIRE));
      assertEquals(
          1L,
          db.count(
              "audit_event WHERE action = 'NIGHTLY_JOB_TAKEN_OVER' AND actor = 'scheduler'"
                  + " AND detail LIKE 'nightly-expiry "
                  + day
                  + " run "
                  + claim.runId()
                  + " %'"));

      // A run that dies every time it is taken over is marked FAILED after MAX_TAKEOVERS (the
      // page stops watching it); the administrator's start takes it over again.
      fixtures.execute(
          "UPDATE nightly_run SET state = 'RUNNING', heartbeat_at = TIMESTAMP '"
              + day
              + " 00:05:00', takeovers = "
              + NightlyRuns.MAX_TAKEOVERS
              + " WHERE id = "
              + claim.runId());
      assertEquals(List.of(), nightlyScheduler.resumeStalled());
      assertEquals(NightlyRun.FAILED, nightlyRuns.run(claim.runId()).orElseThrow().state());
      assertEquals(List.of(), nightlyScheduler.resumeStalled());
      NightlyStarter.Started byAdmin = cityAdmin.call(() -> nightly.startToday(NightlyJob.EXPIRY));
      assertTrue(byAdmin.started());
      NightlyRun again = awaitEnded(claim.runId());
      assertEquals(NightlyRun.COMPLETED, again.state(), again.toString());
      assertEquals(NightlyRuns.MAX_TAKEOVERS + 1, again.takeovers());
      assertEquals(2_400, again.amountYen(), "nothing was left to sweep");
      assertEquals(new Figure(2_400, 3), result(POINT, day, Operation.EXPIRE));
    } finally {
      TestClock.reset();
    }
  }

  @Test
  void aRunTakenOverAfterMidnightExpiresWhatWasDueOnItsDayAndOnlyItsOwnExecutionCounts_R13()
      throws Exception {
    LocalDate day = LocalDate.of(2017, 8, 10);
    long r = (Long) fixtures.newAppMember()[0];
    long other = (Long) fixtures.newAppMember()[0];
    grant(r, POINT, 800, today().plusDays(30));
    grant(r, POINT, 500, today().plusDays(31));
    grant(other, POINT, 300, today().plusDays(30));
    long w = wallet(r, POINT);
    // r: 800 last valid on day-1 (due on day), 500 last valid on day (due the next day only)
    fixtures.execute(
        "UPDATE value_lot SET expires_on = DATE '"
            + day.minusDays(1)
            + "' WHERE remaining_yen = 800 AND account_id = "
            + w);
    fixtures.execute(
        "UPDATE value_lot SET expires_on = DATE '"
            + day
            + "' WHERE remaining_yen = 500 AND account_id = "
            + w);
    expireLotsOf(other, POINT, day.minusDays(1));
    TestClock.set(day.atTime(0, 10));
    Long old = null;
    Long runId = null;
    try {
      NightlyRuns.Claim claim = nightlyRuns.claim(NightlyJob.EXPIRY, day, "system:expiry", false);
      runId = claim.runId();
      long id = runId;
      assertTrue(nightlyRuns.begin(id, 999_998L));
      assertFalse(nightlyRuns.begin(id, 999_997L), "a second execution does not begin it");
      nightlyRuns.plan(id, 999_998L, 2);
      // Another execution (one that was taken over) counts nothing: its sweep is rolled back.
      assertThrows(
          NightlyRuns.RunLost.class,
          () -> nightlyRuns.expireWallet(id, 4_242L, wallet(other, POINT), day, "stale"));
      assertEquals(300, balances.balance(other, POINT), "the lost execution's sweep rolled back");
      assertEquals(0, nightlyRuns.run(id).orElseThrow().itemsDone());
      // Its node dies before any sweep; a run of days ago is left alone (stalled: recent days).
      fixtures.execute(
          "UPDATE nightly_run SET node = 'dead-node', heartbeat_at = TIMESTAMP '"
              + day
              + " 00:11:00' WHERE id = "
              + id);
      old = nightlyRuns.claim(NightlyJob.EXPIRY, day.minusDays(10), "system:expiry", false).runId();
      fixtures.execute(
          "UPDATE nightly_run SET node = 'dead-node', heartbeat_at = TIMESTAMP '"
              + day.minusDays(10)
              + " 00:11:00' WHERE id = "
              + old);
      // Taken over after midnight: the run still expires what was due on its own day.
      TestClock.set(day.plusDays(1).atTime(0, 5));
      assertEquals(List.of(id), nightlyScheduler.resumeStalled());
      NightlyRun run = awaitEnded(id);
      assertEquals(NightlyRun.COMPLETED, run.state(), run.toString());
      assertEquals(2, run.itemsTotal(), run.toString());
      assertEquals(2, run.itemsDone(), run.toString());
      assertEquals(1_100, run.amountYen(), run.toString());
      assertEquals(500, balances.balance(r, POINT), "the lot due the next day stays");
      assertEquals(0, balances.balance(other, POINT));
      assertEquals(NightlyRun.RUNNING, nightlyRuns.run(old).orElseThrow().state());
    } finally {
      if (old != null) {
        fixtures.execute("UPDATE nightly_run SET state = 'FAILED' WHERE id = " + old);
      }
      if (runId != null) {
        fixtures.execute(
            "UPDATE nightly_run SET state = 'FAILED' WHERE state = 'RUNNING' AND id = " + runId);
      }
      TestClock.reset();
    }
  }

  @Test
  void aMissedTimerIsMadeUpOncePerJobAfterItsTimeAndAnEarlyFailureEndsTheRun_R13_R22()
      throws Exception {
    LocalDate day = LocalDate.of(2016, 3, 10);
    TestClock.set(day.atTime(0, 5));
    try {
      assertEquals(List.of(), nightlyScheduler.startMissed(), "before 00:10 nothing is due");
      TestClock.set(day.atTime(0, 15));
      List<Long> started = nightlyScheduler.startMissed();
      assertEquals(1, started.size(), "the expiry only: the bonus is due at 00:20");
      NightlyRun expiryRun = awaitEnded(started.get(0));
      assertEquals(NightlyJob.EXPIRY, expiryRun.job());
      assertEquals(day, expiryRun.day());
      assertEquals(NightlyRun.COMPLETED, expiryRun.state(), expiryRun.toString());
      assertEquals(NightlyScheduler.WHO, expiryRun.startedBy());
      assertEquals(List.of(), nightlyScheduler.startMissed(), "once per day");
      TestClock.set(day.atTime(23, 59));
      List<Long> bonus = nightlyScheduler.startMissed();
      assertEquals(1, bonus.size());
      assertEquals(NightlyJob.BONUS, awaitEnded(bonus.get(0)).job());
      assertEquals(List.of(), nightlyScheduler.startMissed());
      assertEquals(
          2L, db.count("nightly_run WHERE business_day = DATE '" + day + "'"), "one run per job");

      // A run whose job failed before recording its execution is ended FAILED, not left RUNNING.
      LocalDate next = day.plusDays(1);
      TestClock.set(next.atTime(0, 1));
      long id = nightlyRuns.claim(NightlyJob.EXPIRY, next, "system:expiry", false).runId();
      assertEquals(null, nightlyRuns.run(id).orElseThrow().executionId());
      assertTrue(nightlyRuns.end(id, 777L, NightlyRun.FAILED));
      assertEquals(NightlyRun.FAILED, nightlyRuns.run(id).orElseThrow().state());
    } finally {
      TestClock.reset();
    }
  }

  // ------------------------------------------------------------------ 3. R-35 / R-14

  @Test
  void concurrentDeliveriesOfOneChargeAtTheHoldingLimitAllGetTheOriginal_R35_R14()
      throws Exception {
    long r = (Long) fixtures.newAppMember()[0];
    done(charge(r, ChargeChannel.WINDOW, 84_000, ref())); // 84,840 with the 1 % premium
    String ref = ref();
    // 84,840 + 10,100 = 94,940 fits under 100,000; a second credit would not.
    List<CreditOutcome> outcomes =
        concurrently(8, () -> charge(r, ChargeChannel.BANK, 10_000, ref));
    for (CreditOutcome outcome : outcomes) {
      CreditView credit = done(outcome);
      assertEquals(10_100, credit.creditedYen());
      assertEquals(94_940, credit.balanceAfterYen());
    }
    assertEquals(94_940, balances.balance(r, MONEY));
    assertEquals(1L, db.count("charge WHERE external_ref = '" + ref + "'"));
  }

  // ------------------------------------------------------------------ 5. first use

  /**
   * Runs {@code second} while {@code first} holds its transaction open after its work, waits until
   * {@code second} is blocked on a lock (if it ever is), then lets {@code first} commit.
   */
  private <A, B> B whileHeld(
      java.util.function.BiFunction<CountDownLatch, CountDownLatch, A> first, Callable<B> second)
      throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<A> held = pool.submit(() -> first.apply(done, release));
      assertTrue(done.await(20, TimeUnit.SECONDS), "the held transaction did its work");
      Future<B> other = pool.submit(second);
      db.awaitLockWaiter(5_000); // e.g. a second first use waits on the unique index
      release.countDown();
      held.get();
      return other.get();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  private CreditView heldGrant(
      long resident, String service, CountDownLatch done, CountDownLatch release) {
    try {
      return held.grant(resident, service, 10, today().plusDays(30), done, release);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void twoFirstUsesOfACityAccountMakeOneAccount() throws Exception {
    String service = "P" + (System.nanoTime() % 10_000_000);
    fixtures.newPointService(service); // its GRANT_FUNDING account does not exist yet
    long a = (Long) fixtures.newAppMember()[0];
    long b = (Long) fixtures.newAppMember()[0];
    done(
        whileHeld(
            (done, release) -> heldGrant(a, service, done, release),
            () ->
                cityAdmin.call(() -> grants.grant(b, service, 10, today().plusDays(30), "event"))));
    assertEquals(
        1L,
        db.count(
            "account WHERE kind = 'GRANT_FUNDING' AND service_id = (SELECT id FROM value_service"
                + " WHERE code = '"
                + service
                + "')"));
    // No city account exists twice in any service.
    assertEquals(
        0L,
        db.count(
            "(SELECT service_id, kind FROM account WHERE resident_id IS NULL AND shop_id IS NULL"
                + " GROUP BY service_id, kind HAVING COUNT(*) > 1) d"));
  }

  @Test
  void twoFirstCreditsToANewWalletMakeOneWallet() throws Exception {
    long newcomer = (Long) fixtures.newAppMember()[0];
    done(
        whileHeld(
            (done, release) -> heldGrant(newcomer, POINT, done, release),
            () ->
                cityAdmin.call(
                    () -> grants.grant(newcomer, POINT, 10, today().plusDays(30), "event"))));
    assertEquals(20, balances.balance(newcomer, POINT));
    assertEquals(1L, db.count("account WHERE kind = 'WALLET' AND resident_id = " + newcomer));
  }

  @Test
  void twoFirstPaymentsAtANewShopMakeOneShopAccount() throws Exception {
    String code = String.valueOf(System.nanoTime() % 10_000_000);
    long terminal = fixtures.newShopWithTerminal(code, MONEY);
    Object[] m1 = fixtures.newAppMember();
    Object[] m2 = fixtures.newAppMember();
    grant((Long) m1[0], MONEY, 1_000, today().plusDays(30));
    grant((Long) m2[0], MONEY, 1_000, today().plusDays(30));
    paid(
        whileHeld(
            (done, release) -> {
              try {
                return held.pay(
                    payment(terminal, (String) m1[1], new Leg(MONEY, 100)), done, release);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            () -> payments.pay(payment(terminal, (String) m2[1], new Leg(MONEY, 100)))));
    assertEquals(
        1L,
        db.count(
            "account WHERE kind = 'SHOP_RECEIVABLE' AND shop_id = (SELECT shop_id FROM terminal"
                + " WHERE id = "
                + terminal
                + ")"));
  }

  // ------------------------------------------------------------------ 6. R-71 before / after

  @Test
  void beforeAndAfterValuesAreReadUnderTheWalletLock_R71() throws Exception {
    Object[] m = fixtures.newAppMember();
    long r = (Long) m[0];
    grant(r, MONEY, 1_000, today().plusDays(30));
    CountDownLatch payDone = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // A payment of 300 is in its transaction; a charge of 10,000 (+100) starts meanwhile.
      Future<PaymentView> payment =
          pool.submit(
              () ->
                  held.pay(
                      payment(mainTerminal, (String) m[1], new Leg(MONEY, 300)), payDone, release));
      assertTrue(payDone.await(20, TimeUnit.SECONDS));
      Future<CreditOutcome> charge =
          pool.submit(() -> charge(r, ChargeChannel.BANK, 10_000, ref()));
      assertTrue(db.awaitLockWaiter(10_000), "the charge waits for the payment's wallet lock");
      release.countDown();
      payment.get();
      CreditView credit = done(charge.get());
      assertEquals(10_800, credit.balanceAfterYen());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    List<Object> rows =
        db.column(
            "SELECT CONCAT(CONCAT(CAST(wallet_before_yen AS VARCHAR(20)), '/'),"
                + " CAST(wallet_after_yen AS VARCHAR(20))) FROM transfer WHERE resident_id = "
                + r
                + " AND operation = 'CHARGE' ORDER BY id");
    assertEquals(List.of("700/10700", "10700/10800"), rows);
  }

  @Test
  void aGrantsAndABonussBeforeAndAfterAreReadUnderTheWalletLock_R71() throws Exception {
    Object[] m = fixtures.newAppMember();
    long r = (Long) m[0];
    grant(r, POINT, 1_000, today().plusDays(30));
    done(charge(r, ChargeChannel.BANK, 10_000, ref())); // earns 300 points, due tomorrow
    // A payment of 300 points holds the wallet while a grant of 500 comes in...
    done(
        whileHeld(
            (done, release) -> {
              try {
                return held.pay(
                    payment(mainTerminal, (String) m[1], new Leg(POINT, 300)), done, release);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            () ->
                cityAdmin.call(() -> grants.grant(r, POINT, 500, today().plusDays(30), "event"))));
    // ...and another while the nightly job pays the bonus.
    whileHeld(
        (done, release) -> {
          try {
            return held.pay(
                payment(mainTerminal, (String) m[1], new Leg(POINT, 200)), done, release);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        () -> bonuses.payDueBonuses(today().plusDays(1)));
    assertEquals(
        List.of("GRANT 1000: 0/1000", "GRANT 500: 700/1200", "GRANT 300: 1000/1300"),
        db
            .column(
                "SELECT CONCAT(CONCAT(CONCAT(CONCAT(CONCAT(CONCAT(operation, ' '),"
                    + " CAST(amount_yen AS VARCHAR(20))), ': '), CAST(wallet_before_yen AS"
                    + " VARCHAR(20))), '/'), CAST(wallet_after_yen AS VARCHAR(20))) FROM transfer"
                    + " WHERE resident_id = "
                    + r
                    + " AND operation = 'GRANT' ORDER BY id")
            .stream()
            .map(String::valueOf)
            .toList());
  }

  @Test
  void aGrantCancelRacingAPaymentFromItIsRefusedAsUsed_R42() throws Exception {
    Object[] m = fixtures.newAppMember();
    long r = (Long) m[0];
    String tran = grant(r, POINT, 3_000, today().plusDays(10)).parts().get(0).tranId();
    grant(r, POINT, 5_000, today().plusDays(90)); // the wallet covers the cancel's debit
    Optional<CreditOutcome.Refused> cancel =
        whileHeld(
            (done, release) -> {
              try { // takes 1,000 from the grant's lot, the earliest to expire
                return held.pay(
                    payment(mainTerminal, (String) m[1], new Leg(POINT, 1_000)), done, release);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            () -> cityAdmin.call(() -> grants.cancelGrant(tran, "granted twice by mistake")));
    assertEquals(Refusal.GRANT_ALREADY_USED, cancel.orElseThrow().refusal());
    assertEquals(7_000, balances.balance(r, POINT));
  }

  // ------------------------------------------------------------------ 7. R-42 / R-44 grant cancel

  @Test
  void concurrentCancelsOfOneGrantCancelItOnce_R42_R44() throws Exception {
    long r = (Long) fixtures.newAppMember()[0];
    grant(r, POINT, 5_000, today().plusDays(30)); // other value: a second debit could succeed
    String tran = grant(r, POINT, 3_000, today().plusDays(60)).parts().get(0).tranId();
    List<Refusal> outcomes =
        concurrently(
            8,
            () ->
                cityAdmin
                    .call(() -> grants.cancelGrant(tran, "granted twice by mistake"))
                    .map(CreditOutcome.Refused::refusal)
                    .orElse(null));
    Map<String, Long> byOutcome =
        outcomes.stream()
            .collect(Collectors.groupingBy(o -> String.valueOf(o), Collectors.counting()));
    assertEquals(Map.of("null", 1L, "ALREADY_CANCELLED", 7L), byOutcome);
    assertEquals(5_000, balances.balance(r, POINT));
    // The cancellation's entry references the grant's entry, as a payment cancellation does.
    assertEquals(
        1L,
        db.count(
            "journal_entry e WHERE e.operation = 'GRANT_CANCEL' AND e.target_entry_id ="
                + " (SELECT entry_id FROM transfer WHERE tran_id = '"
                + tran
                + "')"));
  }

  // ------------------------------------------------------------------ 8. R-41 close race

  @Test
  void aCancelThatRacesTheSettlementCloseIsRefused_R41() throws Exception {
    Object[] m = fixtures.newAppMember();
    long r = (Long) m[0];
    grant(r, MONEY, 1_000, today().plusDays(30));
    PaymentView p = paid(payments.pay(payment(mainTerminal, (String) m[1], new Leg(MONEY, 1_000))));
    long shop = fixtures.id("shop", "S0001");
    CountDownLatch closeDone = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    PaymentOutcome outcome;
    try {
      // The close marks the payment's transfers closed (R-53) and has not committed yet...
      Future<Integer> close =
          pool.submit(
              () ->
                  held.update(
                      "UPDATE transfer SET closed = TRUE WHERE entry_id = (SELECT entry_id FROM"
                          + " payment WHERE payment_ref = '"
                          + p.paymentId()
                          + "')",
                      closeDone,
                      release));
      assertTrue(closeDone.await(20, TimeUnit.SECONDS));
      // ...when the shop cancels: it still reads the payment as open.
      Future<PaymentOutcome> cancel =
          pool.submit(() -> payments.cancel(shop, p.paymentId(), "shop-staff"));
      assertTrue(db.awaitLockWaiter(10_000), "the cancel waits for the close's row lock");
      release.countDown();
      assertEquals(1, close.get());
      outcome = cancel.get();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    var refused = assertInstanceOf(PaymentOutcome.Refused.class, outcome, String.valueOf(outcome));
    assertEquals(Refusal.SETTLEMENT_CLOSED, refused.refusal());
    assertEquals(0, balances.balance(r, MONEY));
    assertEquals(
        1L,
        db.count("payment WHERE payment_ref = '" + p.paymentId() + "' AND status = 'COMPLETED'"));
  }

  // ------------------------------------------------------------------ R-43 several lots

  @Test
  void aCancelGivesBackEachLotItTookByAmountAndExpiry_R43() {
    Object[] m = fixtures.newAppMember();
    long r = (Long) m[0];
    LocalDate soon = today().plusDays(10);
    LocalDate later = today().plusDays(40);
    LocalDate latest = today().plusDays(90);
    grant(r, POINT, 300, soon);
    grant(r, POINT, 300, later);
    grant(r, POINT, 1_000, latest);
    PaymentView p = paid(payments.pay(payment(mainTerminal, (String) m[1], new Leg(POINT, 700))));
    assertEquals(List.of("0@" + soon, "0@" + later, "900@" + latest), lots(r));
    paid(payments.cancel(fixtures.id("shop", "S0001"), p.paymentId(), "shop-staff"));
    assertEquals(List.of("300@" + soon, "300@" + later, "1000@" + latest), lots(r));

    // The checker sees a cancellation that gave back other lots than its original took.
    long reversal =
        ((Number)
                db.single(
                    "SELECT id FROM transfer WHERE operation = 'USE_CANCEL' AND resident_id = "
                        + r))
            .longValue();
    String swap =
        "UPDATE lot_allocation SET amount_yen = amount_yen + %d WHERE transfer_id = "
            + reversal
            + " AND lot_id = (SELECT %s(lot_id) FROM lot_allocation WHERE transfer_id = "
            + reversal
            + ")";
    fixtures.execute(String.format(swap, 50, "MIN"));
    fixtures.execute(String.format(swap, -50, "MAX"));
    try {
      var report = invariants.check();
      assertTrue(
          report.violations().stream()
              .anyMatch(v -> v.startsWith("a cancellation gives back exactly the lots")),
          report.toString());
    } finally {
      fixtures.execute(String.format(swap, -50, "MIN"));
      fixtures.execute(String.format(swap, 50, "MAX"));
    }
  }

  private List<String> lots(long resident) {
    return db
        .column(
            "SELECT CONCAT(CONCAT(CAST(l.remaining_yen AS VARCHAR(20)), '@'),"
                + " CAST(l.expires_on AS VARCHAR(10))) FROM value_lot l WHERE l.account_id = "
                + wallet(resident, POINT)
                + " ORDER BY l.expires_on")
        .stream()
        .map(String::valueOf)
        .toList();
  }

  // ------------------------------------------------------------------ 12. R-94 audit

  @Test
  void everyMoneyActionByAPersonIsAudited_R94() {
    long r = (Long) fixtures.newAppMember()[0];
    Object[] card = fixtures.newCardMember();
    String clerk = "clerk-" + System.nanoTime();
    String receipt = ref();
    String tran =
        done(cityAdmin.call(
                () -> grants.grant(r, POINT, 3_000, today().plusDays(30), "マイナンバーカード取得記念")))
            .parts()
            .get(0)
            .tranId();
    assertTrue(cityAdmin.call(() -> grants.cancelGrant(tran, "誤って付与")).isEmpty());
    done(
        charges.charge(
            new ChargeRequest((Long) card[0], MONEY, ChargeChannel.WINDOW, 3_000, receipt, clerk)));
    grant(r, POINT, 500, today().plusDays(30));
    assertEquals(500, expiry.forfeit(wallet(r, POINT), clerk, "退会による失効"));
    PaymentView p =
        paid(payments.pay(payment(mainTerminal, (String) card[1], new Leg(MONEY, 100))));
    paid(payments.cancel(fixtures.id("shop", "S0001"), p.paymentId(), clerk, "金額の打ち間違い"));
    var noReason =
        assertInstanceOf(
            CreditOutcome.Refused.class,
            cityAdmin.call(() -> grants.grant(r, POINT, 100, today().plusDays(30), " ")));
    assertEquals(Refusal.REASON_MISSING, noReason.refusal());
    assertEquals(
        Refusal.REASON_MISSING,
        cityAdmin.call(() -> grants.cancelGrant(tran, null)).orElseThrow().refusal());

    List<Object> events =
        db.column(
            "SELECT CONCAT(CONCAT(action, '|'), COALESCE(reason, '')) FROM audit_event"
                + " WHERE actor = '"
                + clerk
                + "' ORDER BY id");
    assertEquals(
        List.of(
            "CASH_CHARGE|window receipt " + receipt, "FORFEIT|退会による失効", "PAYMENT_CANCEL|金額の打ち間違い"),
        events.stream().map(String::valueOf).toList());
    // The grant and its cancellation: by the caller (#11 review finding 3), not a parameter.
    assertEquals(
        1L,
        db.count(
            "audit_event WHERE actor = 'test-city_admin' AND action = 'GRANT'"
                + " AND reason = 'マイナンバーカード取得記念' AND detail LIKE '%tranId "
                + tran
                + "%' AND occurred_at IS NOT NULL"));
    assertEquals(
        1L,
        db.count(
            "audit_event WHERE actor = 'test-city_admin' AND action = 'GRANT_CANCEL'"
                + " AND reason = '誤って付与' AND detail LIKE '%grant "
                + tran
                + ",%'"));
  }
}
