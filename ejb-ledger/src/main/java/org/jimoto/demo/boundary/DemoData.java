package org.jimoto.demo.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ChargeRequest;
import org.jimoto.charge.control.ChargeProcessor;
import org.jimoto.grant.control.GrantProcessor;
import org.jimoto.identity.boundary.UserAccountService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.merchant.boundary.TerminalCredentials;
import org.jimoto.merchant.entity.Business;
import org.jimoto.merchant.entity.Shop;
import org.jimoto.merchant.entity.ShopCategory;
import org.jimoto.merchant.entity.Terminal;
import org.jimoto.resident.boundary.PayTokens;
import org.jimoto.resident.entity.CardCode;
import org.jimoto.resident.entity.Resident;
import org.jimoto.service.entity.ServiceType;
import org.jimoto.service.entity.ValueService;

/**
 * Writes the demo data set in one transaction. Refuses (returns empty) when the database already
 * holds any business, resident, service or login, so it can never mix with real data.
 */
@Stateless
public class DemoData {

  @PersistenceContext EntityManager em;
  @Inject UserAccountService accounts;
  @Inject TerminalCredentials terminalCredentials;
  @Inject ChargeProcessor charges;
  @Inject GrantProcessor grants;
  @Inject PayTokens payTokens;
  @Inject org.jimoto.merchant.boundary.ShopProfiles shopProfiles;
  @Inject org.jimoto.resident.boundary.CardSecurityCodes cardSecurityCodes;
  @Inject Clock clock;
  @Inject org.jimoto.notice.boundary.Notices notices;
  @Inject org.jimoto.notice.control.MaintenanceScheduler maintenance;
  @Inject org.jimoto.payment.control.PaymentProcessor payments;
  @Inject org.jimoto.merchant.boundary.PayoutAccounts payoutAccounts;

  public boolean databaseIsEmpty() {
    for (String entity : List.of("UserAccount", "Resident", "Business", "ValueService")) {
      long n =
          em.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult();
      if (n > 0) {
        return false;
      }
    }
    return true;
  }

  public Optional<DemoSet> loadIntoEmptyDatabase(char[] password) {
    if (!databaseIsEmpty()) {
      return Optional.empty();
    }
    LocalDateTime now = LocalDateTime.now(clock);
    List<DemoLogin> logins = new ArrayList<>();

    // the three services, side by side.
    // Money as at ISECA: charged part valid 2 years, holding limit 100,000.
    var money =
        persist(
            new ValueService(
                    "WAKABA_COIN",
                    ServiceType.MONEY,
                    "わかばコイン",
                    "Wakaba Coin",
                    "円",
                    "yen",
                    true,
                    now)
                .chargeable(2, 100_000L)
                .maxPayment(100_000));
    var points =
        persist(
            new ValueService(
                "WAKABA_POINT",
                ServiceType.POINT,
                "わかばポイント",
                "Wakaba Points",
                "pt",
                "pt",
                true,
                now));
    var gift =
        persist(
            new ValueService(
                "WAKABA_GIFT",
                ServiceType.GIFT_CERTIFICATE,
                "わかばプレミアム商品券",
                "Wakaba Premium Gift Certificate",
                "円",
                "yen",
                false,
                now));

    var business =
        persist(
            new Business(
                "B0001",
                "株式会社わかば商店",
                "若葉 一郎",
                "info@wakaba-shoten.example.jp",
                "0270-00-0001",
                "若葉川市本町1-2-3",
                now));
    // the main shop accepts cards; R-03: the station shop does not take points.
    var mainShop =
        persist(
            new Shop(
                business,
                "S0001",
                "わかば商店 本店",
                "若葉川市本町1-2-3",
                "0270-00-0001",
                true,
                Set.of(money, points, gift),
                now));
    var stationShop =
        persist(
            new Shop(
                business,
                "S0002",
                "わかば商店 駅前店",
                "若葉川市駅前2-4-6",
                "0270-00-0002",
                false,
                Set.of(money, gift),
                now));
    // #9 item 8: the main shop's profile is filled in; the station shop's is left for its staff.
    mainShop.describe(
        "わかば商店 本店",
        "Wakaba Shoten Main Store",
        ShopCategory.GROCERY,
        "若葉川市本町1-2-3",
        "0270-00-0001",
        "9:00〜20:00 年中無休");
    // the city has published both in the "使えるお店" directory.
    mainShop.publish(now);
    stationShop.publish(now);
    directoryShops(points, money, gift, now);
    persist(new Terminal(mainShop, "T0001", "本店 レジ1", qrToken(), now));
    persist(new Terminal(mainShop, "T0002", "本店 レジ2", qrToken(), now));
    persist(new Terminal(stationShop, "T0003", "駅前店 レジ1", qrToken(), now));
    // A spare till to try retiring a terminal or replacing its credential on (#8).
    persist(new Terminal(mainShop, "T0004", "本店 予備レジ", qrToken(), now));

    var hanako =
        persist(
            Resident.appMember(
                "山田 花子",
                "ヤマダ ハナコ",
                LocalDate.of(1988, 5, 14),
                "若葉川市緑町3-1-8",
                "hanako@example.jp",
                "090-0000-0001",
                now));
    var taro =
        persist(
            Resident.appMember(
                "佐藤 太郎",
                "サトウ タロウ",
                LocalDate.of(1952, 11, 3), // 70+, gets the purchase bonus
                "若葉川市桜台5-7",
                "taro@example.jp",
                "090-0000-0002",
                now));
    var cardMember =
        persist(
            Resident.cardMember(
                "鈴木 ハル",
                "スズキ ハル",
                LocalDate.of(1946, 4, 1),
                "若葉川市本町4-4-1",
                "080-0000-1234", // registered at the window, for the balance inquiry
                CardCode.of(1_234_567), // 12345674
                now));
    // a card reported lost at the window and disabled; it pays nowhere any more.
    var lostCard =
        persist(
            Resident.cardMember(
                "高橋 ミツ",
                "タカハシ ミツ",
                LocalDate.of(1949, 8, 20),
                "若葉川市桜台2-9",
                "0270-00-5678",
                CardCode.of(1_234_568), // 12345682
                now));

    // Taro still has the card he used before he joined the app; it is his (same name in kana
    // and birthday), so he can move it into his app account on /resident/app/card-move.xhtml.
    var taroCard =
        persist(
            Resident.cardMember(
                "佐藤 太郎",
                "サトウ タロウ",
                LocalDate.of(1952, 11, 3),
                "若葉川市桜台5-7",
                "080-0000-5690",
                CardCode.of(1_234_569),
                now));

    // Hanako and Taro confirmed their phones, so each login asks for an SMS code (read it
    // on the SMS simulator's page, /sms.xhtml).
    hanako.confirmPhone("090-0000-0001", now);
    taro.confirmPhone("090-0000-0002", now);
    hanako.setPreferredLanguage("ja");
    taro.setPreferredLanguage("ja");

    // Logins and the ledger reference these rows by plain id columns: write the rows first.
    em.flush();
    configureCharging(money.getId(), points.getId(), now.toLocalDate());
    announce(now);
    login(
        logins,
        Portal.RESIDENT,
        "hanako@example.jp",
        "山田 花子",
        Role.RESIDENT,
        password,
        a -> a.forResident(hanako.getId()),
        "app member");
    login(
        logins,
        Portal.RESIDENT,
        "taro@example.jp",
        "佐藤 太郎",
        Role.RESIDENT,
        password,
        a -> a.forResident(taro.getId()),
        "app member, aged 70+");
    login(
        logins,
        Portal.MERCHANT,
        "wakaba-owner",
        "株式会社わかば商店",
        Role.BUSINESS_OWNER,
        password,
        a -> a.forMerchant(business.getId(), null),
        "business account B0001");
    login(
        logins,
        Portal.MERCHANT,
        "wakaba-honten",
        "わかば商店 本店",
        Role.SHOP_STAFF,
        password,
        a -> a.forMerchant(business.getId(), mainShop.getId()),
        "shop S0001, accepts cards");
    login(
        logins,
        Portal.MERCHANT,
        "wakaba-ekimae",
        "わかば商店 駅前店",
        Role.SHOP_STAFF,
        password,
        a -> a.forMerchant(business.getId(), stationShop.getId()),
        "shop S0002, no cards");
    login(
        logins,
        Portal.MERCHANT,
        "wakaba-honten-new",
        "わかば商店 本店 (新規発行)",
        Role.SHOP_STAFF,
        password,
        a -> a.forMerchant(business.getId(), mainShop.getId()).requirePasswordChange(),
        "shop S0001, newly issued: must change its password at first login (R-62)");
    // The browser tests' own newly issued account, so that they and PortalHttpIT, which
    // changes wakaba-honten-new's password, can run against one server in either order.
    login(
        logins,
        Portal.MERCHANT,
        "wakaba-ekimae-new",
        "わかば商店 駅前店 (新規発行)",
        Role.SHOP_STAFF,
        password,
        a -> a.forMerchant(business.getId(), stationShop.getId()).requirePasswordChange(),
        "shop S0002, newly issued: must change its password at first login (R-62)");
    login(
        logins,
        Portal.MERCHANT,
        "wakaba-honten-old",
        "わかば商店 本店 (旧パスワード)",
        Role.SHOP_STAFF,
        password,
        a -> a.forMerchant(business.getId(), mainShop.getId()),
        "shop S0001, password last changed 120 days ago: warned on every page (R-62)");
    login(
        logins,
        Portal.ADMIN,
        "city-admin",
        "若葉川市 管理者",
        Role.CITY_ADMIN,
        password,
        a -> a,
        "city administrator");
    login(
        logins,
        Portal.ADMIN,
        "city-clerk",
        "若葉川市 窓口",
        Role.CITY_CLERK,
        password,
        a -> a,
        "window clerk");
    login(
        logins,
        Portal.ADMIN,
        "city-auditor",
        "若葉川市 監査",
        Role.CITY_AUDITOR,
        password,
        a -> a,
        "auditor, read-only");
    // the main shop's storefront photo, as its business would upload it (#9 item 8), for
    // the public directory's shop page.
    em.flush();
    var photoProblems = shopProfiles.addPhoto("wakaba-owner", mainShop.getId(), storefront());
    if (!photoProblems.isEmpty()) {
      throw new IllegalStateException("demo storefront photo refused: " + photoProblems);
    }
    List<DemoSet.TerminalKey> keys = new ArrayList<>();
    for (String[] t :
        new String[][] {
          {"T0001", "S0001"}, {"T0002", "S0001"}, {"T0003", "S0002"}, {"T0004", "S0001"}
        }) {
      keys.add(new DemoSet.TerminalKey(t[0], t[1], terminalCredentials.issue(t[0])));
    }
    pastTrading(logins, password, now);
    openingBalances(hanako.getId(), taro.getId(), cardMember.getId(), now.toLocalDate());
    // Taro's card: a window charge (2 years, its 1 % premium to the fiscal year's end) and points
    // granted at an event, so that its lots move into the app with three different expiries.
    charge(taroCard.getId(), ChargeChannel.WINDOW, 3_000);
    grants.grant(
        taroCard.getId(),
        "WAKABA_POINT",
        200,
        now.toLocalDate().plusMonths(6),
        "demo",
        "清掃ボランティア参加",
        false);
    // security codes as printed on the cards, shown once (demo-logins.txt).
    List<DemoSet.Card> cards =
        List.of(
            new DemoSet.Card(
                cardMember.getCardMemberCode(),
                "鈴木 ハル",
                "080-0000-1234",
                cardSecurityCodes.issue("demo", cardMember.getCardMemberCode()),
                "card member: balance inquiry on /resident/card.xhtml"),
            new DemoSet.Card(
                taroCard.getCardMemberCode(),
                "佐藤 太郎",
                "080-0000-5690",
                cardSecurityCodes.issue("demo", taroCard.getCardMemberCode()),
                "taro@example.jp's own card: move it into the app (/resident/app/card-move.xhtml)"));
    em.createNativeQuery(
            "UPDATE user_account SET password_changed_at = ?1 WHERE login_name = 'wakaba-honten-old'")
        .setParameter(1, now.minusDays(120))
        .executeUpdate();
    em.createNativeQuery("UPDATE resident SET card_enabled = FALSE WHERE id = ?1")
        .setParameter(1, lostCard.getId())
        .executeUpdate();
    // #11 window: the loss as the window records it (its balance would be frozen, not forfeited).
    em.createNativeQuery(
            "INSERT INTO card_loss (card_resident_id, reported_at, reported_by) VALUES (?1, ?2, ?3)")
        .setParameter(1, lostCard.getId())
        .setParameter(2, now)
        .setParameter(3, "city-clerk")
        .executeUpdate();
    // an app member's QR code to try the register with (the resident portal shows none yet).
    java.time.Duration validity = java.time.Duration.ofDays(1);
    var payToken =
        new DemoSet.PayToken(
            "taro@example.jp", payTokens.issue(taro.getId(), validity), now.plus(validity));
    return Optional.of(new DemoSet(logins, keys, List.of(payToken), cards));
  }

  /** Days back of the café's past trading: its half month and payout date have both passed. */
  public static final int PAST_TRADING_DAYS_AGO = 42;

  /**
   * #12: six weeks ago a card member got volunteer points and spent them at the café (S0003), so
   * that a demo, and the settlement browser test, has a passed half month with sales to close, a
   * payout date that has come, and a transfer whose bank result can be recorded (R-53..R-56). The
   * café's business has a payout account and a business login ({@code ekimae-shotenkai}) to see its
   * transfer history. The ledger writes these entries now, the usual way; then, in this same
   * transaction, their times are moved back. The card member is nobody else's test data.
   */
  private void pastTrading(List<DemoLogin> logins, char[] password, LocalDateTime now) {
    var association =
        em.createQuery("select b from Business b where b.code = 'B0002'", Business.class)
            .getSingleResult();
    var cafe =
        em.createQuery("select s from Shop s where s.code = 'S0003'", Shop.class).getSingleResult();
    var till = persist(new Terminal(cafe, "T0005", "さくら レジ1", qrToken(), now));
    var volunteer =
        persist(
            Resident.cardMember(
                "田中 ミヨ",
                "タナカ ミヨ",
                LocalDate.of(1950, 6, 12),
                "若葉川市駅前1-6-2",
                "0270-00-7788",
                CardCode.of(1_234_570),
                now));
    login(
        logins,
        Portal.MERCHANT,
        "ekimae-shotenkai",
        "若葉川駅前商店会",
        Role.BUSINESS_OWNER,
        password,
        a -> a.forMerchant(association.getId(), null),
        "business account B0002 (café S0003): sales of six weeks ago to close and pay (#12)");
    em.flush();
    var problems =
        payoutAccounts.change(
            "ekimae-shotenkai",
            new org.jimoto.merchant.boundary.PayoutAccounts.AccountChange(
                "0001", "001", "ORDINARY", "2345678", "ﾜｶﾊﾞｶﾞﾜｴｷﾏｴｼｮｳﾃﾝｶｲ"));
    if (!problems.isEmpty()) {
      throw new IllegalStateException("demo payout account refused: " + problems);
    }
    em.flush();
    LocalDate day = now.toLocalDate().minusDays(PAST_TRADING_DAYS_AGO);
    em.createNativeQuery("UPDATE resident SET created_at = ?1 WHERE id = ?2")
        .setParameter(1, java.sql.Timestamp.valueOf(day.minusDays(7).atTime(11, 0)))
        .setParameter(2, volunteer.getId())
        .executeUpdate();
    grants.grant(
        volunteer.getId(), "WAKABA_POINT", 5_000, day.plusMonths(6), "demo", "駅前清掃ボランティア参加", false);
    backdate(
        "SELECT entry_id FROM transfer WHERE operation = 'GRANT' AND resident_id = ?1",
        volunteer.getId(),
        day.atTime(9, 30));
    int n = 0;
    for (var sale : new Object[][] {{1_280L, "10:15"}, {860L, "12:40"}, {2_450L, "15:05"}}) {
      var paid =
          payments.pay(
              new org.jimoto.payment.boundary.PaymentRequest(
                  till.getId(),
                  "demo-past-" + (++n),
                  volunteer.getCardMemberCode(),
                  List.of(
                      new org.jimoto.payment.boundary.PaymentRequest.Leg(
                          "WAKABA_POINT", (Long) sale[0])),
                  "demo"));
      backdate(
          "SELECT entry_id FROM payment WHERE payment_ref = ?1",
          paid.paymentId(),
          day.atTime(java.time.LocalTime.parse((String) sale[1])));
    }
  }

  /** Moves one journal entry (found by {@code query}) and the rows it wrote to {@code at}. */
  private void backdate(String query, Object key, LocalDateTime at) {
    long entry =
        ((Number) em.createNativeQuery(query).setParameter(1, key).getSingleResult()).longValue();
    var time = java.sql.Timestamp.valueOf(at);
    int entries = update("UPDATE journal_entry SET created_at = ?1 WHERE id = ?2", time, entry);
    int transfers = update("UPDATE transfer SET created_at = ?1 WHERE entry_id = ?2", time, entry);
    update("UPDATE payment SET created_at = ?1 WHERE entry_id = ?2", time, entry);
    // The accounts the entry moved money between existed by then.
    update(
        "UPDATE account SET created_at = ?1 WHERE created_at > ?1 AND (id IN (SELECT"
            + " debit_account_id FROM transfer WHERE entry_id = ?2) OR id IN (SELECT"
            + " credit_account_id FROM transfer WHERE entry_id = ?2))",
        time,
        entry);
    if (entries != 1 || transfers < 1) {
      throw new IllegalStateException("demo entry " + entry + " not moved back");
    }
  }

  private int update(String sql, Object time, long entry) {
    return em.createNativeQuery(sql).setParameter(1, time).setParameter(2, entry).executeUpdate();
  }

  /**
   * More shops for the public directory: another business's café, pharmacy and bakery. The
   * bakery was approved but the city has not published it yet, so the directory does not list it.
   */
  private void directoryShops(
      ValueService points, ValueService money, ValueService gift, LocalDateTime now) {
    var association =
        persist(
            new Business(
                "B0002",
                "若葉川駅前商店会",
                "桜井 良子",
                "info@ekimae-shotenkai.example.jp",
                "0270-00-0100",
                "若葉川市駅前1-1-1",
                now));
    var cafe =
        persist(
            new Shop(
                association,
                "S0003",
                "喫茶 さくら",
                "若葉川市駅前1-3-5",
                "0270-00-0103",
                true,
                Set.of(money, points),
                now));
    cafe.describe(
        "喫茶 さくら",
        "Cafe Sakura",
        ShopCategory.RESTAURANT,
        "若葉川市駅前1-3-5",
        "0270-00-0103",
        "8:00〜18:00 火曜定休");
    cafe.publish(now);
    var pharmacy =
        persist(
            new Shop(
                association,
                "S0004",
                "わかば薬局 桜台店",
                "若葉川市桜台3-2-1",
                "0270-00-0104",
                false,
                Set.of(money, gift),
                now));
    pharmacy.describe(
        "わかば薬局 桜台店",
        "Wakaba Pharmacy Sakuradai",
        ShopCategory.HEALTH_PHARMACY,
        "若葉川市桜台3-2-1",
        "0270-00-0104",
        "9:00〜19:00 日祝休み");
    pharmacy.publish(now);
    var bakery =
        persist(
            new Shop(
                association,
                "S0005",
                "はなまるベーカリー",
                "若葉川市本町2-8",
                "0270-00-0105",
                true,
                Set.of(money, points),
                now));
    bakery.describe(
        "はなまるベーカリー",
        "Hanamaru Bakery",
        ShopCategory.GROCERY,
        "若葉川市本町2-8",
        "0270-00-0105",
        "7:00〜17:00");
  }

  /**
   * Charge rules as at ISECA and Saitama, the always-on 1 % premium whose
   * premium part expires at the end of the fiscal year, and 3 % back in points by the next
   * day. A past 30 % campaign shows R-11: under it a card's charged part counted from the
   * card's purchase; today's charges count from the charge day.
   */
  private void configureCharging(long moneyId, long pointsId, java.time.LocalDate today) {
    // charging the money online needs My Number Card verification (Hanako has it, Taro not).
    em.createNativeQuery(
            "UPDATE value_service SET charge_needs_verified_identity = TRUE WHERE id = ?1")
        .setParameter(1, moneyId)
        .executeUpdate();
    String[][] rules = {
      {"BANK", "1000", "10000", "1"},
      {"CREDIT_CARD", "1000", "49000", "1"},
      {"ATM", "1000", "100000", "1000"},
      {"WINDOW", "1000", "100000", "1000"},
    };
    for (String[] r : rules) {
      em.createNativeQuery(
              "INSERT INTO charge_rule (service_id, channel, min_yen, max_yen, unit_yen)"
                  + " VALUES (?1, ?2, ?3, ?4, ?5)")
          .setParameter(1, moneyId)
          .setParameter(2, r[0])
          .setParameter(3, Long.parseLong(r[1]))
          .setParameter(4, Long.parseLong(r[2]))
          .setParameter(5, Long.parseLong(r[3]))
          .executeUpdate();
    }
    em.persist(
        new org.jimoto.charge.entity.PremiumCampaign(
            moneyId, "いつでもチャージ 1%", 100, today.minusYears(1), today.plusYears(5), null));
    em.persist(
        new org.jimoto.charge.entity.PremiumCampaign(
                moneyId,
                "プレミアムキャンペーン 30%",
                3_000,
                today.minusMonths(10),
                today.minusMonths(8),
                today.minusMonths(4))
            .chargedPartFromCardPurchase());
    em.persist(
        new org.jimoto.charge.entity.PremiumCampaign(
                moneyId, "チャージでポイント 3%", 300, today.minusYears(1), today.plusYears(5), null)
            .paidIn(pointsId));
    em.flush();
  }

  /**
   * #10 item 2, R-57: the city's notices on the residents' and merchants' home pages, and a night
   * maintenance window three days ahead, which every portal's banner announces.
   */
  private void announce(LocalDateTime now) {
    var resident = org.jimoto.notice.entity.Audience.RESIDENT;
    notices.publish(
        resident,
        new org.jimoto.ledger.boundary.LocalizedName(
            "いつでもチャージ 1% 実施中", "Always-on charge: 1 % premium"),
        new org.jimoto.ledger.boundary.LocalizedName(
            "銀行口座・クレジットカードからのチャージに 1% のプレミアムが付きます。さらに 3% 分のわかばポイントを翌日にお届けします。",
            "Charges from a bank account or a credit card get a 1 % premium, and 3 % back in Wakaba"
                + " Points the next day."),
        now.minusDays(7),
        now.plusYears(1),
        "demo");
    notices.publish(
        resident,
        new org.jimoto.ledger.boundary.LocalizedName(
            "使えるお店が増えました", "More shops accept Wakaba Coin"),
        new org.jimoto.ledger.boundary.LocalizedName(
            "若葉駅前商店街の 12 店舗で使えるようになりました。",
            "Twelve more shops of the Wakaba station street now accept it."),
        now.minusDays(1),
        now.plusMonths(1),
        "demo");
    notices.publish(
        org.jimoto.notice.entity.Audience.MERCHANT,
        new org.jimoto.ledger.boundary.LocalizedName("精算日のお知らせ", "Settlement dates"),
        new org.jimoto.ledger.boundary.LocalizedName(
            "年末年始の精算日は 12 月 28 日と 1 月 6 日です。",
            "Over the new year, settlements are paid on 28 December and 6 January."),
        now.minusDays(1),
        now.plusMonths(2),
        "demo");
    var start = now.toLocalDate().plusDays(3).atTime(2, 0);
    maintenance.announce(
        start,
        start.plusHours(3),
        new org.jimoto.ledger.boundary.LocalizedName(
            "システム更新のため、この時間は決済とチャージがご利用いただけません。",
            "Payments and charges are paused during a system update."),
        "demo",
        null, // three days ahead: no emergency
        "demo");
  }

  /** Balances to try payments with: charges with the 1 % premium, and granted points. */
  private void openingBalances(long hanako, long taro, long card, java.time.LocalDate today) {
    // Hanako verified her identity with her My Number Card. The card member bought her card
    // two months ago; her charges count two years from the charge day.
    em.createNativeQuery("UPDATE resident SET identity_verified_at = ?1 WHERE id = ?2")
        .setParameter(1, java.sql.Timestamp.valueOf(today.atTime(9, 0)))
        .setParameter(2, hanako)
        .executeUpdate();
    em.createNativeQuery("UPDATE resident SET card_purchased_on = ?1 WHERE id = ?2")
        .setParameter(1, java.sql.Date.valueOf(today.minusMonths(2)))
        .setParameter(2, card)
        .executeUpdate();
    charge(hanako, ChargeChannel.BANK, 10_000);
    charge(taro, ChargeChannel.WINDOW, 5_000);
    // Enough for the system tests that all pay with this card (POS API, register, history).
    charge(card, ChargeChannel.WINDOW, 20_000);
    var pointsExpiry = org.jimoto.ledger.control.ExpiryRules.fiscalYearEnd(today);
    grants.grant(hanako, "WAKABA_POINT", 3_000, pointsExpiry, "demo", "マイナンバーカード取得記念", false);
    grants.grant(taro, "WAKABA_POINT", 500, pointsExpiry, "demo", "ボランティア参加", false);
  }

  private void charge(long resident, ChargeChannel channel, long amount) {
    charges.charge(
        new ChargeRequest(
            resident, "WAKABA_COIN", channel, amount, "demo-" + resident + "-" + channel, "demo"));
  }

  private void login(
      List<DemoLogin> logins,
      Portal portal,
      String loginName,
      String displayName,
      Role role,
      char[] password,
      java.util.function.UnaryOperator<org.jimoto.identity.entity.UserAccount> scope,
      String who) {
    accounts.create(portal, loginName, displayName, null, password, EnumSet.of(role), scope);
    logins.add(new DemoLogin(portal, loginName, EnumSet.of(role), who));
  }

  /** A drawn storefront (awning, window, door) as a PNG: no image file in the sources. */
  private static byte[] storefront() {
    var img = new java.awt.image.BufferedImage(960, 640, java.awt.image.BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(new java.awt.Color(0xDCEFF9)); // sky
    g.fillRect(0, 0, 960, 640);
    g.setColor(new java.awt.Color(0xF5E6CC)); // wall
    g.fillRect(80, 160, 800, 420);
    g.setColor(new java.awt.Color(0x2E7D32)); // awning
    g.fillRect(60, 120, 840, 90);
    g.setColor(java.awt.Color.WHITE);
    for (int x = 60; x < 900; x += 120) {
      g.fillRect(x, 120, 60, 90);
    }
    g.setColor(new java.awt.Color(0x90CAF9)); // windows
    g.fillRect(130, 260, 300, 220);
    g.fillRect(640, 260, 190, 220);
    g.setColor(new java.awt.Color(0x6D4C41)); // door
    g.fillRect(480, 260, 120, 320);
    g.setColor(new java.awt.Color(0x9E9E9E)); // pavement
    g.fillRect(0, 580, 960, 60);
    g.dispose();
    var out = new java.io.ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(img, "png", out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private <T> T persist(T entity) {
    em.persist(entity);
    return entity;
  }

  private static String qrToken() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
