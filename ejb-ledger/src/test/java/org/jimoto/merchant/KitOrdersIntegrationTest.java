package org.jimoto.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.identity.boundary.UserAccountService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.merchant.boundary.KitOrders;
import org.jimoto.merchant.boundary.KitOrders.Outcome;
import org.jimoto.merchant.boundary.KitOrders.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kit orders: a merchant login orders flags, QR stands and stickers for a shop it reaches
 * within bounds, audit-logged; the city lists every shop's orders.
 */
@ExtendWith(ArquillianExtension.class)
class KitOrdersIntegrationTest {

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class, LedgerFixtures.class);
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject TestQueries db;
  @Inject UserAccountService accounts;
  @Inject KitOrders kit;

  private String code;
  private long shopA;
  private long shopA2;
  private long shopX;
  private String shopLogin;
  private String businessLogin;

  @BeforeEach
  void twoBusinesses() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    code = String.valueOf(System.nanoTime() % 10_000_000);
    fixtures.newShopWithTerminal(code + "A", "WAKABA_COIN");
    fixtures.newShopInBusiness("B" + code + "A", code + "B", "WAKABA_COIN");
    fixtures.newShopWithTerminal(code + "X", "WAKABA_COIN");
    shopA = fixtures.id("shop", "S" + code + "A");
    shopA2 = fixtures.id("shop", "S" + code + "B");
    shopX = fixtures.id("shop", "S" + code + "X");
    long business = fixtures.id("business", "B" + code + "A");
    shopLogin = "kit-shop-" + code;
    businessLogin = "kit-owner-" + code;
    create(shopLogin, Role.SHOP_STAFF, business, shopA);
    create(businessLogin, Role.BUSINESS_OWNER, business, null);
  }

  private void create(String name, Role role, long business, Long shop) {
    accounts.create(
        Portal.MERCHANT,
        name,
        name,
        null,
        ("Pw-" + name + "-2026").toCharArray(),
        Set.of(role),
        a -> a.forMerchant(business, shop));
  }

  private long orders() {
    return db.count("kit_order where shop_id in (" + shopA + ", " + shopA2 + ", " + shopX + ")");
  }

  @Test
  void aShopOrdersKitForItselfAuditLoggedAndTheCitySeesIt_R63_R94() {
    var ordered =
        assertInstanceOf(
            Outcome.Ordered.class, kit.order(shopLogin, shopA, 1, 2, 20, "  入口用に追加でお願いします  "));
    var o = ordered.order();
    assertEquals("S" + code + "A", o.shopCode());
    assertEquals(1, o.flags());
    assertEquals(2, o.qrStands());
    assertEquals(20, o.stickers());
    assertEquals("入口用に追加でお願いします", o.note());
    assertEquals(shopLogin, o.orderedBy());
    assertEquals(
        1L,
        db.count(
            "audit_event where action = 'KIT_ORDERED' and actor = '"
                + shopLogin
                + "' and detail like '%shop S"
                + code
                + "A: flags 1, QR stands 2, stickers 20'"));

    assertEquals(List.of(o.id()), kit.forMerchant(shopLogin).stream().map(v -> v.id()).toList());
    var city = kit.recent(KitOrders.MAX_LIST);
    assertEquals(o, city.stream().filter(v -> v.id() == o.id()).findFirst().orElseThrow());
    assertEquals("テスト事業者 " + code + "A", city.get(0).businessName());
  }

  @Test
  void aShopAccountCannotOrderForAnotherShopAndABusinessForAnyOfItsOwn_R93() {
    assertEquals(
        new Outcome.Refused(Problem.SHOP_NOT_IN_REACH),
        kit.order(shopLogin, shopA2, 1, 0, 0, null));
    assertEquals(
        new Outcome.Refused(Problem.SHOP_NOT_IN_REACH), kit.order(shopLogin, shopX, 1, 0, 0, null));
    assertEquals(
        new Outcome.Refused(Problem.SHOP_NOT_IN_REACH),
        kit.order(businessLogin, shopX, 1, 0, 0, null));
    assertEquals(
        new Outcome.Refused(Problem.SHOP_NOT_IN_REACH),
        kit.order("nobody-" + code, shopA, 1, 0, 0, null));
    assertEquals(0, orders(), "nothing stored");
    assertInstanceOf(Outcome.Ordered.class, kit.order(businessLogin, shopA2, 0, 1, 0, null));
    assertInstanceOf(Outcome.Ordered.class, kit.order(businessLogin, shopA, 0, 0, 5, null));
    assertEquals(2, kit.forMerchant(businessLogin).size(), "the business sees both shops'");
    assertEquals(1, kit.forMerchant(shopLogin).size(), "the shop its own only");
  }

  @Test
  void quantitiesAreBoundedAndAnOrderAsksForSomething_R63() {
    assertEquals(
        new Outcome.Refused(Problem.NOTHING_ORDERED), kit.order(shopLogin, shopA, 0, 0, 0, "x"));
    assertEquals(
        new Outcome.Refused(Problem.NEGATIVE_QUANTITY),
        kit.order(shopLogin, shopA, -1, 3, 0, null));
    assertEquals(
        new Outcome.Refused(Problem.TOO_MANY_FLAGS),
        kit.order(shopLogin, shopA, KitOrders.MAX_FLAGS + 1, 0, 0, null));
    assertEquals(
        new Outcome.Refused(Problem.TOO_MANY_QR_STANDS),
        kit.order(shopLogin, shopA, 0, KitOrders.MAX_QR_STANDS + 1, 0, null));
    assertEquals(
        new Outcome.Refused(Problem.TOO_MANY_STICKERS),
        kit.order(shopLogin, shopA, 0, 0, KitOrders.MAX_STICKERS + 1, null));
    assertEquals(
        new Outcome.Refused(Problem.NOTE_TOO_LONG),
        kit.order(shopLogin, shopA, 1, 0, 0, "あ".repeat(KitOrders.MAX_NOTE_CHARS + 1)));
    assertEquals(0, orders(), "nothing stored");
    assertInstanceOf(
        Outcome.Ordered.class,
        kit.order(
            shopLogin,
            shopA,
            KitOrders.MAX_FLAGS,
            KitOrders.MAX_QR_STANDS,
            KitOrders.MAX_STICKERS,
            "あ".repeat(KitOrders.MAX_NOTE_CHARS)));
    assertTrue(orders() == 1);
  }
}
