package org.jimoto.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestQueries;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.merchant.boundary.PayoutAccounts;
import org.jimoto.merchant.boundary.PayoutAccounts.AccountChange;
import org.jimoto.merchant.boundary.ProfileRefusal;
import org.jimoto.merchant.boundary.ProfileRefusal.Problem;
import org.jimoto.merchant.boundary.ShopProfiles;
import org.jimoto.merchant.boundary.ShopProfiles.ProfileChange;
import org.jimoto.merchant.entity.BankAccount;
import org.jimoto.merchant.entity.ShopCategory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * #9 item 8: the shop profile, its photos and the business's bank account, in the ledger. A login
 * reaches only its own shops; only the business account sets the bank account; the bank and
 * branch are checked against the Zengin code list; every change is audit-logged with the old and
 * new values, the account number masked. On PostgreSQL every test class of a run shares one
 * database, so each test works on shops of its own and reads the audit log's newest rows.
 */
@ExtendWith(ArquillianExtension.class)
class ShopProfileIntegrationTest {

  private static final AtomicInteger SHOPS = new AtomicInteger();

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class, LedgerFixtures.class);
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject TestQueries db;
  @Inject ShopProfiles profiles;
  @Inject PayoutAccounts accounts;

  @BeforeEach
  void demoCity() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
  }

  private static String code() {
    return "P" + (System.nanoTime() % 100_000_000) + SHOPS.incrementAndGet();
  }

  private long shopId(String shopCode) {
    return fixtures.id("shop", shopCode);
  }

  private static ProfileChange change(String name, String phone) {
    return new ProfileChange(
        name, "Wakaba Test", "GROCERY", "若葉川市本町9-9", phone, "10:00〜19:00\n水曜定休");
  }

  private String newestAudit(String action) {
    List<Object> details =
        db.column(
            "SELECT detail FROM audit_event WHERE action = '" + action + "' ORDER BY id DESC");
    return details.isEmpty() ? "" : (String) details.get(0);
  }

  private static byte[] png(int w, int h) throws Exception {
    var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, w, h);
    g.dispose();
    var out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  @Test
  void theBusinessAccountEditsItsShopAndTheChangeIsAudited_R94() {
    String code = code();
    fixtures.newShopInBusiness("B0001", code, "WAKABA_COIN");
    long shop = shopId("S" + code);

    assertEquals(
        List.of(), profiles.update("wakaba-owner", shop, change("わかば 新店", "0270-24-1111")));
    var p = profiles.profile("wakaba-owner", shop).orElseThrow();
    assertEquals("わかば 新店", p.nameJa());
    assertEquals("Wakaba Test", p.nameEn());
    assertEquals(ShopCategory.GROCERY, p.category());
    assertEquals("10:00〜19:00\n水曜定休", p.hours());
    assertEquals("0270-24-1111", p.phone());
    assertTrue(p.cardAccepted(), "shown as the city set it");
    assertEquals(List.of("WAKABA_COIN"), p.services().stream().map(s -> s.code()).toList());
    String audit = newestAudit("SHOP_PROFILE_CHANGED");
    assertTrue(audit.startsWith("shop S" + code + ": name 'テスト店 " + code + "' -> 'わかば 新店'"), audit);
    assertTrue(audit.contains("phone '0' -> '0270-24-1111'"), audit);

    // Nothing changed: nothing recorded.
    long before = db.count("audit_event");
    assertEquals(
        List.of(), profiles.update("wakaba-owner", shop, change("わかば 新店", "0270-24-1111")));
    assertEquals(before, db.count("audit_event"));
  }

  @Test
  void badFieldsAreAllNamedAndNothingChanges() {
    String code = code();
    fixtures.newShopInBusiness("B0001", code, "WAKABA_COIN");
    long shop = shopId("S" + code);
    long before = db.count("audit_event");
    List<Problem> problems =
        profiles.update(
            "wakaba-owner",
            shop,
            new ProfileChange(" ", "x".repeat(101), "CASINO", "", "03-1234", "ok"));
    assertEquals(
        List.of(
            ProfileRefusal.NAME_REQUIRED,
            ProfileRefusal.TEXT_TOO_LONG,
            ProfileRefusal.CATEGORY_REQUIRED,
            ProfileRefusal.ADDRESS_REQUIRED,
            ProfileRefusal.PHONE_INVALID),
        problems.stream().map(Problem::refusal).toList());
    assertEquals(
        List.of("nameJa", "nameEn", "category", "address", "phone"),
        problems.stream().map(Problem::field).toList());
    assertEquals("101文字あります。100文字までにしてください。", problems.get(1).message(java.util.Locale.JAPANESE));
    assertEquals("テスト店 " + code, profiles.profile("wakaba-owner", shop).orElseThrow().nameJa());
    assertEquals(before, db.count("audit_event"));
  }

  @Test
  void anotherBusinesssShopCannotBeSeenOrEdited_R93() throws Exception {
    String other = code();
    fixtures.newShopWithTerminal(other, "WAKABA_COIN"); // business B<other>, not B0001
    long otherShop = shopId("S" + other);
    long station = shopId("S0002");

    assertEquals(Optional.empty(), profiles.profile("wakaba-owner", otherShop));
    assertEquals(
        List.of(Problem.of("shop", ProfileRefusal.SHOP_NOT_IN_REACH)),
        profiles.update("wakaba-owner", otherShop, change("乗っ取り", "0270-24-1111")));
    assertEquals(
        List.of(Problem.of("photo", ProfileRefusal.SHOP_NOT_IN_REACH)),
        profiles.addPhoto("wakaba-owner", otherShop, png(200, 200)));
    // A shop account reaches its own shop only, not its business's other shop.
    assertEquals(Optional.empty(), profiles.profile("wakaba-honten", station));
    assertEquals(
        List.of(Problem.of("shop", ProfileRefusal.SHOP_NOT_IN_REACH)),
        profiles.update("wakaba-honten", station, change("乗っ取り", "0270-24-1111")));
    // An unknown login, a disabled one, or another portal's reaches nothing.
    assertEquals(Optional.empty(), profiles.profile("city-admin", station));
    assertEquals(Optional.empty(), profiles.profile("nobody", station));
    assertEquals("テスト店 " + other, db.single("SELECT name FROM shop WHERE id = " + otherShop));

    // Another business's photo is not served, nor removed.
    String mine = code();
    fixtures.newShopInBusiness("B0001", mine, "WAKABA_COIN");
    long myShop = shopId("S" + mine);
    assertEquals(List.of(), profiles.addPhoto("wakaba-owner", myShop, png(300, 200)));
    long photo =
        ((Number) db.single("SELECT MAX(id) FROM shop_photo WHERE shop_id = " + myShop))
            .longValue();
    assertTrue(profiles.photo("wakaba-owner", photo).isPresent());
    assertEquals(Optional.empty(), profiles.photo("wakaba-honten", photo), "not the till's shop");
    assertEquals(
        Optional.of(ProfileRefusal.PHOTO_NOT_FOUND), profiles.removePhoto("wakaba-honten", photo));
    assertEquals(1L, db.count("shop_photo WHERE id = " + photo));
  }

  @Test
  void photosAreCheckedByContentLimitedAndAudited() throws Exception {
    String code = code();
    fixtures.newShopInBusiness("B0001", code, "WAKABA_COIN");
    long shop = shopId("S" + code);
    assertEquals(
        List.of(Problem.of("photo", ProfileRefusal.PHOTO_NOT_JPEG_OR_PNG)),
        profiles.addPhoto(
            "wakaba-owner", shop, "GIF89a not really".getBytes(StandardCharsets.US_ASCII)));
    for (int i = 0; i < ShopProfiles.MAX_PHOTOS; i++) {
      assertEquals(List.of(), profiles.addPhoto("wakaba-owner", shop, png(100 + i, 100)));
    }
    assertEquals(
        List.of(Problem.of("photo", ProfileRefusal.PHOTO_LIMIT, ShopProfiles.MAX_PHOTOS)),
        profiles.addPhoto("wakaba-owner", shop, png(120, 120)));
    var photos = profiles.profile("wakaba-owner", shop).orElseThrow().photos();
    assertEquals(5, photos.size());
    assertEquals("image/png", photos.get(0).contentType());
    assertTrue(newestAudit("SHOP_PHOTO_ADDED").startsWith("shop S" + code + ": photo "));

    long first = photos.get(0).id();
    byte[] served = profiles.photo("wakaba-owner", first).orElseThrow().content();
    assertEquals(100, ImageIO.read(new java.io.ByteArrayInputStream(served)).getWidth());
    assertEquals(Optional.empty(), profiles.removePhoto("wakaba-owner", first));
    assertEquals(4, profiles.profile("wakaba-owner", shop).orElseThrow().photos().size());
    assertTrue(newestAudit("SHOP_PHOTO_REMOVED").startsWith("shop S" + code + ": photo " + first));
  }

  @Test
  void onlyTheBusinessAccountSetsTheBankAccountCheckedAgainstZengin_R54() {
    // Unique per run, so a second run on a shared database still changes something.
    String number = String.valueOf(1_000_000 + (System.nanoTime() % 8_000_000));
    var ok = new AccountChange("0001", "001", "ORDINARY", number, "ｶ)ﾜｶﾊﾞｼｮｳﾃﾝ");

    assertEquals(
        List.of(Problem.of("bank", ProfileRefusal.BUSINESS_ACCOUNT_ONLY)),
        accounts.change("wakaba-honten", ok));
    assertFalse(accounts.of("wakaba-honten").orElseThrow().changeable());

    // みずほ has no branch 999; 0000 is no bank; the holder's kanji is named.
    List<Problem> problems =
        accounts.change("wakaba-owner", new AccountChange("0001", "999", "", "12a", "株式会社わかば"));
    assertEquals(
        List.of(
            Problem.of("branchCode", ProfileRefusal.BRANCH_UNKNOWN, "999", "みずほ"),
            Problem.of("type", ProfileRefusal.ACCOUNT_TYPE_REQUIRED),
            Problem.of("number", ProfileRefusal.ACCOUNT_NUMBER_NOT_DIGITS),
            Problem.of("holder", ProfileRefusal.HOLDER_KANJI, "株")),
        problems);
    assertEquals("みずほ に支店コード 999 の支店はありません。", problems.get(0).message(java.util.Locale.JAPANESE));
    assertEquals(
        List.of(Problem.of("bankCode", ProfileRefusal.BANK_UNKNOWN, "0000")),
        accounts.change("wakaba-owner", new AccountChange("0000", "001", "ORDINARY", "1", "ﾔﾏﾀﾞ")));

    long audits = db.count("audit_event WHERE action = 'BANK_ACCOUNT_CHANGED'");
    assertEquals(List.of(), accounts.change("wakaba-owner", ok));
    var view = accounts.of("wakaba-owner").orElseThrow();
    assertTrue(view.set() && view.changeable());
    assertEquals("みずほ", view.bankName());
    assertEquals("東京営業部", view.branchName());
    assertEquals(BankAccount.Type.ORDINARY, view.type());
    assertEquals("****" + number.substring(4), view.maskedNumber());
    assertEquals("ｶ)ﾜｶﾊﾞｼﾖｳﾃﾝ", view.holderKana(), "small kana made large");
    assertEquals(
        number,
        db.single(
            "SELECT account_number FROM business_bank_account bba"
                + " JOIN business b ON b.id = bba.business_id WHERE b.code = 'B0001'"));
    // A shop account sees it, masked.
    assertEquals(
        "****" + number.substring(4), accounts.of("wakaba-honten").orElseThrow().maskedNumber());

    // The change: audited once, old and new, the number masked.
    assertEquals(
        List.of(),
        accounts.change(
            "wakaba-owner", new AccountChange("0005", "001", "CURRENT", "７６５４３２１", "わかばしょうてん（カ")));
    assertEquals(audits + 2, db.count("audit_event WHERE action = 'BANK_ACCOUNT_CHANGED'"));
    String audit = newestAudit("BANK_ACCOUNT_CHANGED");
    assertTrue(
        audit.endsWith(
            "0001 みずほ / 001 東京営業部 / ORDINARY / ****"
                + number.substring(4)
                + " / ｶ)ﾜｶﾊﾞｼﾖｳﾃﾝ -> 0005 三菱ＵＦＪ / 001 本店 / CURRENT / ****321 / ﾜｶﾊﾞｼﾖｳﾃﾝ(ｶ"),
        audit);
    assertFalse(audit.contains(number) || audit.contains("7654321"), "numbers masked: " + audit);
  }

  @Test
  void theZenginListFindsBanksAndBranchesByCodeOrName() {
    assertEquals("みずほ", accounts.bank("0001").orElseThrow().name());
    assertEquals("東京営業部", accounts.branch("0001", "001").orElseThrow().name());
    assertTrue(accounts.findBanks("みずほ").stream().anyMatch(b -> b.code().equals("0001")));
    assertTrue(accounts.findBanks("ミズホ").stream().anyMatch(b -> b.code().equals("0001")));
    assertTrue(accounts.findBanks("mizuho").stream().anyMatch(b -> b.code().equals("0001")));
    assertEquals("0001", accounts.findBanks("0001").get(0).code());
    // The list writes 三菱ＵＦＪ in full-width letters; people type ufj.
    assertTrue(accounts.findBanks("ufj").stream().anyMatch(b -> b.code().equals("0005")));
    assertTrue(accounts.findBranches("0001", "東京").stream().anyMatch(b -> b.code().equals("001")));
    assertEquals(Optional.empty(), accounts.branch("0001", "999"));
  }
}
