package org.jimoto.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestQueries;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.merchant.boundary.ShopDirectory;
import org.jimoto.merchant.boundary.ShopDirectory.Listing;
import org.jimoto.merchant.boundary.ShopDirectory.Query;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * the public "使えるお店" directory lists only the shops the city has published, finds them by
 * name, kind and area, filters by service and card, and publishing is audit-logged.
 * Works on the demo city's shops (B0002's bakery S0005 is approved but not published); on
 * PostgreSQL other test classes add shops of their own, which start unpublished.
 */
@ExtendWith(ArquillianExtension.class)
class ShopDirectoryIntegrationTest {

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class, LedgerFixtures.class);
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject TestQueries db;
  @Inject ShopDirectory directory;

  @BeforeEach
  void demoCity() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
  }

  private List<String> names(Query q) {
    return directory.search(q).shops().stream().map(Listing::nameJa).toList();
  }

  /** Every page's names (other tests may have published shops of their own). */
  private List<String> allNames() {
    List<String> names = new java.util.ArrayList<>();
    var page = directory.search(new Query(null, null, null, null, false, 0));
    for (int p = 1; ; p++) {
      page.shops().stream().map(Listing::nameJa).forEach(names::add);
      if (p >= page.pageCount()) {
        return names;
      }
      page = directory.search(new Query(null, null, null, null, false, p));
    }
  }

  private static Query q(String name, String cat, String area, String svc, boolean card) {
    return new Query(name, cat, area, svc, card, 0);
  }

  @Test
  void onlyPublishedShopsAreListed_R64() {
    List<String> all = allNames();
    assertTrue(
        all.containsAll(List.of("わかば商店 本店", "わかば商店 駅前店", "喫茶 さくら", "わかば薬局 桜台店")), all.toString());
    assertFalse(all.contains("はなまるベーカリー"), "not published yet");
    long bakery = fixtures.id("shop", "S0005");
    assertTrue(directory.shop(bakery).isEmpty());
    // The main shop's demo photo is public; a photo of the unpublished bakery is not.
    long mainShop = fixtures.id("shop", "S0001");
    Listing main = directory.shop(mainShop).orElseThrow();
    assertEquals(1, main.photoIds().size());
    assertTrue(directory.photo(main.photoId()).isPresent());
    long bakeryPhoto = 1_000_000 + (System.nanoTime() % 1_000_000);
    db.update(
        "INSERT INTO shop_photo (id, shop_id, content_type, width_px, height_px, size_bytes,"
            + " sha256, content, created_at, created_by) SELECT "
            + bakeryPhoto
            + ", "
            + bakery
            + ", content_type, width_px, height_px, size_bytes, sha256, content, created_at,"
            + " created_by FROM shop_photo WHERE id = "
            + main.photoId());
    assertTrue(directory.photo(bakeryPhoto).isEmpty(), "unpublished shop's photo");
    // A shop a test fixture creates starts unpublished, like one the city has just approved.
    fixtures.newShopWithTerminal("DIR" + (System.nanoTime() % 1_000_000), "WAKABA_COIN");
    assertEquals(all, allNames());
  }

  @Test
  void searchByNameCategoryAndArea_andFilterByServiceAndCard_R64_R03_R01() {
    assertEquals(List.of("喫茶 さくら"), names(q("さくら", null, null, null, false)));
    assertEquals(
        List.of("喫茶 さくら"), names(q("ＣＡＦＥ", null, null, null, false)), "English name, full width");
    assertEquals(List.of("喫茶 さくら"), names(q(null, "RESTAURANT", null, null, false)));
    assertEquals(List.of("わかば薬局 桜台店"), names(q(null, null, "桜台", null, false)));
    List<String> points = names(q(null, null, null, "WAKABA_POINT", false));
    assertTrue(points.contains("喫茶 さくら") && points.contains("わかば商店 本店"), points.toString());
    assertFalse(points.contains("わかば薬局 桜台店") || points.contains("わかば商店 駅前店"));
    List<String> cards = names(q("わかば", null, null, null, true));
    assertEquals(List.of("わかば商店 本店"), cards);
    assertEquals(List.of(), names(q("100%_", null, null, null, false)), "LIKE wildcards are text");
  }

  @Test
  void publishingIsTheCitysAndAudited_R64_R94() {
    long bakery = fixtures.id("shop", "S0005");
    try {
      assertTrue(directory.publish("city-admin", bakery));
      assertTrue(names(q("はなまる", null, null, null, false)).contains("はなまるベーカリー"));
      assertEquals(
          "shop S0005",
          db.column("SELECT detail FROM audit_event WHERE action = 'SHOP_PUBLISH' ORDER BY id DESC")
              .get(0));
    } finally {
      assertTrue(directory.withdraw("city-admin", bakery, "掲載内容の確認中"));
    }
    assertTrue(directory.shop(bakery).isEmpty());
    assertTrue(names(q("はなまる", null, null, null, false)).isEmpty());
  }

  @Test
  void resultsComeInPagesOfTwenty() {
    String tag = "PG" + (System.nanoTime() % 100_000);
    List<Long> shops = new java.util.ArrayList<>();
    for (int i = 0; i < 25; i++) {
      long terminal = fixtures.newShopWithTerminal(tag + String.format("%02d", i), "WAKABA_COIN");
      long shop =
          ((Number) db.single("SELECT shop_id FROM terminal WHERE id = " + terminal)).longValue();
      assertTrue(directory.publish("city-admin", shop));
      shops.add(shop);
    }
    try {
      pages(tag);
    } finally {
      for (long shop : shops) {
        directory.withdraw("city-admin", shop, "test over");
      }
    }
  }

  private void pages(String tag) {
    var first = directory.search(new Query(tag, null, null, null, false, 0));
    assertEquals(25, first.total());
    assertEquals(2, first.pageCount());
    assertEquals(ShopDirectory.PAGE_SIZE, first.shops().size());
    var second = directory.search(new Query(tag, null, null, null, false, 1));
    assertEquals(5, second.shops().size());
    assertTrue(second.shops().stream().noneMatch(first.shops()::contains), "no shop twice");
    var beyond = directory.search(new Query(tag, null, null, null, false, 9));
    assertEquals(1, beyond.page(), "a page past the end shows the last");
  }
}
