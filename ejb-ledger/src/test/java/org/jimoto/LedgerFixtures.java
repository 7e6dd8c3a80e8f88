package org.jimoto;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.jimoto.merchant.entity.Business;
import org.jimoto.merchant.entity.Shop;
import org.jimoto.merchant.entity.Terminal;
import org.jimoto.resident.boundary.PayTokens;
import org.jimoto.resident.entity.CardCode;
import org.jimoto.resident.entity.Resident;
import org.jimoto.service.entity.ValueService;

/** Fresh residents and lookups for ledger tests, so every test starts from a known wallet. */
@Stateless
public class LedgerFixtures {

  @PersistenceContext EntityManager em;
  @Inject PayTokens payTokens;

  /**
   * A new app member who verified their identity, as the demo's わかばコイン needs for online
   * charges; returns {residentId, payToken}.
   */
  public Object[] newAppMember() {
    var r =
        Resident.appMember(
            "テスト 利用者",
            "テスト リヨウシャ",
            LocalDate.of(1990, 1, 1),
            "若葉川市",
            null,
            null,
            LocalDateTime.now());
    em.persist(r);
    em.flush();
    em.createNativeQuery("UPDATE resident SET identity_verified_at = ?1 WHERE id = ?2")
        .setParameter(1, LocalDateTime.now())
        .setParameter(2, r.getId())
        .executeUpdate();
    return new Object[] {r.getId(), payTokens.issue(r.getId())};
  }

  /**
   * A new app member who has not verified their identity; returns {residentId, payToken}.
   */
  public Object[] newUnverifiedAppMember() {
    Object[] m = newAppMember();
    em.createNativeQuery("UPDATE resident SET identity_verified_at = NULL WHERE id = ?1")
        .setParameter(1, m[0])
        .executeUpdate();
    return m;
  }

  /**
   * A new card member, identity checked at the window; returns {residentId, 8-digit code}.
   * Serials continue from the database's highest test code (serials 7000000 and up), since on
   * PostgreSQL every test class of a run shares one database; the code has its check digit (R-01,
   * #8 finding 5).
   */
  public Object[] newCardMember() {
    String highest =
        (String)
            em.createNativeQuery(
                    "SELECT COALESCE(MAX(card_member_code), '70000000') FROM resident"
                        + " WHERE card_member_code LIKE '7%'")
                .getSingleResult();
    String code = CardCode.of(Integer.parseInt(highest.substring(0, 7)) + 1);
    var r =
        Resident.cardMember(
            "カード 会員",
            "カード カイイン",
            LocalDate.of(1950, 1, 1),
            "若葉川市",
            "0270",
            code,
            LocalDateTime.now());
    em.persist(r);
    em.flush();
    // a card is issued at the window after an identity document was checked.
    em.createNativeQuery("UPDATE resident SET identity_verified_at = ?1 WHERE id = ?2")
        .setParameter(1, LocalDateTime.now())
        .setParameter(2, r.getId())
        .executeUpdate();
    return new Object[] {r.getId(), code};
  }

  /** A new app member with this name in kana and birthday (R-84 ownership); returns its id. */
  public long newAppMember(String kana, LocalDate birthDate) {
    var r = Resident.appMember("テスト 利用者", kana, birthDate, "若葉川市", null, null, LocalDateTime.now());
    em.persist(r);
    em.flush();
    return r.getId();
  }

  /**
   * A new card member with this name in kana, birthday and phone registered at the window (R-84,
   * R-85); returns {residentId, 8-digit code}, the code as in {@link #newCardMember()}.
   */
  public Object[] newCardMember(String kana, LocalDate birthDate, String phone) {
    Object[] card = newCardMember();
    em.createNativeQuery(
            "UPDATE resident SET name_kana = ?1, birth_date = ?2, phone = ?3 WHERE id = ?4")
        .setParameter(1, kana)
        .setParameter(2, java.sql.Date.valueOf(birthDate))
        .setParameter(3, phone)
        .setParameter(4, card[0])
        .executeUpdate();
    return card;
  }

  /**
   * A new shop accepting cards and the given services, with one terminal; returns the terminal's
   * id. Its shop has no ledger account yet, as in a city that has just onboarded it.
   */
  public long newShopWithTerminal(String code, String... serviceCodes) {
    LocalDateTime now = LocalDateTime.now();
    var business =
        new Business("B" + code, "テスト事業者 " + code, "代表", "b@example.jp", "0", "若葉川市", now);
    em.persist(business);
    var services = new java.util.HashSet<ValueService>();
    for (String service : serviceCodes) {
      services.add(
          em.createQuery("select v from ValueService v where v.code = :c", ValueService.class)
              .setParameter("c", service)
              .getSingleResult());
    }
    var shop = new Shop(business, "S" + code, "テスト店 " + code, "若葉川市", "0", true, services, now);
    em.persist(shop);
    var terminal = new Terminal(shop, "T" + code, "レジ " + code, "qr-" + code, now);
    em.persist(terminal);
    em.flush();
    return terminal.getId();
  }

  /**
   * Another shop with one terminal in the business of {@code businessCode} (a business with several
   * shops, R-93); returns the terminal's id.
   */
  public long newShopInBusiness(String businessCode, String code, String... serviceCodes) {
    LocalDateTime now = LocalDateTime.now();
    var business =
        em.createQuery("select b from Business b where b.code = :c", Business.class)
            .setParameter("c", businessCode)
            .getSingleResult();
    var services = new java.util.HashSet<ValueService>();
    for (String service : serviceCodes) {
      services.add(
          em.createQuery("select v from ValueService v where v.code = :c", ValueService.class)
              .setParameter("c", service)
              .getSingleResult());
    }
    var shop = new Shop(business, "S" + code, "テスト店 " + code, "若葉川市", "0", true, services, now);
    em.persist(shop);
    var terminal = new Terminal(shop, "T" + code, "レジ " + code, "qr-" + code, now);
    em.persist(terminal);
    em.flush();
    return terminal.getId();
  }

  /** A new points service (no holding limit), as the city adds one for a campaign. */
  public void newPointService(String code) {
    em.persist(
        new ValueService(
            code,
            org.jimoto.service.entity.ServiceType.POINT,
            "テストポイント",
            "Test Points",
            "pt",
            "pt",
            true,
            LocalDateTime.now()));
    em.flush();
  }

  /** A premium campaign in a service, e.g. one the city ran in a past year. */
  public void newCampaign(org.jimoto.charge.entity.PremiumCampaign campaign) {
    em.persist(campaign);
    em.flush();
  }

  public long id(String table, String code) {
    return ((Number)
            em.createNativeQuery("SELECT id FROM " + table + " WHERE code = ?1")
                .setParameter(1, code)
                .getSingleResult())
        .longValue();
  }

  public int execute(String sql) {
    return em.createNativeQuery(sql).executeUpdate();
  }
}
