package org.jimoto.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
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
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.merchant.boundary.MerchantTerminals;
import org.jimoto.merchant.boundary.MerchantTerminals.Rights;
import org.jimoto.merchant.boundary.MerchantTerminals.StoreQr;
import org.jimoto.merchant.boundary.MerchantTerminals.TerminalView;
import org.jimoto.merchant.boundary.StoreQrCodes;
import org.jimoto.merchant.boundary.StoreQrCodes.PayPoint;
import org.jimoto.merchant.boundary.TerminalCredentials;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * A merchant's terminals and store QR codes (#9 item 2, seed 001 レジ一覧): always inside the login's
 * reach, whatever terminal code or shop id a request names; retiring and POS credentials are
 * the business account's; a retired terminal's QR token and credential are refused at once;
 * every change is audit-logged. Each test works in businesses of its own.
 */
@ExtendWith(ArquillianExtension.class)
class MerchantTerminalsIntegrationTest {

  private static final String MONEY = "WAKABA_COIN";

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class, LedgerFixtures.class);
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject TestQueries db;
  @Inject UserAccountService accounts;
  @Inject MerchantTerminals terminals;
  @Inject StoreQrCodes storeQrCodes;
  @Inject TerminalCredentials credentials;
  @Inject ChargeService charges;
  @Inject PaymentService payments;

  /** Business A with shops A and B; business X with shop X; each shop with one terminal. */
  private String code;

  private long shopA;
  private long shopB;
  private long shopX;
  private String shopLogin;
  private String ownerLogin;
  private String otherOwnerLogin;

  @BeforeEach
  void twoBusinesses() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    code = String.valueOf(System.nanoTime() % 10_000_000);
    fixtures.newShopWithTerminal(code + "A", MONEY);
    fixtures.newShopInBusiness("B" + code + "A", code + "B", MONEY);
    fixtures.newShopWithTerminal(code + "X", MONEY);
    long business = fixtures.id("business", "B" + code + "A");
    shopA = fixtures.id("shop", "S" + code + "A");
    shopB = fixtures.id("shop", "S" + code + "B");
    shopX = fixtures.id("shop", "S" + code + "X");
    shopLogin = "tshop-" + code;
    ownerLogin = "towner-" + code;
    otherOwnerLogin = "tother-" + code;
    login(shopLogin, Role.SHOP_STAFF, business, shopA);
    login(ownerLogin, Role.BUSINESS_OWNER, business, null);
    login(otherOwnerLogin, Role.BUSINESS_OWNER, fixtures.id("business", "B" + code + "X"), null);
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

  private static void refused(Refusal expected, Executable action) {
    RefusedException e = assertThrows(RefusedException.class, action);
    assertEquals(expected, e.refusal(), e.getMessage());
  }

  private String terminal(String suffix) {
    return "T" + code + suffix;
  }

  private long audits(String action, String actor) {
    return db.count(
        "audit_event WHERE action = '"
            + action
            + "' AND portal = 'MERCHANT' AND actor = '"
            + actor
            + "'");
  }

  // ------------------------------------------------------------------ R-93 reach

  @Test
  void aShopAccountManagesOnlyItsOwnShopsTerminals_R93() {
    assertEquals(new Rights(true, true, false, false), terminals.rights(shopLogin));
    List<TerminalView> own = terminals.list(shopLogin, shopA);
    assertEquals(List.of(terminal("A")), own.stream().map(TerminalView::code).toList());

    TerminalView added = terminals.add(shopLogin, shopA, "  本店　レジ２ ");
    assertEquals("本店 レジ2", added.name(), "NFKC, spaces collapsed");
    assertTrue(added.code().matches("T\\d{4,}"), added.code());
    assertTrue(added.active());
    assertFalse(added.hasCredential());
    assertEquals(2, terminals.list(shopLogin, shopA).size());
    assertEquals("本店 レジ3", terminals.rename(shopLogin, added.code(), "本店 レジ3").name());
    assertEquals(1, audits("TERMINAL_ADDED", shopLogin));
    assertEquals(1, audits("TERMINAL_RENAMED", shopLogin));

    // The same business's other shop, another business's shop: not this login's.
    refused(Refusal.NOT_THIS_MERCHANTS_SHOP, () -> terminals.list(shopLogin, shopB));
    refused(Refusal.NOT_THIS_MERCHANTS_SHOP, () -> terminals.add(shopLogin, shopX, "x"));
    for (String other : List.of(terminal("B"), terminal("X"), "T-NONE")) {
      refused(Refusal.NOT_THIS_MERCHANTS_TERMINAL, () -> terminals.find(shopLogin, other));
      refused(Refusal.NOT_THIS_MERCHANTS_TERMINAL, () -> terminals.rename(shopLogin, other, "x"));
      refused(Refusal.NOT_THIS_MERCHANTS_TERMINAL, () -> terminals.storeQr(shopLogin, other));
    }
    // Retiring and credentials are the business account's, even for its own terminal.
    refused(Refusal.BUSINESS_ACCOUNT_ONLY, () -> terminals.retire(shopLogin, added.code(), "x"));
    refused(
        Refusal.BUSINESS_ACCOUNT_ONLY,
        () -> terminals.issueCredential(shopLogin, added.code(), null));
    refused(
        Refusal.BUSINESS_ACCOUNT_ONLY,
        () -> terminals.revokeCredential(shopLogin, terminal("A"), "x"));
    assertTrue(terminals.find(shopLogin, added.code()).active());
  }

  @Test
  void anotherBusinessCannotListRenameRetireOrQrATerminal_R93() {
    String a = terminal("A");
    refused(Refusal.NOT_THIS_MERCHANTS_SHOP, () -> terminals.list(otherOwnerLogin, shopA));
    refused(Refusal.NOT_THIS_MERCHANTS_SHOP, () -> terminals.add(otherOwnerLogin, shopA, "x"));
    refused(Refusal.NOT_THIS_MERCHANTS_TERMINAL, () -> terminals.find(otherOwnerLogin, a));
    refused(Refusal.NOT_THIS_MERCHANTS_TERMINAL, () -> terminals.rename(otherOwnerLogin, a, "奪取"));
    refused(Refusal.NOT_THIS_MERCHANTS_TERMINAL, () -> terminals.retire(otherOwnerLogin, a, "x"));
    refused(Refusal.NOT_THIS_MERCHANTS_TERMINAL, () -> terminals.storeQr(otherOwnerLogin, a));
    refused(
        Refusal.NOT_THIS_MERCHANTS_TERMINAL,
        () -> terminals.issueCredential(otherOwnerLogin, a, "x"));
    refused(
        Refusal.NOT_THIS_MERCHANTS_TERMINAL,
        () -> terminals.revokeCredential(otherOwnerLogin, a, "x"));
    refused(Refusal.NOT_THIS_MERCHANTS_TERMINAL, () -> terminals.find("nobody-" + code, a));
    // Nothing changed.
    TerminalView unchanged = terminals.find(ownerLogin, a);
    assertEquals("レジ " + code + "A", unchanged.name());
    assertTrue(unchanged.active());
    assertEquals(0, audits("TERMINAL_RENAMED", otherOwnerLogin));
    // Its own shop's list is its own only.
    assertEquals(
        List.of(terminal("X")),
        terminals.list(otherOwnerLogin, shopX).stream().map(TerminalView::code).toList());
  }

  // ------------------------------------------------------------------ QR and retiring

  @Test
  void aRetiredTerminalsQrTokenAndPaymentsAreRefusedAtOnce_R30() {
    TerminalView added = terminals.add(ownerLogin, shopA, "レジ 新");
    StoreQr qr = terminals.storeQr(ownerLogin, added.code());
    assertTrue(qr.payUrl().startsWith("http://localhost:8080/resident/pay.xhtml?t="), qr.payUrl());
    String token = StoreQrCodes.tokenIn(qr.payUrl()).orElseThrow();
    assertTrue(token.length() >= 27, "160 random bits: " + token);
    assertFalse(qr.payUrl().contains(added.code()), "the QR code never carries the code");
    assertNotEquals(
        token,
        StoreQrCodes.tokenIn(terminals.storeQr(ownerLogin, terminal("A")).payUrl()).orElseThrow());
    assertEquals(qr, terminals.storeQr(shopLogin, added.code()), "the shop account's too");

    PayPoint point = storeQrCodes.resolve(token);
    assertEquals(added.code(), point.terminalCode());
    assertEquals("テスト店 " + code + "A", point.shopName());
    assertEquals("レジ 新", point.terminalName());
    Object[] card = fixtures.newCardMember();
    assertInstanceOf(
        CreditOutcome.Done.class,
        charges.charge(
            new ChargeRequest(
                (Long) card[0], MONEY, ChargeChannel.WINDOW, 2_000, "ref-" + code, "test")));
    assertInstanceOf(PaymentOutcome.Done.class, pay(point.terminalId(), (String) card[1]));

    refused(Refusal.REASON_MISSING, () -> terminals.retire(ownerLogin, added.code(), " "));
    terminals.retire(ownerLogin, added.code(), "レジを撤去");

    refused(Refusal.STORE_QR_RETIRED, () -> storeQrCodes.resolve(token));
    var refusedPayment =
        assertInstanceOf(PaymentOutcome.Refused.class, pay(point.terminalId(), (String) card[1]));
    assertEquals(Refusal.TERMINAL_INACTIVE, refusedPayment.refusal());
    refused(Refusal.TERMINAL_INACTIVE, () -> terminals.storeQr(ownerLogin, added.code()));
    refused(Refusal.TERMINAL_INACTIVE, () -> terminals.rename(ownerLogin, added.code(), "x"));
    refused(
        Refusal.TERMINAL_INACTIVE, () -> terminals.issueCredential(ownerLogin, added.code(), "x"));
    refused(
        Refusal.TERMINAL_ALREADY_RETIRED, () -> terminals.retire(ownerLogin, added.code(), "x"));
    assertEquals(1, audits("TERMINAL_RETIRED", ownerLogin));
    assertEquals(
        "レジを撤去",
        db.single(
            "SELECT reason FROM audit_event WHERE action = 'TERMINAL_RETIRED'"
                + " AND actor = '"
                + ownerLogin
                + "'"));

    // Listed after those in use; its name is free again for a new terminal.
    List<TerminalView> list = terminals.list(ownerLogin, shopA);
    assertEquals(terminal("A"), list.get(0).code());
    assertEquals(added.code(), list.get(1).code());
    assertFalse(list.get(1).active());
    assertTrue(terminals.add(ownerLogin, shopA, "レジ 新").active());

    refused(Refusal.STORE_QR_UNKNOWN, () -> storeQrCodes.resolve("no-such-token"));
    refused(Refusal.STORE_QR_UNKNOWN, () -> storeQrCodes.resolve(added.code()));
    refused(Refusal.STORE_QR_UNKNOWN, () -> storeQrCodes.resolve(null));
  }

  private PaymentOutcome pay(long terminalId, String card) {
    return payments.pay(
        new PaymentRequest(
            terminalId,
            "qr-" + System.nanoTime(),
            card,
            List.of(new PaymentRequest.Leg(MONEY, 100)),
            "test"));
  }

  @Test
  void credentialsAreIssuedOnceAndRevokedByTheBusinessAccount() {
    String a = terminal("A");
    assertEquals(new Rights(true, true, true, true), terminals.rights(ownerLogin));
    String first = terminals.issueCredential(ownerLogin, a, null).secret();
    assertTrue(first.matches("[0-9a-f]{64}"), first);
    assertTrue(terminals.find(ownerLogin, a).hasCredential());
    assertTrue(credentials.authenticate(a, first, false).isPresent());

    refused(Refusal.REASON_MISSING, () -> terminals.issueCredential(ownerLogin, a, " "));
    String second = terminals.issueCredential(ownerLogin, a, "タブレット紛失").secret();
    assertTrue(credentials.authenticate(a, first, false).isEmpty(), "the old one stops at once");
    assertTrue(credentials.authenticate(a, second, true).isPresent());

    refused(Refusal.REASON_MISSING, () -> terminals.revokeCredential(ownerLogin, a, ""));
    terminals.revokeCredential(ownerLogin, a, "POS解約");
    assertTrue(credentials.authenticate(a, second, true).isEmpty(), "not even from the cache");
    assertFalse(terminals.find(ownerLogin, a).hasCredential());
    refused(Refusal.NO_TERMINAL_CREDENTIAL, () -> terminals.revokeCredential(ownerLogin, a, "x"));

    assertEquals(2, audits("TERMINAL_CREDENTIAL_REPLACED", ownerLogin));
    assertEquals(1, audits("TERMINAL_CREDENTIAL_REVOKED", ownerLogin));
  }

  @Test
  void terminalNamesAreCheckedAndUniqueAmongTheShopsTerminalsInUse() {
    refused(Refusal.TERMINAL_NAME_INVALID, () -> terminals.add(ownerLogin, shopA, "  "));
    refused(Refusal.TERMINAL_NAME_INVALID, () -> terminals.add(ownerLogin, shopA, null));
    refused(Refusal.TERMINAL_NAME_INVALID, () -> terminals.add(ownerLogin, shopA, "あ".repeat(41)));
    refused(Refusal.TERMINAL_NAME_INVALID, () -> terminals.add(ownerLogin, shopA, "レジ\u0007"));
    assertEquals("あ".repeat(40), terminals.add(ownerLogin, shopA, "あ".repeat(40)).name());
    terminals.add(ownerLogin, shopA, "レジ1");
    RefusedException taken =
        assertThrows(RefusedException.class, () -> terminals.add(ownerLogin, shopA, "レジ１"));
    assertEquals(Refusal.TERMINAL_NAME_TAKEN, taken.refusal());
    assertEquals(
        "この店舗には「レジ1」という名前の端末がすでにあります。別の名前にしてください。", taken.refusal().messageJa(taken.args()));
    // Another shop of the business may have its own レジ1.
    assertEquals("レジ1", terminals.add(ownerLogin, shopB, "レジ1").name());
    refused(Refusal.TERMINAL_NAME_TAKEN, () -> terminals.rename(ownerLogin, terminal("A"), "レジ1"));
  }
}
