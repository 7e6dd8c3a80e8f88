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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
import org.jimoto.grant.StaffCallers;
import org.jimoto.grant.boundary.GrantService;
import org.jimoto.identity.boundary.UserAccountService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.ledger.boundary.LedgerInvariants;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.payment.boundary.MerchantCancellations;
import org.jimoto.payment.boundary.MerchantCancellations.Check;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentRequest.Leg;
import org.jimoto.payment.boundary.PaymentService;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.report.boundary.TransactionReports;
import org.jimoto.report.boundary.TransactionReports.CsvEncoding;
import org.jimoto.report.boundary.TransactionReports.Cursor;
import org.jimoto.report.boundary.TransactionReports.Figure;
import org.jimoto.report.boundary.TransactionReports.Filter;
import org.jimoto.report.boundary.TransactionReports.Page;
import org.jimoto.report.boundary.TransactionReports.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The merchant portal's history, CSV and cancellation (R-40..R-44) as a
 * merchant login reaches them: always inside what the login may see, whatever shop, terminal
 * or transaction ID a request names. Each test works in businesses of its own.
 */
@ExtendWith(ArquillianExtension.class)
class MerchantHistoryIntegrationTest {

  private static final String MONEY = "WAKABA_COIN";
  private static final String POINTS = "WAKABA_POINT";

  @Deployment
  static WebArchive deployment() {
    return StaffCallers.withRolePrincipals(
        FoundationDeployment.create(TestQueries.class, LedgerFixtures.class));
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject ChargeService charges;
  @Inject GrantService grants;
  @Inject StaffCallers.AsAdmin cityAdmin; // GrantService is guarded by role (#11 review 3)
  @Inject PaymentService payments;
  @Inject TransactionReports reports;
  @Inject MerchantCancellations cancellations;
  @Inject UserAccountService accounts;
  @Inject LedgerInvariants invariants;

  private int keys;

  /** A business with two shops and a shop of another business, each with a login. */
  private String code;

  private long terminalA;
  private long terminalA2;
  private long terminalX;
  private String shopLogin;
  private String businessLogin;
  private String otherLogin;
  private Object[] resident;

  @BeforeEach
  void twoBusinesses() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    code = String.valueOf(System.nanoTime() % 10_000_000);
    terminalA = fixtures.newShopWithTerminal(code + "A", MONEY, POINTS);
    terminalA2 = fixtures.newShopInBusiness("B" + code + "A", code + "B", MONEY);
    terminalX = fixtures.newShopWithTerminal(code + "X", MONEY);
    long business = fixtures.id("business", "B" + code + "A");
    long otherBusiness = fixtures.id("business", "B" + code + "X");
    shopLogin = "shop-" + code;
    businessLogin = "owner-" + code;
    otherLogin = "other-" + code;
    login(shopLogin, Role.SHOP_STAFF, business, fixtures.id("shop", "S" + code + "A"));
    login(businessLogin, Role.BUSINESS_OWNER, business, null);
    login(otherLogin, Role.SHOP_STAFF, otherBusiness, fixtures.id("shop", "S" + code + "X"));
    resident = fixtures.newCardMember(); // a card code does not expire as a QR token does
    charge((Long) resident[0], 50_000);
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

  private void charge(long residentId, long yen) {
    assertInstanceOf(
        CreditOutcome.Done.class,
        charges.charge(
            new ChargeRequest(
                residentId, MONEY, ChargeChannel.WINDOW, yen, "ref-" + System.nanoTime(), "t")));
  }

  private PaymentView pay(long terminal, Leg... legs) {
    return pay(terminal, (String) resident[1], legs);
  }

  private PaymentView pay(long terminal, String payer, Leg... legs) {
    var outcome =
        payments.pay(
            new PaymentRequest(
                terminal, "k-" + System.nanoTime() + keys++, payer, List.of(legs), "t"));
    return assertInstanceOf(PaymentOutcome.Done.class, outcome, String.valueOf(outcome)).payment();
  }

  private static Filter today(String shop, String terminal, String tranId) {
    LocalDate day = LocalDate.now(PlatformClock.ZONE);
    return new Filter(
        day.atStartOfDay(),
        day.plusDays(1).atStartOfDay(),
        null,
        tranId,
        null,
        shop,
        terminal,
        null,
        null);
  }

  private Page list(String login, Filter filter) {
    return reports.searchForMerchant(login, filter, null, 0, 500);
  }

  private static Set<String> shops(Page page) {
    Set<String> shops = new HashSet<>();
    page.rows().forEach(r -> shops.add(r.shopCode()));
    return shops;
  }

  // ------------------------------------------------------------------ R-93 scope

  @Test
  void aShopAccountSeesOnlyItsShopWhateverIdsTheRequestNames_R93_R70() throws Exception {
    String tranA = pay(terminalA, new Leg(MONEY, 1_000)).legs().get(0).tranId();
    pay(terminalA2, new Leg(MONEY, 2_000));
    String tranX = pay(terminalX, new Leg(MONEY, 4_000)).legs().get(0).tranId();
    String a = "S" + code + "A";
    String x = "S" + code + "X";

    Page own = list(shopLogin, today(null, null, null));
    assertEquals(Set.of(a), shops(own));
    assertEquals(1, own.count());
    assertEquals(new Figure(1_000, 1), own.sales());
    assertEquals(tranA, own.rows().get(0).tranId());

    // Another shop's code, terminal or transaction ID: nothing, not that shop's rows.
    for (Filter edited :
        List.of(
            today(x, null, null),
            today(null, "T" + code + "X", null),
            today(null, null, tranX),
            today("S" + code + "B", null, null))) {
      Page page = list(shopLogin, edited);
      assertEquals(0, page.count(), edited.toString());
      assertEquals(List.of(), page.rows(), edited.toString());
      assertEquals(new Figure(0, 0), page.sales(), edited.toString());
      var csv = new ByteArrayOutputStream();
      assertEquals(0, reports.exportCsvForMerchant(shopLogin, edited, CsvEncoding.UTF8_BOM, csv));
    }

    // The business account sees both its shops, and not the other business's.
    Page business = list(businessLogin, today(null, null, null));
    assertEquals(Set.of(a, "S" + code + "B"), shops(business));
    assertEquals(new Figure(3_000, 2), business.sales());
    assertEquals(0, list(businessLogin, today(x, null, null)).count());
    assertEquals(1, list(businessLogin, today("S" + code + "B", null, null)).count());
    // The other shop sees its own payment only; an unknown login sees nothing at all.
    assertEquals(Set.of(x), shops(list(otherLogin, today(null, null, null))));
    assertEquals(0, list("nobody-" + code, today(null, null, null)).count());
    var csv = new ByteArrayOutputStream();
    assertEquals(
        0, reports.exportCsvForMerchant("nobody", today(a, null, null), CsvEncoding.UTF8_BOM, csv));
    assertEquals(
        1,
        reports.exportCsvForMerchant(shopLogin, today(a, null, null), CsvEncoding.UTF8_BOM, csv));
  }

  // ------------------------------------------------------------------ R-70 keyset paging

  @Test
  void pagingByKeyGivesEveryRowOnceNewestFirstLikePagingByOffset_R70() {
    LocalDate day = LocalDate.now(PlatformClock.ZONE);
    // Seven payments, two pairs in the same second (ties are ordered by id).
    int[] seconds = {10, 20, 20, 30, 40, 40, 50};
    for (int i = 0; i < seconds.length; i++) {
      TestClock.set(day.atTime(9, 0, seconds[i]));
      pay(terminalA, new Leg(MONEY, 100 + i));
    }
    TestClock.reset();
    Filter filter = today(null, null, null);
    List<Row> all = reports.searchForMerchant(shopLogin, filter, null, 0, 500).rows();
    assertEquals(7, all.size());
    for (int i = 1; i < all.size(); i++) {
      Row newer = all.get(i - 1);
      Row older = all.get(i);
      assertTrue(
          newer.createdAt().isAfter(older.createdAt())
              || (newer.createdAt().equals(older.createdAt()) && newer.id() > older.id()),
          "newest first");
    }
    List<String> byKey = new ArrayList<>();
    Cursor after = null;
    for (int page = 0; page < 5; page++) {
      Page p = reports.searchForMerchant(shopLogin, filter, after, 0, 3);
      assertEquals(7, p.count(), "the count is the filter's, not the page's");
      p.rows().forEach(r -> byKey.add(r.tranId()));
      if (p.rows().size() < 3) {
        break;
      }
      after = p.rows().get(p.rows().size() - 1).key();
    }
    assertEquals(all.stream().map(Row::tranId).toList(), byKey);
    // A jump to the third page by offset gives the same row as the key walk.
    assertEquals(
        all.get(6).tranId(),
        reports.searchForMerchant(shopLogin, filter, null, 6, 3).rows().get(0).tranId());
    // Newest first: the last payment (100 + 6 yen) heads the list.
    assertEquals(106, all.get(0).amountYen());
  }

  // ------------------------------------------------------------------ CSV

  @Test
  void theCsvNeutralisesFormulaTextKeepsNumbersAndOffersShiftJis_R71_R74() throws Exception {
    String a = "S" + code + "A";
    // A name a merchant typed could be a formula (OWASP CSV injection).
    fixtures.execute(
        "UPDATE shop SET name = '=HYPERLINK(\"http://evil\",\"本店\")' WHERE code = '" + a + "'");
    fixtures.execute("UPDATE terminal SET name = '@SUM(1+1)' WHERE code = 'T" + code + "A'");
    LocalDate day = LocalDate.now(PlatformClock.ZONE);
    TestClock.set(day.atTime(14, 3, 41));
    PaymentView p = pay(terminalA, new Leg(MONEY, 1_300));
    TestClock.reset();
    fixtures.execute(
        "UPDATE transfer SET note = '-2+3' WHERE tran_id = '" + p.legs().get(0).tranId() + "'");

    var out = new ByteArrayOutputStream();
    assertEquals(
        1,
        reports.exportCsvForMerchant(
            shopLogin, today(null, null, null), CsvEncoding.UTF8_BOM, out));
    byte[] bytes = out.toByteArray();
    assertEquals(
        List.of(0xEF, 0xBB, 0xBF), List.of(bytes[0] & 0xFF, bytes[1] & 0xFF, bytes[2] & 0xFF));
    List<CSVRecord> records =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .build()
            .parse(new StringReader(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)))
            .getRecords();
    assertEquals(TransactionReports.CSV_COLUMNS, records.get(0).getParser().getHeaderNames());
    CSVRecord row = records.get(0);
    assertEquals(p.legs().get(0).tranId(), row.get("tranId"));
    assertEquals("'=HYPERLINK(\"http://evil\",\"本店\")", row.get("shopDisplayName"));
    assertEquals("'@SUM(1+1)", row.get("terminalDisplayName"));
    assertEquals("'-2+3", row.get("note1"));
    assertEquals("テスト事業者 " + code + "A", row.get("merchantDisplayName"));
    assertEquals("1300", row.get("amount")); // numbers stay numbers
    assertEquals("50500", row.get("beforeValue")); // with the 1 % premium
    assertEquals("49200", row.get("afterValue"));
    assertEquals(String.valueOf(resident[0]), row.get("uid"));
    assertEquals("1", row.get("status"));
    assertEquals(day.toString().replace('-', '/') + " 14:03:41", row.get("createdAt"));
    assertEquals(30, row.size());

    var sjis = new ByteArrayOutputStream();
    reports.exportCsvForMerchant(shopLogin, today(null, null, null), CsvEncoding.SHIFT_JIS, sjis);
    byte[] sjisBytes = sjis.toByteArray();
    assertEquals('t', sjisBytes[0], "no byte-order mark in Shift_JIS");
    // 利用 in Windows-31J is 0x97 0x98 0x97 0x70.
    String text = new String(sjisBytes, Charset.forName("windows-31j"));
    assertTrue(text.contains(",SUB,OP1,利用,テスト事業者 " + code + "A,"), text);
    assertTrue(
        new String(sjisBytes, StandardCharsets.ISO_8859_1)
            .contains(
                new String(
                    new byte[] {(byte) 0x97, (byte) 0x98, (byte) 0x97, 0x70},
                    StandardCharsets.ISO_8859_1)));
  }

  // ------------------------------------------------------------------ R-40..R-44 cancellation

  @Test
  void aCombinedPaymentIsCancelledWholeFromTheHistoryAfterItsConfirmation_R33_R40_R44() {
    Object[] member = fixtures.newAppMember();
    charge((Long) member[0], 1_000);
    assertInstanceOf(
        CreditOutcome.Done.class,
        cityAdmin.call(
            () ->
                grants.grant(
                    (Long) member[0],
                    POINTS,
                    1_000,
                    LocalDate.now(PlatformClock.ZONE).plusDays(30),
                    "event")));
    PaymentView p = pay(terminalA, (String) member[1], new Leg(MONEY, 500), new Leg(POINTS, 300));
    String leg = p.legs().get(1).tranId();

    var check = assertInstanceOf(Check.Cancellable.class, cancellations.check(shopLogin, leg));
    var d = check.details();
    assertEquals(leg, d.tranId());
    assertEquals("S" + code + "A", d.shopCode());
    assertEquals("テスト店 " + code + "A", d.shopName());
    assertEquals(800, d.amountYen(), "the whole payment, both legs");
    assertEquals( // as stored: the database keeps microseconds
        p.createdAt().truncatedTo(ChronoUnit.MILLIS), d.createdAt().truncatedTo(ChronoUnit.MILLIS));
    assertEquals(2, d.legs().size());

    // Another business's shop: refused, and nothing changes.
    assertEquals(
        new Check.Refused(Refusal.NOT_THIS_SHOPS_PAYMENT), cancellations.check(otherLogin, leg));
    assertRefused(Refusal.NOT_THIS_SHOPS_PAYMENT, cancellations.cancel(otherLogin, leg, "x"));
    assertEquals(
        new Check.Refused(Refusal.PAYMENT_NOT_FOUND),
        cancellations.check(shopLogin, "no-such-tran"));

    var done =
        assertInstanceOf(
            PaymentOutcome.Done.class, cancellations.cancel(shopLogin, leg, "returned"));
    assertEquals("CANCELLED", done.payment().status());
    Page page = list(shopLogin, today(null, null, null));
    assertEquals(new Figure(800, 1), page.figure(Operation.USE));
    assertEquals(new Figure(800, 1), page.figure(Operation.USE_CANCEL));
    assertEquals(new Figure(0, 0), page.sales());
    assertTrue(
        page.rows().stream()
            .filter(r -> r.operation() == Operation.USE)
            .allMatch(r -> r.status() == 2),
        "every leg cancelled");

    // Again: already cancelled; the cancellation itself: cannot be cancelled.
    assertRefused(Refusal.ALREADY_CANCELLED, cancellations.cancel(shopLogin, leg, "again"));
    String cancelRow =
        page.rows().stream()
            .filter(r -> r.operation() == Operation.USE_CANCEL)
            .findFirst()
            .orElseThrow()
            .tranId();
    assertEquals(
        new Check.Refused(Refusal.CANCEL_OF_CANCEL), cancellations.check(shopLogin, cancelRow));
    assertRefused(Refusal.CANCEL_OF_CANCEL, cancellations.cancel(shopLogin, cancelRow, "x"));
  }

  @Test
  void aClosedPaymentIsRefusedAndTheBusinessMayCancelItsShopsPayments_R41_R93() {
    PaymentView closed = pay(terminalA2, new Leg(MONEY, 700));
    fixtures.execute(
        "UPDATE transfer SET closed = TRUE WHERE tran_id = '"
            + closed.legs().get(0).tranId()
            + "'");
    String tran = closed.legs().get(0).tranId();
    assertEquals(
        new Check.Refused(Refusal.SETTLEMENT_CLOSED), cancellations.check(businessLogin, tran));
    assertRefused(Refusal.SETTLEMENT_CLOSED, cancellations.cancel(businessLogin, tran, "x"));
    // The shop account of the business's other shop may not; the business account may.
    PaymentView open = pay(terminalA2, new Leg(MONEY, 900));
    String openTran = open.legs().get(0).tranId();
    assertRefused(Refusal.NOT_THIS_SHOPS_PAYMENT, cancellations.cancel(shopLogin, openTran, "x"));
    assertInstanceOf(
        PaymentOutcome.Done.class, cancellations.cancel(businessLogin, openTran, "mistyped"));
  }

  private static void assertRefused(Refusal expected, PaymentOutcome outcome) {
    assertEquals(
        expected,
        assertInstanceOf(PaymentOutcome.Refused.class, outcome, String.valueOf(outcome)).refusal());
  }
}
