package org.jimoto;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.jimoto.resident.boundary.PayTokens;
import org.jimoto.resident.entity.Resident;

/** Fresh residents and lookups for ledger tests, so every test starts from a known wallet. */
@Stateless
public class LedgerFixtures {

  private static final AtomicInteger CARD = new AtomicInteger(70_000_000);

  @PersistenceContext EntityManager em;
  @Inject PayTokens payTokens;

  /** A new app member; returns {residentId, payToken}. */
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
    return new Object[] {r.getId(), payTokens.issue(r.getId())};
  }

  /** A new card member; returns {residentId, 8-digit code}. */
  public Object[] newCardMember() {
    String code = String.valueOf(CARD.incrementAndGet());
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
    return new Object[] {r.getId(), code};
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
