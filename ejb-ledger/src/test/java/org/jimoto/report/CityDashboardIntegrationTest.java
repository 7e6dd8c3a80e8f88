package org.jimoto.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.ledger.boundary.LedgerChecks;
import org.jimoto.ledger.boundary.LedgerInvariants;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentRequest.Leg;
import org.jimoto.payment.boundary.PaymentService;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.report.boundary.CityDashboard;
import org.jimoto.report.boundary.CityDashboard.ServiceBalance;
import org.jimoto.report.boundary.TransactionReports.Figure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The city's dashboard (issue #11 item 8): the unused balance at a base date, paid and free apart,
 * read back from lots and what each transfer took or gave back; the daily figures; the
 * ledger check's record. Figures are city-wide and other test classes share the database, so each
 * test compares a figure before and after its own operations, at dates no other test uses.
 */
@ExtendWith(ArquillianExtension.class)
class CityDashboardIntegrationTest {

  private static final String MONEY = "WAKABA_COIN";

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class, LedgerFixtures.class);
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject ChargeService charges;
  @Inject PaymentService payments;
  @Inject CityDashboard dashboard;
  @Inject LedgerChecks checks;
  @Inject LedgerInvariants invariants;

  @BeforeEach
  void demoCity() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
  }

  @AfterEach
  void ledgerInvariantsHold() {
    TestClock.reset();
    var report = invariants.check();
    assertTrue(report.ok(), report.toString());
  }

  private Map<String, ServiceBalance> unusedAt(LocalDate day) {
    return byCode(dashboard.unusedAt(day));
  }

  private static Map<String, ServiceBalance> byCode(List<ServiceBalance> balances) {
    return balances.stream()
        .collect(Collectors.toMap(ServiceBalance::serviceCode, Function.identity()));
  }

  /** after − before of one service, as [paid, premium, granted]. */
  private static List<Long> delta(ServiceBalance before, ServiceBalance after) {
    return List.of(
        after.paidYen() - before.paidYen(),
        after.premiumYen() - before.premiumYen(),
        after.grantedYen() - before.grantedYen());
  }

  @Test
  void theUnusedBalanceAtABaseDateCountsOnlyWhatHappenedByItsEnd_paidAndPremiumApart() {
    // A base date of its own, weeks ahead, where no other test writes.
    LocalDate base = LocalDate.now(PlatformClock.ZONE).plusDays(45);
    Map<String, ServiceBalance> before0 = unusedAt(base);
    Map<String, ServiceBalance> before1 = unusedAt(base.plusDays(1));
    Map<String, ServiceBalance> before2 = unusedAt(base.plusDays(2));
    Map<String, ServiceBalance> nowBefore = byCode(dashboard.outstanding());
    List<CityDashboard.DayFigures> daysBefore = dashboard.daily(base, base.plusDays(2));

    String code = String.valueOf(System.nanoTime() % 10_000_000);
    long terminal = fixtures.newShopWithTerminal(code, MONEY);
    Object[] m = fixtures.newCardMember();
    long r = (Long) m[0];

    // Day 0, 10:00: a charge of 10,000 with its premium; 23:59:59 is still day 0.
    TestClock.set(base.atTime(10, 0));
    var outcome =
        charges.charge(
            new ChargeRequest(
                r, MONEY, ChargeChannel.WINDOW, 10_000, "ref-" + System.nanoTime(), "clerk"));
    CreditView charged =
        assertInstanceOf(CreditOutcome.Done.class, outcome, String.valueOf(outcome)).credit();
    long paid = 0;
    long premium = 0;
    for (var part : charged.parts()) {
      if (part.lotKind().equals("PREMIUM")) {
        premium += part.amountYen();
      } else {
        paid += part.amountYen();
      }
    }
    assertEquals(10_000, paid);
    // Day 1: a payment of 3,000 takes from the lots.
    TestClock.set(base.plusDays(1).atTime(9, 30));
    PaymentView p = pay(terminal, (String) m[1], 3_000);
    // Day 2: its cancellation gives the same lots back.
    TestClock.set(base.plusDays(2).atTime(11, 0));
    assertInstanceOf(
        PaymentOutcome.Done.class,
        payments.cancel(fixtures.id("shop", "S" + code), p.paymentId(), "shop"));
    TestClock.reset();

    List<Long> day0 = delta(before0.get(MONEY), unusedAt(base).get(MONEY));
    assertEquals(List.of(10_000L, premium, 0L), day0);
    List<Long> day1 = delta(before1.get(MONEY), unusedAt(base.plusDays(1)).get(MONEY));
    assertEquals(10_000 + premium - 3_000, day1.get(0) + day1.get(1));
    assertTrue(day1.get(0) <= 10_000 && day1.get(1) <= premium, day1.toString());
    List<Long> day2 = delta(before2.get(MONEY), unusedAt(base.plusDays(2)).get(MONEY));
    assertEquals(day0, day2);
    // Now (nothing is dated later than day 2 for this resident): the live figure moved alike.
    assertEquals(day2, delta(nowBefore.get(MONEY), byCode(dashboard.outstanding()).get(MONEY)));

    // The daily figures: one charge of 10,000 + premium on day 0, one use of 3,000 on day 1,
    // its cancellation on day 2; every day of the period is listed.
    List<CityDashboard.DayFigures> days = dashboard.daily(base, base.plusDays(2));
    assertEquals(3, days.size());
    assertEquals(
        new Figure(10_000 + premium, 1), minus(days.get(0).charges(), daysBefore.get(0).charges()));
    assertEquals(new Figure(3_000, 1), minus(days.get(1).uses(), daysBefore.get(1).uses()));
    assertEquals(
        new Figure(3_000, 1), minus(days.get(2).useCancels(), daysBefore.get(2).useCancels()));

    var activity = dashboard.activity(base, base.plusDays(2));
    assertTrue(activity.residents() >= 1 && activity.shops() >= 1, activity.toString());
  }

  @Test
  void theUnusedBalanceCsvHasOneRowPerServiceAndATotal() throws Exception {
    LocalDate base = LocalDate.now(PlatformClock.ZONE);
    List<ServiceBalance> balances = dashboard.unusedAt(base);
    var out = new ByteArrayOutputStream();
    assertEquals(balances.size(), dashboard.writeUnusedCsv(base, out));
    String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
    assertEquals('\uFEFF', text.charAt(0));
    List<CSVRecord> rows =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .build()
            .parse(new StringReader(text.substring(1)))
            .getRecords();
    assertEquals(CityDashboard.UNUSED_CSV_COLUMNS, rows.get(0).getParser().getHeaderNames());
    assertEquals(balances.size() + 1, rows.size());
    long total = 0;
    for (int i = 0; i < balances.size(); i++) {
      ServiceBalance b = balances.get(i);
      CSVRecord row = rows.get(i);
      assertEquals(base.toString(), row.get("baseDate"));
      assertEquals(b.serviceCode(), row.get("serviceId"));
      assertEquals(b.paidYen(), Long.parseLong(row.get("paidValue")));
      assertEquals(b.freeYen(), Long.parseLong(row.get("freeValue")));
      assertEquals(b.totalYen(), Long.parseLong(row.get("totalValue")));
      total += b.totalYen();
    }
    assertEquals("TOTAL", rows.get(balances.size()).get("serviceId"));
    assertEquals(total, Long.parseLong(rows.get(balances.size()).get("totalValue")));
  }

  @Test
  void aLedgerCheckRunIsRecordedAndIsTheLastOne() {
    String actor = "auditor-" + System.nanoTime();
    LedgerChecks.CheckRun run = checks.runNow(actor);
    assertTrue(run.ok(), String.valueOf(run.violations()));
    assertNull(run.violations());
    assertTrue(run.transfers() > 0 && run.wallets() > 0);
    LedgerChecks.CheckRun last = checks.last().orElseThrow();
    assertEquals(actor, last.actor());
    assertEquals(run.transfers(), last.transfers());
  }

  private PaymentView pay(long terminal, String payer, long yen) {
    var outcome =
        payments.pay(
            new PaymentRequest(
                terminal, "k-" + System.nanoTime(), payer, List.of(new Leg(MONEY, yen)), "t"));
    return assertInstanceOf(PaymentOutcome.Done.class, outcome, String.valueOf(outcome)).payment();
  }

  private static Figure minus(Figure a, Figure b) {
    return new Figure(a.amountYen() - b.amountYen(), a.count() - b.count());
  }
}
