package org.jimoto.settlement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestClock;
import org.jimoto.TestQueries;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ChargeRequest;
import org.jimoto.charge.boundary.ChargeService;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.grant.StaffCallers;
import org.jimoto.ledger.boundary.LedgerInvariants;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentRequest.Leg;
import org.jimoto.payment.boundary.PaymentService;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.settlement.boundary.PayoutCalendar;
import org.jimoto.settlement.boundary.PublishedCalendars;
import org.jimoto.settlement.boundary.SettlementClosing;
import org.jimoto.settlement.boundary.SettlementClosing.LineView;
import org.jimoto.settlement.boundary.SettlementClosing.RunView;
import org.jimoto.settlement.boundary.SettlementResults;
import org.jimoto.settlement.boundary.SettlementScheduler;
import org.jimoto.settlement.boundary.SettlementStatements;
import org.jimoto.settlement.control.ClosingPeriod;
import org.jimoto.settlement.control.ClosingSteps;
import org.jimoto.settlement.control.PayoutDate;
import org.jimoto.settlement.control.ServiceSchedules;
import org.jimoto.settlement.control.ZenginFileCheck;
import org.jimoto.settlement.control.ZenginTransferFile;
import org.jimoto.settlement.control.ZenginTransferFile.RecordSeparator;
import org.jimoto.statement.control.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The settlement close (#12, R-53, R-41) as the Jakarta Batch job runs it on Payara Micro: payments
 * of two shops in a past half month (back-dated, as the close only takes periods that are over),
 * one cancelled before the close; the close's lines, its journal entries and the cancel refused
 * after.
 */
@ExtendWith(ArquillianExtension.class)
class SettlementClosingIntegrationTest {

  private static final String MONEY = "WAKABA_COIN";

  /** A half month no other test writes into (R-50: 16th to month end). */
  private static final LocalDate IN_PERIOD = LocalDate.of(2019, 7, 20);

  /** Seed 000's 売上金振込スケジュール as the CSV the city uploads (the pure tests read it too). */
  private static final String ISECA_CSV = "/org/jimoto/settlement/iseca-payout-calendar-r6.csv";

  @Deployment
  static WebArchive deployment() {
    return StaffCallers.withRolePrincipals(
            FoundationDeployment.create(TestQueries.class, LedgerFixtures.class))
        .addAsResource(ISECA_CSV.substring(1));
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject TestQueries db;
  @Inject ChargeService charges;
  @Inject PaymentService payments;
  @Inject LedgerInvariants invariants;
  @Inject SettlementClosing closing;
  @Inject SettlementStatements statements;
  @Inject ClosingSteps steps;
  @Inject SettlementScheduler scheduler;
  @Inject PayoutCalendar calendar;
  @Inject StaffCallers.AsAdmin admin;
  @Inject StaffCallers.AsAuditor auditor;
  @Inject StaffCallers.AsClerk clerk;
  @Inject SettlementResults results;
  @Inject org.jimoto.report.boundary.TransactionReports reports;
  @Inject PublishedCalendars published;
  @Inject ServiceSchedules schedules;
  @Inject org.jimoto.settlement.control.BusinessDays businessDays;

  private int keys;

  private PaymentView pay(long terminal, String payer, long yen) {
    var outcome =
        payments.pay(
            new PaymentRequest(
                terminal,
                "k-" + System.nanoTime() + "-" + keys++,
                payer,
                List.of(new Leg(MONEY, yen)),
                "test"));
    return assertInstanceOf(PaymentOutcome.Done.class, outcome, String.valueOf(outcome)).payment();
  }

  private long number(String sql) {
    return ((Number) db.single(sql)).longValue();
  }

  /** Credits minus debits of an account. */
  private long balanceOf(String accountCondition) {
    return number(
        "SELECT COALESCE(SUM(CASE WHEN k.id = t.credit_account_id THEN t.amount_yen"
            + " ELSE -t.amount_yen END), 0) FROM account k JOIN transfer t"
            + " ON k.id = t.credit_account_id OR k.id = t.debit_account_id WHERE "
            + accountCondition);
  }

  private RunView awaitClosed(long runId) throws InterruptedException {
    long until = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < until) {
      RunView run = admin.call(() -> closing.run(runId)).orElseThrow();
      if (run.closed()) {
        return run;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the close did not finish: " + admin.call(() -> closing.run(runId)));
  }

  @Test
  void closeCountsPaymentsNetOfCancelsPostsOnceAndRefusesLaterCancels_R53_R41() throws Exception {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    String tag = Long.toString(System.nanoTime() % 1_000_000L, 36).toUpperCase();
    long terminalA = fixtures.newShopWithTerminal("CA" + tag, MONEY);
    long terminalB = fixtures.newShopWithTerminal("CB" + tag, MONEY);
    long shopA = fixtures.id("shop", "SCA" + tag);
    long shopB = fixtures.id("shop", "SCB" + tag);
    Object[] m = fixtures.newAppMember();
    assertInstanceOf(
        CreditOutcome.Done.class,
        charges.charge(
            new ChargeRequest(
                (Long) m[0], MONEY, ChargeChannel.BANK, 10_000, "ref-" + tag, "test")));
    String payer = (String) m[1];

    PaymentView a1 = pay(terminalA, payer, 1_200);
    pay(terminalA, payer, 800);
    PaymentView a3 = pay(terminalA, payer, 500);
    pay(terminalB, payer, 700);
    pay(terminalB, payer, 300);
    // Cancelled before the close: its cancel nets it out of shop A's due.
    assertInstanceOf(PaymentOutcome.Done.class, payments.cancel(shopA, a3.paymentId(), "test"));
    // The period is over: these payments (and the cancel) happened on 2019-07-20.
    assertEquals(
        6,
        fixtures.execute(
            "UPDATE transfer SET created_at = TIMESTAMP '2019-07-20 10:00:00' WHERE shop_id IN ("
                + shopA
                + ", "
                + shopB
                + ") AND operation IN ('USE', 'USE_CANCEL')"));
    // Paid today, outside the period: stays open and cancellable.
    PaymentView today = pay(terminalA, payer, 400);
    String receivableA = "k.kind = 'SHOP_RECEIVABLE' AND k.shop_id = " + shopA;
    assertEquals(2_000 + 400, balanceOf(receivableA));

    // Only the administrator starts a close; a period not over yet is refused.
    EJBException e =
        assertThrows(EJBException.class, () -> auditor.call(() -> closing.start(MONEY, IN_PERIOD)));
    Throwable cause = e;
    while (cause != null && !(cause instanceof EJBAccessException)) {
      cause = cause.getCause();
    }
    assertTrue(cause != null, e.toString());
    RefusedException open =
        assertThrows(
            RefusedException.class, () -> admin.call(() -> closing.start(MONEY, LocalDate.now())));
    assertEquals(Refusal.SETTLEMENT_PERIOD_OPEN, open.refusal());

    RunView started = admin.call(() -> closing.start(MONEY, IN_PERIOD));
    assertEquals(LocalDate.of(2019, 7, 16), started.periodStart());
    assertEquals(LocalDate.of(2019, 7, 31), started.periodEnd());
    // R-50 (seed 003 rule): a month-end close is paid on the 15th of the next month.
    assertEquals(LocalDate.of(2019, 8, 15), started.payoutDate());
    RunView run = awaitClosed(started.id());
    assertEquals(2, run.lines());
    assertEquals(2, run.linesClosed());
    assertEquals(3_000, run.netDueYen());

    Map<Long, LineView> lines =
        admin.call(() -> closing.lines(run.id())).stream()
            .collect(Collectors.toMap(LineView::shopId, l -> l));
    LineView lineA = lines.get(shopA);
    assertEquals(3, lineA.useCount());
    assertEquals(2_500, lineA.useYen());
    assertEquals(1, lineA.useCancelCount());
    assertEquals(500, lineA.useCancelYen());
    assertEquals(0, lineA.carriedOverYen());
    assertEquals(2_000, lineA.netDueYen());
    assertEquals("DUE", lineA.payoutState());
    LineView lineB = lines.get(shopB);
    assertEquals(2, lineB.useCount());
    assertEquals(1_000, lineB.useYen());
    assertEquals(0, lineB.useCancelCount());
    assertEquals(1_000, lineB.netDueYen());

    // One journal entry per line: the due leaves the shop's receivable for the service's
    // settlement payable, and the entry's postings sum to zero.
    for (LineView line : List.of(lineA, lineB)) {
      assertEquals(1, number("SELECT COUNT(*) FROM transfer WHERE entry_id = " + line.entryId()));
      assertEquals(
          line.netDueYen(),
          number(
              "SELECT t.amount_yen FROM transfer t JOIN account d ON d.id = t.debit_account_id"
                  + " JOIN account k ON k.id = t.credit_account_id WHERE t.entry_id = "
                  + line.entryId()
                  + " AND t.operation = 'SETTLE' AND d.kind = 'SHOP_RECEIVABLE' AND d.shop_id = "
                  + line.shopId()
                  + " AND k.kind = 'SETTLEMENT_PAYABLE'"));
      assertEquals(
          0,
          number(
              "SELECT SUM(CASE WHEN a.id = t.credit_account_id THEN t.amount_yen ELSE 0 END)"
                  + " - SUM(CASE WHEN a.id = t.debit_account_id THEN t.amount_yen ELSE 0 END)"
                  + " FROM transfer t JOIN account a ON a.id IN (t.debit_account_id,"
                  + " t.credit_account_id) WHERE t.entry_id = "
                  + line.entryId()));
    }
    assertEquals(400, balanceOf(receivableA)); // only today's payment is still owed by the shop
    assertEquals(0, balanceOf("k.kind = 'SHOP_RECEIVABLE' AND k.shop_id = " + shopB));
    // Every covered transfer is closed: 5 payments and 1 cancel; today's is not.
    assertEquals(
        6,
        number(
            "SELECT COUNT(*) FROM transfer WHERE closed = TRUE AND shop_id IN ("
                + shopA
                + ", "
                + shopB
                + ")"));

    // the close covers the payment, its cancel is refused; today's payment still cancels.
    var refused =
        assertInstanceOf(
            PaymentOutcome.Refused.class, payments.cancel(shopA, a1.paymentId(), "test"));
    assertEquals(Refusal.SETTLEMENT_CLOSED, refused.refusal());
    assertInstanceOf(PaymentOutcome.Done.class, payments.cancel(shopA, today.paymentId(), "test"));

    // Starting the same close again does nothing, and a line is never posted twice.
    RunView again = admin.call(() -> closing.start(MONEY, LocalDate.of(2019, 7, 31)));
    assertEquals(run.id(), again.id());
    assertTrue(again.closed());
    List<Long> lineIds =
        db.column("SELECT id FROM settlement_line WHERE run_id = " + run.id()).stream()
            .map(o -> ((Number) o).longValue())
            .toList();
    for (long lineId : lineIds) {
      assertFalse(steps.closeLine(lineId));
    }
    assertEquals(
        2,
        number(
            "SELECT COUNT(*) FROM transfer WHERE operation = 'SETTLE' AND credit_account_id IN"
                + " (SELECT id FROM account WHERE kind = 'SETTLEMENT_PAYABLE')"
                + " AND debit_account_id IN (SELECT id FROM account WHERE shop_id IN ("
                + shopA
                + ", "
                + shopB
                + "))"));
    assertEquals(0, balanceOf("k.kind = 'SHOP_RECEIVABLE' AND k.shop_id = " + shopA));

    // the Zengin file of the payout date holds shop A's due to its business's account;
    // shop B's business registered none, so it is named and left out.
    fixtures.execute(
        "INSERT INTO business_bank_account (business_id, bank_code, bank_name, branch_code,"
            + " branch_name, account_type, account_number, holder_kana, updated_at, updated_by)"
            + " SELECT business_id, '0005', 'ミツビシ', '123', 'ワカバ', 1, '7654321', 'ﾃｽﾄ ｼﾞｷﾞｮｳｼｬ',"
            + " CURRENT_TIMESTAMP, 'test' FROM shop WHERE id = "
            + shopA);
    var file = admin.call(() -> closing.payoutFile(LocalDate.of(2019, 8, 15)));
    assertEquals(1, file.lines());
    assertEquals(2_000, file.totalYen());
    assertEquals(List.of("SCB" + tag), file.missingAccount());
    ZenginFileCheck.check(file.bytes(), RecordSeparator.CRLF, 1, 2_000);
    String data = new String(file.bytes(), 122, 120, ZenginTransferFile.CHARSET);
    assertEquals('2', data.charAt(0));
    assertEquals("0005", data.substring(1, 5));
    assertEquals("7654321", data.substring(43, 50));
    assertEquals("0000002000", data.substring(80, 90));
    long lineOfA =
        admin.call(() -> closing.lines(run.id())).stream()
            .filter(l -> l.shopId() == shopA)
            .findFirst()
            .orElseThrow()
            .lineId();
    assertEquals(
        String.format("%010d", lineOfA),
        data.substring(101, 111),
        "顧客コード2 names the settlement line, so the bank's result can be matched (R-55)");
    assertEquals(
        "0005-123 ****321",
        admin.call(() -> closing.lines(run.id())).stream()
            .filter(l -> l.shopId() == shopA)
            .findFirst()
            .orElseThrow()
            .maskedAccount());

    // shop A's statement, for the city and for its own business's login; another
    // business's login gets nothing; shop B's login sees its transfer only.
    long lineIdA =
        number(
            "SELECT id FROM settlement_line WHERE run_id = "
                + run.id()
                + " AND shop_id = "
                + shopA);
    Statement forCity = admin.call(() -> statements.statementForCity(lineIdA)).orElseThrow();
    assertEquals("SCA" + tag, forCity.shopCode());
    assertEquals(LocalDate.of(2019, 7, 16), forCity.periodFirst());
    // In a payout file made late, it is paid on the date that file asked the bank for.
    assertEquals(file.made().transferDate(), forCity.payoutDate());
    assertEquals(2_500, forCity.useYen());
    assertEquals(500, forCity.cancelYen());
    assertEquals(2_000, forCity.payableYen());
    assertTrue(forCity.bankAccount().contains("****321"), forCity.bankAccount());
    assertFalse(forCity.bankAccount().contains("7654321"), forCity.bankAccount());
    String ownerA = "owner-a-" + tag.toLowerCase() + "@example.jp";
    String staffB = "staff-b-" + tag.toLowerCase() + "@example.jp";
    merchantLogin(ownerA, "(SELECT business_id FROM shop WHERE id = " + shopA + ")", "NULL");
    merchantLogin(staffB, "(SELECT business_id FROM shop WHERE id = " + shopB + ")", "" + shopB);
    assertEquals(forCity, statements.statement(ownerA, lineIdA).orElseThrow());
    assertTrue(statements.statement(staffB, lineIdA).isEmpty(), "another shop's statement");
    assertTrue(statements.statement("nobody@example.jp", lineIdA).isEmpty());
    List<SettlementStatements.Transfer> ofB = statements.transfers(staffB);
    assertEquals(1, ofB.size(), ofB.toString());
    assertEquals("SCB" + tag, ofB.get(0).shopCode());
    assertEquals(1_000, ofB.get(0).payableYen());
    assertEquals("DUE", ofB.get(0).payoutState());
    assertEquals(LocalDate.of(2019, 8, 15), ofB.get(0).payoutDate());
    assertThrows(EJBException.class, () -> statements.statementForCity(lineIdA)); // no city role

    // a transfer is asked of the bank once. The file made above is file 1 of the date; making
    // another finds nothing new; B's business registers its account, and file 2 holds B's 1,000
    // alone. File 1 downloaded again is byte for byte what it was, also after A's business
    // changes its account. Only the administrator makes or downloads files.
    LocalDate payout = LocalDate.of(2019, 8, 15);
    assertEquals(1, file.made().sequence());
    // Made after its payout date (2019-08-15), the file asks the bank for today, or its next
    // business day: never a date in the past, never a bank holiday.
    LocalDate madeOn = LocalDate.now(org.jimoto.platform.control.PlatformClock.ZONE);
    assertFalse(file.made().transferDate().isBefore(madeOn), file.made().toString());
    assertTrue(businessDays.calendar().isBusinessDay(file.made().transferDate()));
    assertTrue(file.made().transferDate().isBefore(madeOn.plusDays(7)), file.made().toString());
    assertEquals(
        String.format(
            "%02d%02d",
            file.made().transferDate().getMonthValue(), file.made().transferDate().getDayOfMonth()),
        new String(file.bytes(), 0, 120, ZenginTransferFile.CHARSET).substring(54, 58));
    assertEquals(0, admin.call(() -> closing.payoutFile(payout)).lines(), "nothing new");
    var before = admin.call(() -> closing.payoutFiles(payout));
    assertEquals(1, before.files().size());
    assertEquals(0, before.unsent());
    assertEquals(List.of("SCB" + tag), before.missingAccount());
    // The date is listed among those with due transfers in no file, whichever run is open.
    assertTrue(
        auditor.call(() -> closing.unsentPayoutDates()).stream()
            .anyMatch(d -> d.payoutDate().equals(payout) && d.missingAccount().size() == 1));
    addBankAccount(shopB);
    var listed = auditor.call(() -> closing.payoutFiles(payout));
    assertEquals(1, listed.unsent());
    assertEquals(1_000, listed.unsentYen());
    assertAccessDenied(() -> auditor.call(() -> closing.payoutFile(payout)));
    var second = admin.call(() -> closing.payoutFile(payout));
    assertEquals(2, second.made().sequence());
    assertEquals(1, second.lines());
    assertEquals(1_000, second.totalYen());
    ZenginFileCheck.check(second.bytes(), RecordSeparator.CRLF, 1, 1_000);
    fixtures.execute(
        "UPDATE business_bank_account SET account_number = '1111111' WHERE business_id ="
            + " (SELECT business_id FROM shop WHERE id = "
            + shopA
            + ")");
    var copy = admin.call(() -> closing.payoutFileCopy(file.made().id()));
    assertArrayEquals(file.bytes(), copy.bytes(), "the file as it was sent");
    // the statement and the admin's line name the account the transfer was written to.
    String printed =
        admin.call(() -> statements.statementForCity(lineIdA)).orElseThrow().bankAccount();
    assertTrue(printed.contains("****321"), printed);
    assertTrue(
        admin.call(() -> closing.lines(run.id())).stream()
            .anyMatch(l -> l.shopId() == shopA && l.maskedAccount().endsWith("****321")));
    assertAccessDenied(() -> auditor.call(() -> closing.payoutFileCopy(file.made().id())));
    RefusedException unknown =
        assertThrows(RefusedException.class, () -> admin.call(() -> closing.payoutFileCopy(-1L)));
    assertEquals(Refusal.PAYOUT_FILE_UNKNOWN, unknown.refusal());
    assertEquals(2, admin.call(() -> closing.payoutFiles(payout)).files().size());
    assertTrue(
        admin.call(() -> closing.unsentPayoutDates()).stream()
            .noneMatch(d -> d.payoutDate().equals(payout)),
        "every transfer of the date is in a file");

    var report = invariants.check();
    assertTrue(report.ok(), report.toString());
  }

  /** A merchant login of a business (shop null) or of one shop, for R-93 checks. */
  private void merchantLogin(String login, String businessId, String shopId) {
    fixtures.execute(
        "INSERT INTO user_account (id, portal, login_name, display_name, password_hash,"
            + " password_changed_at, must_change_password, enabled, failed_login_count,"
            + " business_id, shop_id, created_at, version) VALUES ("
            + (900_000_000L + keys++ + System.nanoTime() % 100_000_000L)
            + ", 'MERCHANT', '"
            + login
            + "', 'test', 'x', CURRENT_TIMESTAMP, FALSE, TRUE, 0, "
            + businessId
            + ", "
            + shopId
            + ", CURRENT_TIMESTAMP, 0)");
  }

  @Test
  void aCloseInterruptedAfterItsFirstLineResumesAndPostsEachLineOnce_R53() throws Exception {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    String tag = Long.toString(System.nanoTime() % 1_000_000L, 36).toUpperCase();
    long terminalC = fixtures.newShopWithTerminal("CC" + tag, MONEY);
    long terminalD = fixtures.newShopWithTerminal("CD" + tag, MONEY);
    long shopC = fixtures.id("shop", "SCC" + tag);
    long shopD = fixtures.id("shop", "SCD" + tag);
    Object[] m = fixtures.newAppMember();
    assertInstanceOf(
        CreditOutcome.Done.class,
        charges.charge(
            new ChargeRequest(
                (Long) m[0], MONEY, ChargeChannel.BANK, 10_000, "ref-r" + tag, "test")));
    pay(terminalC, (String) m[1], 600);
    pay(terminalD, (String) m[1], 900);
    assertEquals(
        2,
        fixtures.execute(
            "UPDATE transfer SET created_at = TIMESTAMP '2019-06-20 10:00:00' WHERE shop_id IN ("
                + shopC
                + ", "
                + shopD
                + ") AND operation = 'USE'"));

    // A job that planned both lines and posted the first, then its server died (kill -9).
    var service = steps.service(MONEY).orElseThrow();
    var period = ClosingPeriod.of(LocalDate.of(2019, 6, 16), LocalDate.of(2019, 6, 30));
    var opened = steps.openRun(service, period, null, "test-crashed", null);
    assertTrue(opened.startJob());
    assertEquals(2, steps.plan(opened.runId()));
    assertTrue(steps.closeLine(steps.pendingLines(opened.runId()).get(0)));
    // While the run looks alive, a second start leaves it to its job.
    assertFalse(steps.openRun(service, period, null, "test-admin", null).startJob());
    fixtures.execute(
        "UPDATE settlement_run SET heartbeat_at = TIMESTAMP '2019-07-01 00:00:00' WHERE id = "
            + opened.runId());

    // Nobody presses the button again: the scheduler (every minute, on every node) takes the
    // silent run up; a second call finds it live and starts nothing more.
    assertTrue(scheduler.resumeStalled().contains(opened.runId()));
    assertFalse(steps.openRun(service, period, null, "test-admin", null).startJob());
    RunView run = awaitClosed(opened.runId());
    assertEquals("test-crashed", run.startedBy());
    assertEquals(
        1,
        number(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'SETTLEMENT_CLOSE_RESUMED'"
                + " AND actor = 'scheduler' AND detail LIKE '% run "
                + opened.runId()
                + "'"));
    assertEquals(2, run.linesClosed());
    assertEquals(1_500, run.netDueYen());
    for (long shop : List.of(shopC, shopD)) {
      assertEquals(
          1,
          number(
              "SELECT COUNT(*) FROM transfer t JOIN account d ON d.id = t.debit_account_id"
                  + " WHERE t.operation = 'SETTLE' AND d.shop_id = "
                  + shop));
      assertEquals(0, balanceOf("k.kind = 'SHOP_RECEIVABLE' AND k.shop_id = " + shop));
    }
    var report = invariants.check();
    assertTrue(report.ok(), report.toString());
  }

  /**
   * #12 item 2: the nightly close starts every period whose close date has passed and that has no
   * run, looking back a month, and leaves an open period alone. At a clock of its own in
   * 2017, so no other test's period is touched; every service's period is closed (empty ones too:
   * the record shows nothing was due).
   */
  @Test
  void theNightlyCloseStartsEveryPassedPeriodWithoutARunOnce_R53() throws Exception {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    String tag = Long.toString(System.nanoTime() % 1_000_000L, 36).toUpperCase();
    long terminal = fixtures.newShopWithTerminal("CN" + tag, MONEY);
    long shop = fixtures.id("shop", "SCN" + tag);
    Object[] m = fixtures.newAppMember();
    assertInstanceOf(
        CreditOutcome.Done.class,
        charges.charge(
            new ChargeRequest(
                (Long) m[0], MONEY, ChargeChannel.BANK, 10_000, "ref-n" + tag, "test")));
    pay(terminal, (String) m[1], 700);
    pay(terminal, (String) m[1], 300);
    fixtures.execute(
        "UPDATE transfer SET created_at = TIMESTAMP '2017-03-10 10:00:00' WHERE shop_id = "
            + shop
            + " AND operation = 'USE'");
    try {
      // 2017-03-16 01:00 JST: 1..15 March is over, 16..31 March is not.
      TestClock.set(java.time.LocalDateTime.of(2017, 3, 16, 1, 0));
      List<Long> started = scheduler.closeDuePeriods();
      long first =
          number(
              "SELECT r.id FROM settlement_run r JOIN value_service v ON v.id = r.service_id"
                  + " WHERE v.code = '"
                  + MONEY
                  + "' AND r.period_start = DATE '2017-03-01' AND r.period_end = DATE"
                  + " '2017-03-15'");
      assertTrue(started.contains(first), started.toString());
      RunView run = awaitClosed(first);
      assertEquals(SettlementScheduler.WHO, run.startedBy());
      assertEquals(
          1_000,
          number(
              "SELECT net_due_yen FROM settlement_line WHERE run_id = "
                  + first
                  + " AND shop_id = "
                  + shop));
      assertEquals(
          0,
          number(
              "SELECT COUNT(*) FROM settlement_run r JOIN value_service v ON v.id = r.service_id"
                  + " WHERE v.code = '"
                  + MONEY
                  + "' AND r.period_start = DATE '2017-03-16'"),
          "the open half month is left alone");
      for (Long id : started) {
        awaitClosed(id);
      }
      // The next night finds every passed period run: it starts nothing twice.
      assertEquals(List.of(), scheduler.closeDuePeriods());
    } finally {
      TestClock.reset();
    }
    assertEquals(
        1,
        number(
            "SELECT COUNT(*) FROM transfer t JOIN account d ON d.id = t.debit_account_id"
                + " WHERE t.operation = 'SETTLE' AND d.shop_id = "
                + shop));
    var report = invariants.check();
    assertTrue(report.ok(), report.toString());
  }

  private void addBankAccount(long shop) {
    fixtures.execute(
        "INSERT INTO business_bank_account (business_id, bank_code, bank_name, branch_code,"
            + " branch_name, account_type, account_number, holder_kana, updated_at, updated_by)"
            + " SELECT business_id, '0005', 'ミツビシ', '123', 'ワカバ', 1, '1234567', 'ﾃｽﾄ',"
            + " CURRENT_TIMESTAMP, 'test' FROM shop WHERE id = "
            + shop
            + " AND NOT EXISTS (SELECT 1 FROM business_bank_account b WHERE b.business_id ="
            + " (SELECT business_id FROM shop WHERE id = "
            + shop
            + "))");
  }

  private static void assertRefused(Refusal expected, Runnable action) {
    RefusedException e = assertThrows(RefusedException.class, action::run);
    assertEquals(expected, e.refusal());
  }

  /**
   * the administrator makes the payout date's file the day before that date, as a city does
   * (the file then asks the bank for the payout date itself).
   */
  private SettlementClosing.PayoutFile fileAhead(LocalDate payoutDate) {
    TestClock.set(payoutDate.minusDays(1).atTime(10, 0));
    try {
      return admin.call(() -> closing.payoutFile(payoutDate));
    } finally {
      TestClock.reset();
    }
  }

  private static void assertAccessDenied(Runnable action) {
    Throwable e = assertThrows(EJBException.class, action::run);
    while (e != null && !(e instanceof EJBAccessException)) {
      e = e.getCause();
    }
    assertTrue(e != null, "access was not denied");
  }

  private long paidMails(String shopCode) {
    return number(
        "SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE '%振込完了通知%' AND body LIKE '%"
            + shopCode
            + " %'");
  }

  private long payouts(long shop) {
    return number(
        "SELECT COUNT(*) FROM transfer t JOIN account d ON d.id = t.debit_account_id"
            + " JOIN account k ON k.id = t.credit_account_id WHERE t.operation = 'PAYOUT'"
            + " AND d.kind = 'SETTLEMENT_PAYABLE' AND k.kind = 'SHOP_PAID_OUT' AND k.shop_id = "
            + shop);
  }

  @Test
  void resultsPayOnceMailOnceAndAFailedTransferCarriesOverExactlyOnce_R55_R56() throws Exception {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    String tag = Long.toString(System.nanoTime() % 1_000_000L, 36).toUpperCase();
    long terminalE = fixtures.newShopWithTerminal("CE" + tag, MONEY);
    long terminalF = fixtures.newShopWithTerminal("CF" + tag, MONEY);
    long shopE = fixtures.id("shop", "SCE" + tag);
    long shopF = fixtures.id("shop", "SCF" + tag);
    String codeE = "SCE" + tag;
    String codeF = "SCF" + tag;
    addBankAccount(shopE);
    addBankAccount(shopF);
    Object[] m = fixtures.newAppMember();
    assertInstanceOf(
        CreditOutcome.Done.class,
        charges.charge(
            new ChargeRequest(
                (Long) m[0], MONEY, ChargeChannel.BANK, 10_000, "ref-p" + tag, "test")));
    pay(terminalE, (String) m[1], 1_500);
    pay(terminalF, (String) m[1], 800);
    assertEquals(
        2,
        fixtures.execute(
            "UPDATE transfer SET created_at = TIMESTAMP '2019-03-20 10:00:00' WHERE shop_id IN ("
                + shopE
                + ", "
                + shopF
                + ") AND operation = 'USE'"));
    RunView first =
        awaitClosed(admin.call(() -> closing.start(MONEY, LocalDate.of(2019, 3, 20))).id());
    Map<Long, LineView> lines =
        admin.call(() -> closing.lines(first.id())).stream()
            .collect(Collectors.toMap(LineView::shopId, l -> l));
    long lineE = lines.get(shopE).lineId();
    long lineF = lines.get(shopF).lineId();
    assertEquals(1_500, lines.get(shopE).netDueYen());
    assertEquals(800, lines.get(shopF).netDueYen());

    // Only the administrator records results; the clerk and the auditor cannot.
    assertAccessDenied(() -> clerk.call(() -> run(() -> results.markPaid(lineE))));
    assertAccessDenied(() -> auditor.call(() -> run(() -> results.markPaid(lineE))));
    assertAccessDenied(() -> auditor.call(() -> run(() -> results.markFailed(lineF, "口座相違"))));

    // #12 reviews: only a transfer the bank was asked for has a result: none for a line in no
    // payout file, before its file's transfer date, or whose payout date is undecided.
    assertRefused(
        Refusal.SETTLEMENT_NOT_IN_FILE, () -> admin.call(() -> run(() -> results.markPaid(lineE))));
    // The city made the date's file ahead of the payout date: it asks for that date.
    var firstFile = fileAhead(first.payoutDate());
    assertEquals(first.payoutDate(), firstFile.made().transferDate());
    assertEquals(2, firstFile.lines());
    String transferDate =
        "UPDATE payout_file SET transfer_date = %s WHERE id = " + firstFile.made().id();
    fixtures.execute(String.format(transferDate, "CURRENT_DATE + 10"));
    assertRefused(
        Refusal.SETTLEMENT_PAYOUT_NOT_YET,
        () -> admin.call(() -> run(() -> results.markPaid(lineE))));
    fixtures.execute(String.format(transferDate, "DATE '" + first.payoutDate() + "'"));
    String payoutDate = "UPDATE settlement_run SET payout_date = %s WHERE id = " + first.id();
    fixtures.execute(String.format(payoutDate, "NULL"));
    assertRefused(
        Refusal.SETTLEMENT_PAYOUT_DATE_OPEN,
        () -> admin.call(() -> run(() -> results.markFailed(lineE, "口座相違"))));
    fixtures.execute(String.format(payoutDate, "DATE '" + first.payoutDate() + "'"));
    assertEquals(0, payouts(shopE));

    // PAID: one PAYOUT entry of the line's amount out of the payable, one 振込完了通知.
    admin.call(() -> run(() -> results.markPaid(lineE)));
    assertEquals(1, payouts(shopE));
    assertEquals(1_500, balanceOf("k.kind = 'SHOP_PAID_OUT' AND k.shop_id = " + shopE));
    assertEquals(1, paidMails(codeE));
    assertEquals(
        1,
        number(
            "SELECT COUNT(*) FROM mail_outbox WHERE body LIKE '%1,500%' AND body LIKE '%"
                + codeE
                + " %' AND body LIKE '%2019-03-16%' AND recipient = (SELECT b.email FROM"
                + " business b JOIN shop s ON s.business_id = b.id WHERE s.id = "
                + shopE
                + ")"));
    assertEquals(
        1,
        number(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'PAYOUT_RESULT' AND detail LIKE"
                + " 'line "
                + lineE
                + " %PAID%'"));
    // A second result for the same transfer is refused and changes nothing.
    assertRefused(
        Refusal.SETTLEMENT_RESULT_RECORDED,
        () -> admin.call(() -> run(() -> results.markPaid(lineE))));
    assertRefused(
        Refusal.SETTLEMENT_RESULT_RECORDED,
        () -> admin.call(() -> run(() -> results.markFailed(lineE, "口座相違"))));
    assertEquals(1, payouts(shopE));
    assertEquals(1, paidMails(codeE));

    // FAILED needs its reason; it posts nothing and the amount stays payable.
    assertRefused(
        Refusal.SETTLEMENT_FAILURE_REASON_MISSING,
        () -> admin.call(() -> run(() -> results.markFailed(lineF, " "))));
    admin.call(() -> run(() -> results.markFailed(lineF, "口座相違")));
    assertEquals(0, payouts(shopF));
    assertEquals(0, paidMails(codeF));
    var report = invariants.check(); // the payable equals the DUE and FAILED lines
    assertTrue(report.ok(), report.toString());

    // A result file with errors: every error is listed and nothing changes.
    String bad =
        "line_id,shop_code,amount_yen,result,reason\n"
            + "999999999,"
            + codeE
            + ",100,PAID,\n"
            + lineF
            + ","
            + codeF
            + ",700,PAID,\n"
            + lineF
            + ","
            + codeF
            + ",800,PAID,\n"
            + lineE
            + ","
            + codeE
            + ",1500,FAILED,\n";
    var preview = admin.call(() -> results.check(bad.getBytes(StandardCharsets.UTF_8)));
    List<Refusal> found = preview.problems().stream().map(p -> p.refusal()).toList();
    assertEquals(
        List.of(
            Refusal.RESULT_ROW_LINE,
            Refusal.RESULT_ROW_AMOUNT,
            Refusal.RESULT_ROW_DUPLICATE,
            Refusal.SETTLEMENT_FAILURE_REASON_MISSING,
            Refusal.RESULT_FILE_INVALID),
        found);
    // Rows as the spreadsheet shows them: the header is row 1 (#12 payout item 4).
    assertEquals(List.of(2, 3, 4, 5, 0), preview.problems().stream().map(p -> p.row()).toList());
    assertEquals(List.of(String.valueOf(lineF), "3"), preview.problems().get(2).args());
    var applied = admin.call(() -> results.apply(bad.getBytes(StandardCharsets.UTF_8)));
    assertFalse(applied.ok());
    assertEquals(0, applied.recorded());
    assertEquals(
        "FAILED",
        admin.call(() -> closing.lines(first.id())).stream()
            .filter(l -> l.lineId() == lineF)
            .findFirst()
            .orElseThrow()
            .payoutState());
    assertEquals(0, payouts(shopF));
    assertAccessDenied(
        () -> auditor.call(() -> results.apply(bad.getBytes(StandardCharsets.UTF_8))));

    // the next close carries F's failed 800 yen by itself, though F took no payment then.
    pay(terminalE, (String) m[1], 300);
    assertEquals(
        1,
        fixtures.execute(
            "UPDATE transfer SET created_at = TIMESTAMP '2019-04-05 10:00:00' WHERE shop_id = "
                + shopE
                + " AND operation = 'USE' AND closed = FALSE"));
    RunView second =
        awaitClosed(admin.call(() -> closing.start(MONEY, LocalDate.of(2019, 4, 5))).id());
    Map<Long, LineView> next =
        admin.call(() -> closing.lines(second.id())).stream()
            .collect(Collectors.toMap(LineView::shopId, l -> l));
    LineView carried = next.get(shopF);
    assertEquals(0, carried.useYen());
    assertEquals(800, carried.carriedOverYen());
    assertEquals(800, carried.netDueYen());
    assertEquals("DUE", carried.payoutState());
    assertEquals(300, next.get(shopE).netDueYen());
    assertEquals(0, next.get(shopE).carriedOverYen()); // a paid line is never carried
    LineView failed =
        admin.call(() -> closing.lines(first.id())).stream()
            .filter(l -> l.lineId() == lineF)
            .findFirst()
            .orElseThrow();
    assertEquals("CARRIED_OVER", failed.payoutState());
    assertEquals(carried.lineId(), failed.carriedToLineId());
    assertEquals("口座相違", failed.failureReason());
    assertRefused(
        Refusal.SETTLEMENT_RESULT_RECORDED,
        () -> admin.call(() -> run(() -> results.markPaid(lineF))));
    // The carried line posts no second SETTLE: the 800 yen were in the payable already.
    assertEquals(
        1,
        number(
            "SELECT COUNT(*) FROM transfer t JOIN account d ON d.id = t.debit_account_id"
                + " WHERE t.operation = 'SETTLE' AND d.shop_id = "
                + shopF));
    // Closing the same period again, or the next one, carries nothing twice: the carried line is
    // no longer FAILED, and F (no payments, nothing failed) gets no line in the next close.
    admin.call(() -> closing.start(MONEY, LocalDate.of(2019, 4, 5)));
    var service = steps.service(MONEY).orElseThrow();
    var third =
        steps.openRun(
            service,
            ClosingPeriod.of(LocalDate.of(2019, 4, 16), LocalDate.of(2019, 4, 30)),
            null,
            "test",
            null);
    steps.plan(third.runId());
    for (long pending : steps.pendingLines(third.runId())) {
      steps.closeLine(pending);
    }
    assertTrue(steps.finish(third.runId()));
    assertEquals(
        0,
        number(
            "SELECT COUNT(*) FROM settlement_line WHERE run_id = "
                + third.runId()
                + " AND shop_id = "
                + shopF));
    assertEquals(
        800, number("SELECT SUM(carried_over_yen) FROM settlement_line WHERE shop_id = " + shopF));

    // The merchant sees why, and where it went.
    String staffF = "staff-f-" + tag.toLowerCase() + "@example.jp";
    merchantLogin(staffF, "(SELECT business_id FROM shop WHERE id = " + shopF + ")", "" + shopF);
    Map<String, SettlementStatements.Transfer> ofF =
        statements.transfers(staffF).stream()
            .collect(Collectors.toMap(SettlementStatements.Transfer::payoutState, t -> t));
    assertEquals("口座相違", ofF.get("CARRIED_OVER").failureReason());
    assertEquals(second.payoutDate(), ofF.get("CARRIED_OVER").carriedToPayoutDate());
    assertEquals(800, ofF.get("DUE").payableYen());

    // F's failed 800 yen show as not transferred, with why and where they went, and
    // in the next closing as 前回繰越 apart from that period's sales (0 yen).
    assertEquals(0, ofF.get("CARRIED_OVER").transferYen());
    assertEquals(0, ofF.get("DUE").salesYen());
    assertEquals(800, ofF.get("DUE").carriedInYen());
    assertEquals(800, ofF.get("DUE").transferYen());
    Statement failedStatement = statements.statement(staffF, lineF).orElseThrow();
    assertEquals(800, failedStatement.salesYen());
    assertEquals(0, failedStatement.transferYen());
    assertEquals(800, failedStatement.failedYen());
    assertEquals("口座相違", failedStatement.outcome().failureReason());
    assertEquals(LocalDate.of(2019, 4, 1), failedStatement.outcome().carriedToFirst());
    assertEquals(second.payoutDate(), failedStatement.outcome().carriedToPayoutDate());
    Statement carriedStatement = statements.statement(staffF, carried.lineId()).orElseThrow();
    assertEquals(0, carriedStatement.salesYen());
    assertEquals(800, carriedStatement.carriedOverYen());
    assertEquals(800, carriedStatement.transferYen());
    // Run totals count each yen once: sales where they were made (2,300 then 300), transfers
    // where they are paid (1,500 then 300 + 800 carried in).
    RunView firstNow = admin.call(() -> closing.run(first.id())).orElseThrow();
    RunView secondNow = admin.call(() -> closing.run(second.id())).orElseThrow();
    assertEquals(2_300, firstNow.salesYen());
    assertEquals(1_500, firstNow.transferYen());
    assertEquals(800, firstNow.failedYen());
    assertEquals(0, firstNow.carriedInYen());
    assertEquals(300, secondNow.salesYen());
    assertEquals(800, secondNow.carriedInYen());
    assertEquals(1_100, secondNow.transferYen());
    assertEquals(0, secondNow.failedYen());
    assertEquals(2_300 + 300, firstNow.salesYen() + secondNow.salesYen()); // = the shops' net sales
    assertEquals(2_300 + 300, firstNow.transferYen() + secondNow.transferYen());

    // The carried amount is in the next payout file, to F's account.
    var file = fileAhead(second.payoutDate());
    ZenginFileCheck.check(file.bytes(), RecordSeparator.CRLF, file.lines(), file.totalYen());
    assertEquals(secondNow.transferYen(), file.totalYen()); // the file = that date's transfers
    boolean hasF = false;
    for (int at = 122; at + 120 <= file.bytes().length; at += 122) {
      String rec = new String(file.bytes(), at, 120, ZenginTransferFile.CHARSET);
      if (rec.charAt(0) == '2' && rec.substring(80, 90).equals("0000000800")) {
        hasF = true;
      }
    }
    assertTrue(hasF, "the carried 800 yen are in the payout file");

    // The bank's result file of the second date: applied once; the same file again changes
    // nothing.
    String good =
        "line_id,shop_code,amount_yen,result,reason\n"
            + next.get(shopE).lineId()
            + ","
            + codeE
            + ",300,PAID,\n"
            + carried.lineId()
            + ","
            + codeF
            + ",800,PAID,\n";
    var ok = admin.call(() -> results.apply(good.getBytes(StandardCharsets.UTF_8)));
    assertTrue(ok.ok(), ok.problems().toString());
    assertEquals(2, ok.recorded());
    assertEquals(1_100, ok.paidYen());
    var again = admin.call(() -> results.apply(good.getBytes(StandardCharsets.UTF_8)));
    assertTrue(again.ok(), again.problems().toString());
    assertEquals(0, again.recorded());
    assertEquals(2, again.unchanged());
    assertEquals(2, payouts(shopE));
    assertEquals(1, payouts(shopF));
    assertEquals(800, balanceOf("k.kind = 'SHOP_PAID_OUT' AND k.shop_id = " + shopF));
    assertEquals(1, paidMails(codeF));
    assertEquals(2, paidMails(codeE));
    report = invariants.check();
    assertTrue(report.ok(), report.toString());

    // Corrections: a PAID result recorded by mistake is reversed to DUE by one
    // PAYOUT_REVERSAL entry, with a reason, by the administrator only.
    long lineE2 = next.get(shopE).lineId();
    assertAccessDenied(() -> clerk.call(() -> run(() -> results.reversePaid(lineE2, "誤記録"))));
    assertAccessDenied(() -> auditor.call(() -> run(() -> results.correctToPaid(lineF, "誤記録"))));
    assertRefused(
        Refusal.REASON_MISSING,
        () -> admin.call(() -> run(() -> results.reversePaid(lineE2, " "))));
    admin.call(() -> run(() -> results.reversePaid(lineE2, "銀行の結果を取り違えた")));
    assertEquals("DUE", lineState(second.id(), lineE2));
    assertEquals(
        1,
        number(
            "SELECT COUNT(*) FROM transfer t JOIN account d ON d.id = t.debit_account_id"
                + " JOIN account k ON k.id = t.credit_account_id"
                + " WHERE t.operation = 'PAYOUT_REVERSAL' AND t.amount_yen = 300"
                + " AND d.kind = 'SHOP_PAID_OUT' AND k.kind = 'SETTLEMENT_PAYABLE'"
                + " AND t.shop_id = "
                + shopE
                + " AND d.shop_id = "
                + shopE));
    assertEquals(1_500, balanceOf("k.kind = 'SHOP_PAID_OUT' AND k.shop_id = " + shopE));
    assertEquals(2, paidMails(codeE)); // nothing sent for a reversal
    assertEquals(
        1,
        number(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'PAYOUT_RESULT_CORRECTED'"
                + " AND detail LIKE 'line "
                + lineE2
                + " %PAID -> DUE 300 yen%' AND reason = '銀行の結果を取り違えた'"));
    report = invariants.check(); // the 300 yen are payable again, the line DUE
    assertTrue(report.ok(), report.toString());
    assertRefused(
        Refusal.SETTLEMENT_NOT_PAID,
        () -> admin.call(() -> run(() -> results.reversePaid(lineE2, "誤記録"))));
    // DUE again, it stays in the file the bank was sent (never asked for twice: no new file)
    // and can get a result again.
    assertEquals(0, admin.call(() -> closing.payoutFile(second.payoutDate())).lines());
    // The bank's file uploaded again must not pay the reversed transfer a second time (#12
    // review): its row is refused, nothing is recorded; only the buttons record it now.
    var reupload = admin.call(() -> results.apply(good.getBytes(StandardCharsets.UTF_8)));
    assertFalse(reupload.ok());
    assertEquals(
        Refusal.SETTLEMENT_RESULT_REVERSED,
        reupload.problems().stream()
            .map(p -> p.refusal())
            .filter(r -> r != Refusal.RESULT_FILE_INVALID)
            .findFirst()
            .orElseThrow());
    assertEquals("DUE", lineState(second.id(), lineE2));
    assertEquals(2, payouts(shopE));
    admin.call(() -> run(() -> results.markFailed(lineE2, "口座相違")));
    // A FAILED line not yet carried over can be corrected to PAID: one PAYOUT entry; the
    // 振込完了通知 went out for this line before, so it is not sent again.
    assertRefused(
        Refusal.SETTLEMENT_NOT_FAILED,
        () -> admin.call(() -> run(() -> results.correctToPaid(next.get(shopF).lineId(), "x"))));
    admin.call(() -> run(() -> results.correctToPaid(lineE2, "銀行から入金済みと連絡")));
    assertEquals("PAID", lineState(second.id(), lineE2));
    assertEquals(3, payouts(shopE));
    assertEquals(1_800, balanceOf("k.kind = 'SHOP_PAID_OUT' AND k.shop_id = " + shopE));
    assertEquals(2, paidMails(codeE));
    // A carried-over line cannot change: its amount is in a later transfer.
    assertRefused(
        Refusal.SETTLEMENT_CARRIED_OVER,
        () -> admin.call(() -> run(() -> results.correctToPaid(lineF, "誤記録"))));
    assertRefused(
        Refusal.SETTLEMENT_CARRIED_OVER,
        () -> admin.call(() -> run(() -> results.reversePaid(lineF, "誤記録"))));
    assertEquals("CARRIED_OVER", lineState(first.id(), lineF));
    // the settlement moves carry the shop: the city finds them by its shop filter,
    // with the shop in the payout's "to"; they are never sales, and a merchant's own list
    // shows its shops' transactions only (the transfers are in its 振込履歴).
    assertEquals(
        2,
        number("SELECT COUNT(*) FROM transfer WHERE operation = 'SETTLE' AND shop_id = " + shopE));
    assertEquals(
        4,
        number(
            "SELECT COUNT(*) FROM transfer WHERE operation IN ('PAYOUT', 'PAYOUT_REVERSAL')"
                + " AND shop_id = "
                + shopE));
    var today = java.time.LocalDateTime.now();
    var filterE =
        new org.jimoto.report.boundary.TransactionReports.Filter(
            today.minusDays(2), today.plusDays(2), null, null, MONEY, codeE, null, null, null);
    var cityE = reports.search(filterE, 0, 50);
    var ops = cityE.byOperation();
    assertEquals(1_500 + 300, ops.get(org.jimoto.ledger.entity.Operation.SETTLE).amountYen());
    assertEquals(1_500 + 300 + 300, ops.get(org.jimoto.ledger.entity.Operation.PAYOUT).amountYen());
    assertEquals(300, ops.get(org.jimoto.ledger.entity.Operation.PAYOUT_REVERSAL).amountYen());
    assertEquals(0, cityE.salesYen()); // E's uses are back-dated to 2019: none today
    assertEquals(0, cityE.netYen()); // settlement moves add nothing to the listed total
    var csv = new java.io.ByteArrayOutputStream();
    reports.exportCsv(
        new org.jimoto.report.boundary.TransactionReports.Filter(
            today.minusDays(2),
            today.plusDays(2),
            null,
            null,
            MONEY,
            codeF,
            null,
            org.jimoto.ledger.entity.Operation.PAYOUT,
            null),
        org.jimoto.report.boundary.TransactionReports.CsvEncoding.UTF8_BOM,
        csv);
    var records =
        org.apache.commons.csv.CSVFormat.DEFAULT
            .parse(new java.io.StringReader(csv.toString(StandardCharsets.UTF_8).substring(1)))
            .getRecords();
    assertEquals(2, records.size(), records.toString()); // header + F's one payout
    int to = org.jimoto.report.boundary.TransactionReports.CSV_COLUMNS.indexOf("to");
    int shopColumn = org.jimoto.report.boundary.TransactionReports.CSV_COLUMNS.indexOf("shopId");
    assertEquals(codeF, records.get(1).get(to));
    assertEquals(codeF, records.get(1).get(shopColumn));
    var ofMerchantF = reports.searchForMerchant(staffF, filterE.forShop(codeF), null, 0, 50);
    assertEquals(0, ofMerchantF.count(), ofMerchantF.byOperation().toString());

    // Every entry of the corrections balances; the invariants hold.
    assertEquals(
        0,
        number(
            "SELECT COUNT(*) FROM journal_entry e WHERE e.operation IN ('PAYOUT',"
                + " 'PAYOUT_REVERSAL') AND (SELECT COUNT(*) FROM transfer t"
                + " WHERE t.entry_id = e.id) <> 1"));
    report = invariants.check();
    assertTrue(report.ok(), report.toString());
  }

  private String lineState(long runId, long lineId) {
    return admin.call(() -> closing.lines(runId)).stream()
        .filter(l -> l.lineId() == lineId)
        .findFirst()
        .orElseThrow()
        .payoutState();
  }

  private static Object run(Runnable r) {
    r.run();
    return null;
  }

  /**
   * #12 item 6: the published payout calendar, from the current period on (R-50, seed 003's rule: a
   * 15th close is paid at the month end, a month-end close on the next 15th; 2024-04-29 昭和の日 is not
   * a payout date of these).
   */
  @Test
  void thePublishedCalendarShowsEachPeriodsCloseAndPayoutDates_R50() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    try {
      TestClock.set(java.time.LocalDateTime.of(2024, 4, 5, 12, 0));
      var coin =
          calendar.upcoming(3).stream()
              .filter(c -> c.code().equals(MONEY))
              .findFirst()
              .orElseThrow();
      assertEquals("SEMI_MONTHLY", coin.schedule());
      assertEquals(
          List.of(
              new PayoutCalendar.Row(
                  LocalDate.of(2024, 4, 1),
                  LocalDate.of(2024, 4, 15),
                  LocalDate.of(2024, 4, 15),
                  LocalDate.of(2024, 4, 30)),
              new PayoutCalendar.Row(
                  LocalDate.of(2024, 4, 16),
                  LocalDate.of(2024, 4, 30),
                  LocalDate.of(2024, 4, 30),
                  LocalDate.of(2024, 5, 15)),
              new PayoutCalendar.Row(
                  LocalDate.of(2024, 5, 1),
                  LocalDate.of(2024, 5, 15),
                  LocalDate.of(2024, 5, 15),
                  LocalDate.of(2024, 5, 31))),
          coin.rows());
      assertEquals(
          PayoutCalendar.MAX_PERIODS,
          calendar.upcoming(99).stream()
              .filter(c -> c.code().equals(MONEY))
              .findFirst()
              .orElseThrow()
              .rows()
              .size());
    } finally {
      TestClock.reset();
    }
  }

  private String isecaCsv() throws java.io.IOException {
    try (var in = getClass().getResourceAsStream(ISECA_CSV)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private PublishedCalendars.Outcome upload(String service, String csv) {
    return admin.call(() -> published.upload(service, csv, "ISECA 売上金振込スケジュール 令和6年度"));
  }

  private List<PublishedCalendars.Finding> refused(PublishedCalendars.Outcome outcome) {
    return assertInstanceOf(PublishedCalendars.Outcome.Refused.class, outcome, outcome.toString())
        .findings();
  }

  private PayoutCalendar.ServiceCalendar upcoming(String service, java.time.LocalDateTime at) {
    TestClock.set(at);
    try {
      return calendar.upcoming(3).stream()
          .filter(c -> c.code().equals(service))
          .findFirst()
          .orElseThrow();
    } finally {
      TestClock.reset();
    }
  }

  /**
   * #12 item 1: a service paid by the calendar the city publishes. Seed 000's table uploaded
   * is what the schedule, the public payout calendar and a close use, row for row: 令和6年4月1日から15日まで
   * → 令和6年5月9日; 令和7年3月1日から15日まで → 未定, and a period beyond the table undecided too. Refused, nothing
   * changed: another role, a file with bad rows (each listed), a row changing the payout date a
   * closed period recorded. A period closed while 未定 takes the date published later.
   */
  @Test
  void aServicePaidByItsPublishedCalendarReproducesSeed000_R50() throws Exception {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    String tag = Long.toString(System.nanoTime() % 1_000_000L, 36).toUpperCase();
    String service = "PUB" + tag;
    fixtures.newPointService(service);
    long serviceId = fixtures.id("value_service", service);
    String seed = isecaCsv();

    // CITY_ADMIN only, in the ledger
    assertAccessDenied(() -> clerk.call(() -> published.upload(service, seed, "test")));
    assertAccessDenied(() -> auditor.call(() -> published.upload(service, seed, "test")));
    // a bad file: every bad line with its reason, nothing stored, the schedule unchanged
    String bad =
        "period_first,period_last,payout_date\n"
            + "2024-04-01,2024-04-15,2024-05-09\n"
            + "2024-04-16,2024-04-30,2024-05-18\n"
            + "2024-05-01,2024-05-16,2024-05-30\n";
    assertEquals(
        List.of(
            new PublishedCalendars.Finding(
                PublishedCalendars.Problem.PAYOUT_ON_BANK_HOLIDAY, 3, "2024-05-18 WEEKEND"),
            new PublishedCalendars.Finding(
                PublishedCalendars.Problem.NOT_HALF_MONTH, 4, "2024-05-01..2024-05-16")),
        refused(upload(service, bad)));
    assertEquals(
        List.of(new PublishedCalendars.Finding(PublishedCalendars.Problem.REASON_MISSING, 0, "")),
        refused(admin.call(() -> published.upload(service, seed, " "))));
    assertEquals(
        PublishedCalendars.Problem.UNKNOWN_SERVICE,
        refused(upload("NO_SUCH_" + tag, seed)).get(0).problem());
    // the header alone (or with the ,, rows Excel leaves) would turn every period into 未定
    assertEquals(
        List.of(new PublishedCalendars.Finding(PublishedCalendars.Problem.NO_ROWS, 2, "")),
        refused(upload(service, "period_first,period_last,payout_date\n,,\n")));
    assertEquals(List.of(), admin.call(() -> published.rows(service)));
    assertEquals(
        "SEMI_MONTHLY",
        db.single("SELECT settlement_schedule FROM value_service WHERE id = " + serviceId));
    // a weekly (or monthly) service is not switched to a calendar of half months
    String weekly = "WK" + tag;
    fixtures.newPointService(weekly);
    long weeklyId = fixtures.id("value_service", weekly);
    db.update("UPDATE value_service SET settlement_schedule = 'WEEKLY' WHERE id = " + weeklyId);
    Object revision =
        db.single("SELECT payout_calendar_revision FROM value_service WHERE id = " + weeklyId);
    assertEquals(
        List.of(
            new PublishedCalendars.Finding(
                PublishedCalendars.Problem.NOT_SEMI_MONTHLY_SERVICE, 0, "WEEKLY")),
        refused(upload(weekly, seed)));
    assertEquals(
        List.of("WEEKLY", revision),
        List.of(
            db.single("SELECT settlement_schedule FROM value_service WHERE id = " + weeklyId),
            db.single(
                "SELECT payout_calendar_revision FROM value_service WHERE id = " + weeklyId)));
    assertEquals(List.of(), admin.call(() -> published.rows(weekly)));

    var saved = assertInstanceOf(PublishedCalendars.Outcome.Saved.class, upload(service, seed));
    assertEquals(new PublishedCalendars.Outcome.Saved(service, 25, 2, 0), saved);
    assertEquals(
        1L,
        number(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'PAYOUT_CALENDAR_UPLOAD'"
                + " AND reason = 'ISECA 売上金振込スケジュール 令和6年度' AND detail LIKE 'service "
                + service
                + " schedule SEMI_MONTHLY -> PUBLISHED rows 25 %'"));
    var schedule = schedules.of(serviceId, ServiceSchedules.Kind.PUBLISHED);
    LocalDate april3 = LocalDate.of(2024, 4, 3);
    assertEquals(
        ClosingPeriod.of(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 15)),
        schedule.periodOf(april3));
    assertEquals(
        PayoutDate.on(LocalDate.of(2024, 5, 9)), schedule.payoutDate(schedule.periodOf(april3)));
    assertEquals(
        PayoutDate.on(LocalDate.of(2025, 3, 19)),
        schedule.payoutDate(schedule.periodOf(LocalDate.of(2025, 2, 20))));
    assertEquals(
        PayoutDate.undecided(), schedule.payoutDate(schedule.periodOf(LocalDate.of(2025, 3, 1))));
    assertEquals(
        PayoutDate.undecided(), schedule.payoutDate(schedule.periodOf(LocalDate.of(2025, 4, 1))));

    // the public payout calendar (支払スケジュール) shows the published dates and 未定
    var april = upcoming(service, java.time.LocalDateTime.of(2024, 4, 5, 12, 0));
    assertEquals("PUBLISHED", april.schedule());
    assertEquals(
        List.of(
            new PayoutCalendar.Row(
                LocalDate.of(2024, 4, 1),
                LocalDate.of(2024, 4, 15),
                LocalDate.of(2024, 4, 15),
                LocalDate.of(2024, 5, 9)),
            new PayoutCalendar.Row(
                LocalDate.of(2024, 4, 16),
                LocalDate.of(2024, 4, 30),
                LocalDate.of(2024, 4, 30),
                LocalDate.of(2024, 5, 16)),
            new PayoutCalendar.Row(
                LocalDate.of(2024, 5, 1),
                LocalDate.of(2024, 5, 15),
                LocalDate.of(2024, 5, 15),
                LocalDate.of(2024, 5, 30))),
        april.rows());
    var march = upcoming(service, java.time.LocalDateTime.of(2025, 2, 20, 12, 0)).rows();
    assertEquals(LocalDate.of(2025, 3, 19), march.get(0).payout());
    assertTrue(march.get(1).payoutUndecided(), march.toString()); // 令和7年3月1日から15日まで: 未定
    assertEquals(LocalDate.of(2025, 3, 15), march.get(1).last());
    assertTrue(march.get(2).payoutUndecided(), march.toString());

    // closes record the published date, or none for 未定 (its transfers wait for a date)
    RunView closedApril = closeAt(service, LocalDate.of(2024, 4, 3), LocalDate.of(2024, 4, 20));
    assertEquals(LocalDate.of(2024, 5, 9), closedApril.payoutDate());
    RunView closedMarch = closeAt(service, LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 20));
    assertEquals(null, closedMarch.payoutDate());

    // a closed period's payout date does not change: nothing stored, the run keeps its date
    String moved = seed.replace("2024-04-15,2024-05-09", "2024-04-15,2024-05-10");
    assertEquals(
        List.of(
            new PublishedCalendars.Finding(
                PublishedCalendars.Problem.CLOSED_PERIOD_CHANGED,
                0,
                "2024-04-01..2024-04-15 2024-05-09")),
        refused(upload(service, moved)));
    String undecided = seed.replace("2024-04-15,2024-05-09", "2024-04-15,未定");
    assertEquals(
        PublishedCalendars.Problem.CLOSED_PERIOD_CHANGED,
        refused(upload(service, undecided)).get(0).problem());
    assertEquals(
        LocalDate.of(2024, 5, 9),
        admin.call(() -> published.rows(service)).stream()
            .filter(r -> r.first().equals(LocalDate.of(2024, 4, 1)))
            .findFirst()
            .orElseThrow()
            .payout());
    assertEquals(
        PayoutDate.on(LocalDate.of(2024, 5, 9)),
        schedules
            .of(serviceId, ServiceSchedules.Kind.PUBLISHED)
            .payoutDate(schedule.periodOf(april3)));

    // the city decides 令和7年3月1日から15日まで later: the closed run takes the date, if it has not
    // passed (today in Tokyo, the ledger's clock): its shops could not be paid on a day gone by
    String decided = seed.replace("2025-03-15,未定", "2025-03-15,2025-04-03");
    TestClock.set(java.time.LocalDateTime.of(2025, 4, 4, 0, 30)); // 4 April already in Tokyo
    try {
      assertEquals(
          List.of(
              new PublishedCalendars.Finding(
                  PublishedCalendars.Problem.PAYOUT_DATE_PASSED,
                  0,
                  "2025-03-01..2025-03-15 2025-04-03")),
          refused(upload(service, decided)));
    } finally {
      TestClock.reset();
    }
    assertEquals(null, admin.call(() -> closing.run(closedMarch.id())).orElseThrow().payoutDate());
    TestClock.set(java.time.LocalDateTime.of(2025, 3, 25, 10, 0));
    try {
      assertEquals(
          new PublishedCalendars.Outcome.Saved(service, 25, 1, 1), upload(service, decided));
    } finally {
      TestClock.reset();
    }
    assertEquals(
        LocalDate.of(2025, 4, 3),
        admin.call(() -> closing.run(closedMarch.id())).orElseThrow().payoutDate());
    // the upload's audit names the run it dated
    assertEquals(
        1L,
        number(
            "SELECT COUNT(*) FROM audit_event WHERE action = 'PAYOUT_CALENDAR_UPLOAD' AND detail ="
                + " 'service "
                + service
                + " schedule PUBLISHED -> PUBLISHED rows 25 2024-03-16..2025-03-31 undecided 1"
                + " closed runs dated 1: "
                + service
                + " 2025-03-01..2025-03-15 -> 2025-04-03 (run "
                + closedMarch.id()
                + ")'"));
    assertEquals(
        PayoutDate.on(LocalDate.of(2025, 4, 3)),
        schedules
            .of(serviceId, ServiceSchedules.Kind.PUBLISHED)
            .payoutDate(schedule.periodOf(LocalDate.of(2025, 3, 3))));
  }

  /** Closes the service's period of {@code day} as the admin on {@code today}. */
  private RunView closeAt(String service, LocalDate day, LocalDate today) throws Exception {
    TestClock.set(today.atTime(9, 0));
    try {
      return awaitClosed(admin.call(() -> closing.start(service, day)).id());
    } finally {
      TestClock.reset();
    }
  }
}
