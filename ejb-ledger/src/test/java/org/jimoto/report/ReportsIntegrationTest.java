package org.jimoto.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
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
import org.jimoto.grant.StaffCallers;
import org.jimoto.grant.boundary.GrantService;
import org.jimoto.ledger.boundary.ExpiryService;
import org.jimoto.ledger.boundary.LedgerInvariants;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentRequest.Leg;
import org.jimoto.payment.boundary.PaymentService;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.report.boundary.TransactionReports;
import org.jimoto.report.boundary.TransactionReports.Figure;
import org.jimoto.report.boundary.TransactionReports.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The transaction list, the transaction CSV and the daily and monthly results
 * with their figures asserted by value. Each test works in a shop or service of its own, so
 * no other test's operations change its figures. Every test ends with the invariant check.
 */
@ExtendWith(ArquillianExtension.class)
class ReportsIntegrationTest {

  private static final String MONEY = "WAKABA_COIN";

  /** R-71 as seed 004's 「取引管理 CSVダウンロード操作説明一覧」 lists it, in its order. */
  private static final List<String> SEED_004_FIELDS =
      List.of(
          "tranId",
          "serviceOperatorId",
          "serviceId",
          "serviceDisplayName",
          "serviceType",
          "operationType",
          "operationId",
          "operationName",
          "merchantDisplayName",
          "merchantId",
          "shopDisplayName",
          "shopId",
          "terminalDisplayName",
          "terminalId",
          "terminalType",
          "uid",
          "amount",
          "beforeValue",
          "afterValue",
          "note1",
          "note2",
          "note3",
          "targetAmount",
          "targetTranId",
          "from",
          "to",
          "closed",
          "status",
          "createdAt",
          "updatedAt");

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
  @Inject StaffCallers.AsAdmin cityAdmin; // GrantService is guarded by role (#11 review 3)
  @Inject PaymentService payments;
  @Inject ExpiryService expiry;
  @Inject TransactionReports reports;
  @Inject LedgerInvariants invariants;

  private int keys;

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

  private String code() {
    return String.valueOf(System.nanoTime() % 10_000_000);
  }

  private LocalDate today() {
    return LocalDate.now(PlatformClock.ZONE);
  }

  private CreditView charge(long resident, long yen) {
    var outcome =
        charges.charge(
            new ChargeRequest(
                resident, MONEY, ChargeChannel.BANK, yen, "ref-" + System.nanoTime(), "t"));
    return assertInstanceOf(CreditOutcome.Done.class, outcome, String.valueOf(outcome)).credit();
  }

  private void grant(long resident, String service, long yen) {
    assertInstanceOf(
        CreditOutcome.Done.class,
        cityAdmin.call(() -> grants.grant(resident, service, yen, today().plusDays(30), "event")));
  }

  private PaymentView pay(long terminal, String payer, Leg... legs) {
    var outcome =
        payments.pay(
            new PaymentRequest(
                terminal, "k-" + System.nanoTime() + keys++, payer, List.of(legs), "t"));
    return assertInstanceOf(PaymentOutcome.Done.class, outcome, String.valueOf(outcome)).payment();
  }

  private void cancel(String shopCode, PaymentView p) {
    assertInstanceOf(
        PaymentOutcome.Done.class,
        payments.cancel(fixtures.id("shop", shopCode), p.paymentId(), "shop"));
  }

  private Filter period(String shop, Long resident, Operation op) {
    LocalDateTime now = LocalDateTime.now(PlatformClock.ZONE);
    return new Filter(
        now.minusDays(1), now.plusDays(1), resident, null, null, shop, null, op, null);
  }

  // ------------------------------------------------------------------

  @Test
  void aShopsHeadlineIsItsSalesUseMinusUseCancelInAmountAndCount_R70() {
    String code = code();
    long terminal = fixtures.newShopWithTerminal(code, MONEY, "WAKABA_POINT");
    String shop = "S" + code;
    Object[] m = fixtures.newAppMember();
    long r = (Long) m[0];
    charge(r, 10_000);
    grant(r, "WAKABA_POINT", 1_000);

    // Seed 004: a 1,000 payment and its cancellation make no sales.
    cancel(shop, pay(terminal, (String) m[1], new Leg(MONEY, 1_000)));
    var page = reports.search(period(shop, null, null), 0, 100);
    assertEquals(2, page.count());
    assertEquals(new Figure(1_000, 1), page.figure(Operation.USE));
    assertEquals(new Figure(1_000, 1), page.figure(Operation.USE_CANCEL));
    assertEquals(new Figure(0, 0), page.sales());

    // A combined payment is one use of 800 in two rows.
    pay(terminal, (String) m[1], new Leg(MONEY, 500), new Leg("WAKABA_POINT", 300));
    page = reports.search(period(shop, null, null), 0, 1);
    assertEquals(4, page.count(), "rows matched");
    assertEquals(1, page.rows().size(), "the page");
    assertEquals(new Figure(1_800, 2), page.figure(Operation.USE));
    assertEquals(new Figure(800, 1), page.sales());
    assertEquals(
        Map.of(Operation.USE, new Figure(1_800, 2), Operation.USE_CANCEL, new Figure(1_000, 1)),
        page.byOperation());

    // Narrowed by status or operation, the list shows fewer rows, but the sales stay the shop's:
    // status 1 = the active uses (seed 004: 「利用」、ステータス「1」 is the real usage).
    var active = reports.search(period(shop, null, null).withStatus(1), 0, 100);
    assertEquals(new Figure(800, 1), active.figure(Operation.USE));
    assertEquals(new Figure(800, 1), active.sales());
    assertEquals(0, active.count(Operation.USE_CANCEL));
    var usesOnly = reports.search(period(shop, null, Operation.USE), 0, 100);
    assertEquals(3, usesOnly.count());
    assertEquals(new Figure(800, 1), usesOnly.sales());
    // By terminal, and by one transaction ID.
    var byTerminal =
        reports.search(
            new Filter(
                LocalDateTime.now(PlatformClock.ZONE).minusDays(1),
                LocalDateTime.now(PlatformClock.ZONE).plusDays(1),
                null,
                null,
                null,
                null,
                "T" + code,
                null,
                null),
            0,
            100);
    assertEquals(4, byTerminal.count());
    String oneLeg = byTerminal.rows().get(0).tranId();
    var byTran =
        reports.search(
            new Filter(
                LocalDateTime.now(PlatformClock.ZONE).minusDays(1),
                LocalDateTime.now(PlatformClock.ZONE).plusDays(1),
                null,
                oneLeg,
                null,
                null,
                null,
                null,
                null),
            0,
            100);
    assertEquals(1, byTran.count());
    assertEquals(oneLeg, byTran.rows().get(0).tranId());

    // The resident's own list spans several operations: each has its subtotal; the charge with
    // its premium is one charge of 10,100, not two.
    var mine = reports.search(period(null, r, null), 0, 100);
    assertEquals(new Figure(10_100, 1), mine.figure(Operation.CHARGE));
    assertEquals(new Figure(1_000, 1), mine.figure(Operation.GRANT));
    assertEquals(new Figure(1_800, 2), mine.figure(Operation.USE));
    assertEquals(7, mine.count()); // charged + premium, grant, use, use-cancel, two legs
  }

  // ------------------------------------------------------------------

  @Test
  void theCsvHasSeed004sFieldsInItsOrderAndEachValueInPlace_R71_R74() throws Exception {
    assertEquals(SEED_004_FIELDS, TransactionReports.CSV_COLUMNS);
    String code = code();
    long terminal = fixtures.newShopWithTerminal(code, MONEY);
    String shop = "S" + code;
    Object[] m = fixtures.newCardMember(); // a card code does not expire as a QR token does
    long r = (Long) m[0];
    LocalDate day = today();
    TestClock.set(day.atTime(10, 0, 0));
    CreditView charged = charge(r, 10_000);
    TestClock.set(day.atTime(14, 3, 41));
    PaymentView p = pay(terminal, (String) m[1], new Leg(MONEY, 1_300));
    TestClock.set(day.atTime(14, 20, 5));
    cancel(shop, p);

    var out = new ByteArrayOutputStream();
    assertEquals(
        4, reports.exportCsv(period(null, r, null), TransactionReports.CsvEncoding.UTF8_BOM, out));
    byte[] bytes = out.toByteArray();
    assertEquals(
        List.of(0xEF, 0xBB, 0xBF), List.of(bytes[0] & 0xFF, bytes[1] & 0xFF, bytes[2] & 0xFF));
    List<CSVRecord> records =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .build()
            .parse(new StringReader(new String(bytes, StandardCharsets.UTF_8).substring(1)))
            .getRecords();
    assertEquals(4, records.size());
    assertEquals(SEED_004_FIELDS, records.get(0).getParser().getHeaderNames());
    String date = day.toString().replace('-', '/');
    String use = p.legs().get(0).tranId();

    Map<String, String> useRow = records.get(2).toMap(); // after the charge and its premium
    assertEquals(
        Map.ofEntries(
            Map.entry("tranId", use),
            Map.entry("serviceOperatorId", "JIMOTO"),
            Map.entry("serviceId", MONEY),
            Map.entry("serviceDisplayName", "わかばコイン"),
            Map.entry("serviceType", "1"),
            Map.entry("operationType", "SUB"),
            Map.entry("operationId", "OP1"),
            Map.entry("operationName", "利用"),
            Map.entry("merchantDisplayName", "テスト事業者 " + code),
            Map.entry("merchantId", "B" + code),
            Map.entry("shopDisplayName", "テスト店 " + code),
            Map.entry("shopId", shop),
            Map.entry("terminalDisplayName", "レジ " + code),
            Map.entry("terminalId", "T" + code),
            Map.entry("terminalType", "1"),
            Map.entry("uid", String.valueOf(r)),
            Map.entry("amount", "1300"),
            Map.entry("beforeValue", "10100"),
            Map.entry("afterValue", "8800"),
            Map.entry("note1", ""),
            Map.entry("note2", ""),
            Map.entry("note3", ""),
            Map.entry("targetAmount", ""),
            Map.entry("targetTranId", ""),
            Map.entry("from", String.valueOf(r)), // seed 004: from the user's UID...
            Map.entry("to", "T" + code), // ...to the terminal's ID
            Map.entry("closed", "0"),
            Map.entry("status", "2"), // cancelled
            Map.entry("createdAt", date + " 14:03:41"),
            Map.entry("updatedAt", date + " 14:20:05")), // changed by its cancellation
        useRow);

    Map<String, String> cancelRow = records.get(3).toMap();
    assertEquals("CANCEL", cancelRow.get("operationType"));
    assertEquals("OP4", cancelRow.get("operationId"));
    assertEquals("利用キャンセル", cancelRow.get("operationName"));
    assertEquals("1300", cancelRow.get("targetAmount"));
    assertEquals(use, cancelRow.get("targetTranId"));
    assertEquals("T" + code, cancelRow.get("from"));
    assertEquals(String.valueOf(r), cancelRow.get("to"));
    assertEquals("8800", cancelRow.get("beforeValue"));
    assertEquals("10100", cancelRow.get("afterValue"));
    assertEquals("2", cancelRow.get("status")); // seed 004: a cancellation shows キャンセル
    assertEquals(date + " 14:20:05", cancelRow.get("createdAt"));
    assertEquals(date + " 14:20:05", cancelRow.get("updatedAt"));

    Map<String, String> chargeRow = records.get(0).toMap();
    assertEquals(charged.parts().get(0).tranId(), chargeRow.get("tranId"));
    assertEquals("ADD", chargeRow.get("operationType"));
    assertEquals("OP3", chargeRow.get("operationId"));
    assertEquals("JIMOTO", chargeRow.get("from"));
    assertEquals(String.valueOf(r), chargeRow.get("to"));
    assertEquals("", chargeRow.get("shopId"));
    assertEquals(date + " 10:00:00", chargeRow.get("createdAt"));

    var sjis = new ByteArrayOutputStream();
    reports.exportCsv(period(null, r, null), TransactionReports.CsvEncoding.SHIFT_JIS, sjis);
    String text = new String(sjis.toByteArray(), Charset.forName("windows-31j"));
    assertTrue(text.startsWith("tranId,serviceOperatorId,"), text);
    assertTrue(text.contains(",わかばコイン,1,SUB,OP1,利用,テスト事業者 " + code + ",B" + code + ","), text);
  }

  // ------------------------------------------------------------------

  @Test
  void resultsCountOperationsAndShowSalesExpiredAndForfeitedSeparately_R72() {
    // A points service of its own: its results hold only what this test does.
    String service = "P" + code();
    fixtures.newPointService(service);
    long terminal = fixtures.newShopWithTerminal(code(), service);
    Object[] a = fixtures.newAppMember();
    Object[] b = fixtures.newAppMember();
    long ra = (Long) a[0];
    long rb = (Long) b[0];
    grant(ra, service, 2_000);
    grant(rb, service, 800);
    grant(rb, service, 500);
    pay(terminal, (String) a[1], new Leg(service, 700));
    String shop =
        (String)
            db.single(
                "SELECT s.code FROM shop s JOIN terminal t ON t.shop_id = s.id WHERE t.id = "
                    + terminal);
    cancel(shop, pay(terminal, (String) a[1], new Leg(service, 300)));
    // 800 of b's points pass their last day and expire (有効期限切れ); a's remaining 1,300 are
    // forfeited (失効) when a leaves.
    fixtures.execute(
        "UPDATE value_lot SET expires_on = DATE '"
            + today().minusDays(1)
            + "' WHERE amount_yen = 800 AND account_id = (SELECT a.id FROM account a"
            + " JOIN value_service v ON v.id = a.service_id WHERE a.resident_id = "
            + rb
            + " AND v.code = '"
            + service
            + "')");
    expiry.expireDueLots("system:expiry");
    long wallet =
        ((Number)
                db.single(
                    "SELECT a.id FROM account a JOIN value_service v ON v.id = a.service_id"
                        + " WHERE a.resident_id = "
                        + ra
                        + " AND v.code = '"
                        + service
                        + "'"))
            .longValue();
    assertEquals(1_300, expiry.forfeit(wallet, "clerk", "退会"));

    var days = reports.daily(service, today(), today());
    assertEquals(1, days.size());
    var d = days.get(0);
    assertEquals(today().toString(), d.period());
    assertEquals(new Figure(3_300, 3), d.figure(Operation.GRANT));
    assertEquals(new Figure(1_000, 2), d.figure(Operation.USE));
    assertEquals(new Figure(300, 1), d.figure(Operation.USE_CANCEL));
    assertEquals(new Figure(800, 1), d.figure(Operation.EXPIRE));
    assertEquals(new Figure(1_300, 1), d.figure(Operation.FORFEIT));
    assertEquals(new Figure(700, 1), d.sales());
    var month = reports.monthly(service, YearMonth.from(today()), YearMonth.from(today()));
    assertEquals(d.byOperation(), month.get(0).byOperation());

    // A charge with its premium is one charge (two transfers), counted once.
    var before = reports.daily(MONEY, today(), today());
    Figure chargesBefore =
        before.isEmpty() ? new Figure(0, 0) : before.get(0).figure(Operation.CHARGE);
    charge((Long) fixtures.newAppMember()[0], 10_000);
    Figure chargesAfter = reports.daily(MONEY, today(), today()).get(0).figure(Operation.CHARGE);
    assertEquals(chargesBefore.amountYen() + 10_100, chargesAfter.amountYen());
    assertEquals(chargesBefore.count() + 1, chargesAfter.count());
    assertEquals(
        Map.of(),
        d.byOperation().entrySet().stream()
            .filter(e -> e.getValue().count() == 0)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }
}
