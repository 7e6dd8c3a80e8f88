package org.jimoto.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.identity.boundary.UserAccountService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.ledger.boundary.LedgerInvariants;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.payment.boundary.MerchantCancellations;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentRequest.Leg;
import org.jimoto.payment.boundary.PaymentService;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.report.boundary.MerchantResults;
import org.jimoto.report.boundary.MerchantResults.Period;
import org.jimoto.report.boundary.MerchantResults.ServiceResults;
import org.jimoto.report.boundary.TransactionReports.CsvEncoding;
import org.jimoto.report.boundary.TransactionReports.Figure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A merchant's daily and monthly results as its login reaches them: only its own shops
 * every day of the period for every service, sales = use − use-cancel, and the seed 004 CSV
 * layouts. Each test works in businesses of its own; the figures are asserted by value.
 */
@ExtendWith(ArquillianExtension.class)
class MerchantResultsIntegrationTest {

  private static final String MONEY = "WAKABA_COIN";
  private static final String POINTS = "WAKABA_POINT";

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class, LedgerFixtures.class);
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject ChargeService charges;
  @Inject PaymentService payments;
  @Inject MerchantCancellations cancellations;
  @Inject MerchantResults results;
  @Inject UserAccountService accounts;
  @Inject LedgerInvariants invariants;

  private int keys;
  private String code;
  private long terminalA;
  private long terminalA2;
  private long terminalX;
  private String shopLogin;
  private String businessLogin;
  private String otherLogin;
  private final LocalDate today = LocalDate.now(PlatformClock.ZONE);
  private final LocalDate yesterday = today.minusDays(1);

  @BeforeEach
  void twoBusinesses() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    code = String.valueOf(System.nanoTime() % 10_000_000);
    terminalA = fixtures.newShopWithTerminal(code + "A", MONEY, POINTS);
    terminalA2 = fixtures.newShopInBusiness("B" + code + "A", code + "B", MONEY);
    terminalX = fixtures.newShopWithTerminal(code + "X", MONEY);
    long business = fixtures.id("business", "B" + code + "A");
    shopLogin = "shop-" + code;
    businessLogin = "owner-" + code;
    otherLogin = "other-" + code;
    login(shopLogin, Role.SHOP_STAFF, business, fixtures.id("shop", "S" + code + "A"));
    login(businessLogin, Role.BUSINESS_OWNER, business, null);
    login(
        otherLogin,
        Role.SHOP_STAFF,
        fixtures.id("business", "B" + code + "X"),
        fixtures.id("shop", "S" + code + "X"));
  }

  @AfterEach
  void ledgerInvariantsHold() {
    TestClock.reset();
    var report = invariants.check();
    assertTrue(report.ok(), report.toString());
  }

  private void login(String name, Role role, long business, Long shop) {
    accounts.create(
        Portal.MERCHANT,
        name,
        name,
        null,
        ("Pw-" + name + "-2026").toCharArray(),
        Set.of(role),
        a -> a.forMerchant(business, shop));
  }

  /** A card member with 20,200 yen (20,000 and the 1 % premium), charged at the clock's time. */
  private String member() {
    Object[] m = fixtures.newCardMember();
    assertInstanceOf(
        CreditOutcome.Done.class,
        charges.charge(
            new ChargeRequest(
                (Long) m[0],
                MONEY,
                ChargeChannel.WINDOW,
                20_000,
                "ref-" + System.nanoTime(),
                "t")));
    return (String) m[1];
  }

  private PaymentView pay(long terminal, String payer, long yen) {
    var outcome =
        payments.pay(
            new PaymentRequest(
                terminal,
                "k-" + System.nanoTime() + keys++,
                payer,
                List.of(new Leg(MONEY, yen)),
                "t"));
    return assertInstanceOf(PaymentOutcome.Done.class, outcome, String.valueOf(outcome)).payment();
  }

  /**
   * Yesterday 2,000 at shop A; today 1,000 and 300 (cancelled) at A, 500 at the business's other
   * shop, 4,000 at another business's shop.
   */
  private void paymentsOverTwoDays() {
    TestClock.set(yesterday.atTime(10, 0));
    String early = member();
    pay(terminalA, early, 2_000);
    TestClock.set(today.atTime(0, 30));
    String payer = member();
    pay(terminalA, payer, 1_000);
    String returned = pay(terminalA, payer, 300).legs().get(0).tranId();
    assertInstanceOf(
        PaymentOutcome.Done.class, cancellations.cancel(shopLogin, returned, "returned"));
    pay(terminalA2, payer, 500);
    pay(terminalX, payer, 4_000);
    TestClock.reset();
  }

  private static ServiceResults service(List<ServiceResults> all, String code) {
    return all.stream().filter(r -> r.service().code().equals(code)).findFirst().orElseThrow();
  }

  @Test
  void aShopSeesItsOwnDailyResultsPerServiceWithSalesUseMinusUseCancel_R72_R93() {
    paymentsOverTwoDays();
    List<ServiceResults> shop = results.forMerchant(shopLogin, Period.days(yesterday, today));
    // The shop accepts both services: both are listed, each with both days.
    assertEquals(List.of(MONEY, POINTS), shop.stream().map(r -> r.service().code()).toList());
    ServiceResults money = service(shop, MONEY);
    assertEquals(1, money.service().serviceType());
    assertEquals(List.of(yesterday, today), money.lines().stream().map(l -> l.start()).toList());
    var y = money.lines().get(0);
    var t = money.lines().get(1);
    assertEquals(new Figure(2_000, 1), y.figure(Operation.USE));
    assertEquals(new Figure(0, 0), y.figure(Operation.USE_CANCEL));
    assertEquals(new Figure(1_300, 2), t.figure(Operation.USE));
    assertEquals(new Figure(300, 1), t.figure(Operation.USE_CANCEL));
    assertEquals(new Figure(1_000, 1), t.sales());
    assertEquals(new Figure(3_300, 3), money.figure(Operation.USE), "the period's sum");
    assertEquals(new Figure(3_000, 2), money.sales());
    for (Operation none :
        List.of(Operation.GRANT, Operation.GRANT_CANCEL, Operation.EXPIRE, Operation.FORFEIT)) {
      assertEquals(new Figure(0, 0), money.figure(none), none + " is no shop's");
    }
    ServiceResults points = service(shop, POINTS);
    assertEquals(2, points.lines().size());
    assertEquals(Map.of(), points.byOperation(), "nothing happened in points");

    // The business: both its shops. The other business: only its own 4,000.
    ServiceResults business =
        service(results.forMerchant(businessLogin, Period.days(yesterday, today)), MONEY);
    assertEquals(new Figure(1_800, 3), business.lines().get(1).figure(Operation.USE));
    assertEquals(new Figure(3_800, 4), business.figure(Operation.USE));
    List<ServiceResults> other = results.forMerchant(otherLogin, Period.days(yesterday, today));
    assertEquals(List.of(MONEY), other.stream().map(r -> r.service().code()).toList());
    assertEquals(new Figure(4_000, 1), other.get(0).figure(Operation.USE));
    assertEquals(new Figure(0, 0), other.get(0).lines().get(0).figure(Operation.USE));

    // A login that is no merchant's sees nothing.
    assertEquals(List.of(), results.forMerchant("nobody-" + code, Period.days(yesterday, today)));
  }

  @Test
  void monthlyResultsSumTheDays_R72() {
    paymentsOverTwoDays();
    List<ServiceResults> months =
        results.forMerchant(
            shopLogin, Period.months(YearMonth.from(yesterday), YearMonth.from(today)));
    ServiceResults money = service(months, MONEY);
    // Yesterday may be last month (on the 1st): one or two lines, summing to the two days.
    assertEquals(
        YearMonth.from(yesterday).equals(YearMonth.from(today)) ? 1 : 2, money.lines().size());
    assertEquals(today.withDayOfMonth(1), money.lines().get(money.lines().size() - 1).start());
    assertEquals(new Figure(3_300, 3), money.figure(Operation.USE));
    assertEquals(new Figure(300, 1), money.figure(Operation.USE_CANCEL));
    assertEquals(new Figure(3_000, 2), money.sales());
  }

  @Test
  void theDailyAndMonthlyCsvFollowSeed004InUtf8OrShiftJis_R72_R74() throws Exception {
    paymentsOverTwoDays();
    var out = new ByteArrayOutputStream();
    assertEquals(
        4, // two days, two services
        results.exportCsvForMerchant(
            shopLogin, Period.days(yesterday, today), CsvEncoding.UTF8_BOM, out));
    byte[] bytes = out.toByteArray();
    assertEquals(
        List.of(0xEF, 0xBB, 0xBF), List.of(bytes[0] & 0xFF, bytes[1] & 0xFF, bytes[2] & 0xFF));
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    List<CSVRecord> rows = parse(text);
    // Seed 004 日別実績CSV: columns A..M, then R-72's expired and forfeited.
    assertEquals(
        List.of(
            "date",
            "serviceType",
            "type",
            "service",
            "serviceId",
            "addAmount",
            "addCount",
            "subAmount",
            "subCount",
            "addCancelAmount",
            "addCancelCount",
            "subCancelAmount",
            "subCancelCount",
            "expiredAmount",
            "expiredCount",
            "forfeitedAmount",
            "forfeitedCount"),
        rows.get(0).getParser().getHeaderNames());
    assertEquals(4, rows.size());
    CSVRecord todayMoney = rows.get(2); // day by day, services by code under each day
    assertEquals(today.toString().replace('-', '/') + " 00:00:00", todayMoney.get("date"));
    assertEquals("マネー", todayMoney.get("serviceType"));
    assertEquals("1", todayMoney.get("type"));
    assertEquals("わかばコイン", todayMoney.get("service"));
    assertEquals(MONEY, todayMoney.get("serviceId"));
    assertEquals("1300", todayMoney.get("subAmount"));
    assertEquals("2", todayMoney.get("subCount"));
    assertEquals("300", todayMoney.get("subCancelAmount"));
    assertEquals("1", todayMoney.get("subCancelCount"));
    assertEquals("0", todayMoney.get("addAmount"));
    assertEquals("0", todayMoney.get("forfeitedCount"));
    assertEquals(POINTS, rows.get(3).get("serviceId"));
    assertEquals("0", rows.get(3).get("subAmount"));
    assertEquals("2000", rows.get(0).get("subAmount"));

    var sjis = new ByteArrayOutputStream();
    results.exportCsvForMerchant(
        shopLogin,
        Period.months(YearMonth.from(today), YearMonth.from(today)),
        CsvEncoding.SHIFT_JIS,
        sjis);
    byte[] sjisBytes = sjis.toByteArray();
    assertEquals('y', sjisBytes[0], "no byte-order mark in Shift_JIS");
    List<CSVRecord> month = parse(new String(sjisBytes, Charset.forName("windows-31j")));
    assertEquals(MerchantResults.MONTHLY_CSV_COLUMNS, month.get(0).getParser().getHeaderNames());
    assertEquals("year", MerchantResults.MONTHLY_CSV_COLUMNS.get(0));
    assertEquals("subCancelCount", MerchantResults.MONTHLY_CSV_COLUMNS.get(13)); // column N
    assertEquals(String.valueOf(today.getYear()), month.get(0).get("year"));
    assertEquals(String.valueOf(today.getMonthValue()), month.get(0).get("month"));
    assertEquals("わかばコイン", month.get(0).get("service"));
  }

  @Test
  void aPeriodIsBoundedAndInOrder_R72() {
    assertThrows(IllegalArgumentException.class, () -> Period.days(today, yesterday));
    assertThrows(
        IllegalArgumentException.class,
        () -> Period.days(today.minusDays(MerchantResults.MAX_DAYS), today));
    assertEquals(
        MerchantResults.MAX_DAYS,
        results
            .forMerchant(
                shopLogin, Period.days(today.minusDays(MerchantResults.MAX_DAYS - 1), today))
            .get(0)
            .lines()
            .size());
    assertThrows(
        IllegalArgumentException.class,
        () -> Period.months(YearMonth.from(today).minusMonths(24), YearMonth.from(today)));
  }

  private static List<CSVRecord> parse(String text) throws Exception {
    return CSVFormat.DEFAULT
        .builder()
        .setHeader()
        .build()
        .parse(new StringReader(text))
        .getRecords();
  }
}
