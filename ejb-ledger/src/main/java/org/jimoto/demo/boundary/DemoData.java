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
  @Inject Clock clock;

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
                "0270-00-1234",
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

    // Logins and the ledger reference these rows by plain id columns: write the rows first.
    em.flush();
    configureCharging(money.getId(), points.getId(), now.toLocalDate());
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
    List<DemoSet.TerminalKey> keys = new ArrayList<>();
    for (String[] t :
        new String[][] {
          {"T0001", "S0001"}, {"T0002", "S0001"}, {"T0003", "S0002"}, {"T0004", "S0001"}
        }) {
      keys.add(new DemoSet.TerminalKey(t[0], t[1], terminalCredentials.issue(t[0])));
    }
    openingBalances(hanako.getId(), taro.getId(), cardMember.getId(), now.toLocalDate());
    em.createNativeQuery(
            "UPDATE user_account SET password_changed_at = ?1 WHERE login_name = 'wakaba-honten-old'")
        .setParameter(1, now.minusDays(120))
        .executeUpdate();
    em.createNativeQuery("UPDATE resident SET card_enabled = FALSE WHERE id = ?1")
        .setParameter(1, lostCard.getId())
        .executeUpdate();
    // an app member's QR code to try the register with (the resident portal shows none yet).
    java.time.Duration validity = java.time.Duration.ofDays(1);
    var payToken =
        new DemoSet.PayToken(
            "taro@example.jp", payTokens.issue(taro.getId(), validity), now.plus(validity));
    return Optional.of(new DemoSet(logins, keys, List.of(payToken)));
  }

  /**
   * Charge rules as at ISECA and Saitama, the always-on 1 % premium whose
   * premium part expires at the end of the fiscal year, and 3 % back in points by the next
   * day. A past 30 % campaign shows R-11: under it a card's charged part counted from the
   * card's purchase; today's charges count from the charge day.
   */
  private void configureCharging(long moneyId, long pointsId, java.time.LocalDate today) {
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
    grants.grant(hanako, "WAKABA_POINT", 3_000, pointsExpiry, "demo", "マイナンバーカード取得記念");
    grants.grant(taro, "WAKABA_POINT", 500, pointsExpiry, "demo", "ボランティア参加");
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

  private <T> T persist(T entity) {
    em.persist(entity);
    return entity;
  }

  private static String qrToken() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
