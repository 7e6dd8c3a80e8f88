package org.jimoto.notice.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.notice.entity.Audience;
import org.jimoto.notice.entity.Notice;

/**
 * The city's notices (お知らせ, #10 item 2): publishing one (the admin screens of #11, demo data,
 * tests) and the ones a portal's home page shows now.
 */
@Stateless
public class Notices {

  /** The most notices a home page shows, newest first. */
  public static final int SHOWN_AT_MOST = 10;

  /** A notice as the portals show it. */
  public record View(
      long id,
      Audience audience,
      LocalizedName title,
      LocalizedName body,
      LocalDateTime shownFrom,
      LocalDateTime shownUntil) {}

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject AuditLog audit;

  /** Publishes a notice; refused (changing nothing) without both languages or with a bad period. */
  public View publish(
      Audience audience,
      LocalizedName title,
      LocalizedName body,
      LocalDateTime shownFrom,
      LocalDateTime shownUntil,
      String actor) {
    if (audience == null) {
      throw new IllegalArgumentException("audience");
    }
    requireBoth(title, new LocalizedName("題名", "title"));
    requireBoth(body, new LocalizedName("本文", "text"));
    if (shownFrom == null || shownUntil == null || !shownUntil.isAfter(shownFrom)) {
      throw new RefusedException(Refusal.PERIOD_INVALID);
    }
    var notice =
        new Notice(
            audience,
            new LocalizedName(title.ja().strip(), title.en().strip()),
            new LocalizedName(body.ja().strip(), body.en().strip()),
            shownFrom,
            shownUntil,
            actor,
            LocalDateTime.now(clock));
    em.persist(notice);
    em.flush();
    audit.record(
        Portal.ADMIN,
        actor,
        "NOTICE_PUBLISHED",
        "notice " + notice.getId() + " to " + audience,
        shownFrom + " – " + shownUntil);
    return view(notice);
  }

  /** The notices shown to the audience now, newest first. */
  public List<View> current(Audience audience) {
    LocalDateTime now = LocalDateTime.now(clock);
    return em
        .createQuery(
            "SELECT n FROM Notice n WHERE n.audience = :a AND n.shownFrom <= :now"
                + " AND n.shownUntil > :now AND n.withdrawnAt IS NULL ORDER BY n.shownFrom DESC, n.id DESC",
            Notice.class)
        .setParameter("a", audience)
        .setParameter("now", now)
        .setMaxResults(SHOWN_AT_MOST)
        .getResultList()
        .stream()
        .map(Notices::view)
        .toList();
  }

  /** Every notice of the audience not yet over, also the ones shown later (admin list). */
  public List<View> notOver(Audience audience) {
    return em
        .createQuery(
            "SELECT n FROM Notice n WHERE n.audience = :a AND n.shownUntil > :now"
                + " AND n.withdrawnAt IS NULL ORDER BY n.shownFrom, n.id",
            Notice.class)
        .setParameter("a", audience)
        .setParameter("now", LocalDateTime.now(clock))
        .setMaxResults(200)
        .getResultList()
        .stream()
        .map(Notices::view)
        .toList();
  }

  /**
   * Withdraws a notice (#11 item 6): no longer shown from now on; kept for the record.
   *
   * @return false when there is no such notice or it was withdrawn already
   */
  public boolean withdraw(long id, String actor) {
    Notice n = em.find(Notice.class, id);
    if (n == null || n.getWithdrawnAt() != null) {
      return false;
    }
    n.withdraw(LocalDateTime.now(clock), actor);
    audit.record(
        Portal.ADMIN, actor, "NOTICE_WITHDRAWN", "notice " + id + " to " + n.getAudience());
    return true;
  }

  private static void requireBoth(LocalizedName text, LocalizedName what) {
    if (text == null
        || text.ja() == null
        || text.ja().isBlank()
        || text.en() == null
        || text.en().isBlank()) {
      throw new RefusedException(Refusal.TEXT_MISSING, what);
    }
  }

  private static View view(Notice n) {
    return new View(
        n.getId(), n.getAudience(), n.getTitle(), n.getBody(), n.getShownFrom(), n.getShownUntil());
  }
}
