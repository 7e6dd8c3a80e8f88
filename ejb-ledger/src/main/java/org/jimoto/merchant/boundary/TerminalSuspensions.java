package org.jimoto.merchant.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.Refusal;

/**
 * Terminals suspended for guessing card numbers (issue #8, finding 5; see {@link
 * org.jimoto.merchant.control.TerminalGuard}), for the city: the list its dashboard shows (issue
 * #11) and lifting a suspension, audit-logged with who and why.
 */
@Stateless
public class TerminalSuspensions {

  /** A page of the list is bounded, like everything else (style guide). */
  static final int MAX_LISTED = 500;

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;

  /**
   * A suspended terminal.
   *
   * @param suspendedAt when the limit was reached (Asia/Tokyo)
   * @param reason why, e.g. "10 refused card or QR code lookups within 10 minutes (last:
   *     CARD_REFUSED)"
   */
  public record SuspendedTerminal(
      String terminalCode,
      String terminalName,
      String shopCode,
      String shopName,
      LocalDateTime suspendedAt,
      String reason) {}

  /** The suspended terminals, the longest suspended first (at most {@value #MAX_LISTED}). */
  public List<SuspendedTerminal> suspended() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT t.code, t.name, s.code, s.name, t.suspended_at, t.suspension_reason"
                    + " FROM terminal t JOIN shop s ON s.id = t.shop_id"
                    + " WHERE t.suspended_at IS NOT NULL ORDER BY t.suspended_at, t.code")
            .setMaxResults(MAX_LISTED)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new SuspendedTerminal(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    time(r[4]),
                    (String) r[5]))
        .toList();
  }

  /**
   * Lifts a terminal's suspension and starts its count of refused lookups afresh, audit-logged
   * (R-94).
   *
   * @param actor the city staff member (login name)
   * @param reason why it is lifted (the shop was called, the card reader was faulty...)
   * @return empty when lifted; else {@link Refusal#REASON_MISSING}, {@link
   *     Refusal#UNKNOWN_TERMINAL} or {@link Refusal#TERMINAL_NOT_SUSPENDED}
   */
  public Optional<Refusal> lift(String terminalCode, String actor, String reason) {
    if (reason == null || reason.isBlank()) {
      return Optional.of(Refusal.REASON_MISSING);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> found =
        em.createNativeQuery(
                "SELECT t.id, s.code, t.suspended_at, t.suspension_reason FROM terminal t"
                    + " JOIN shop s ON s.id = t.shop_id WHERE t.code = ?1")
            .setParameter(1, terminalCode)
            .getResultList();
    if (found.isEmpty()) {
      return Optional.of(Refusal.UNKNOWN_TERMINAL);
    }
    Object[] terminal = found.get(0);
    long terminalId = ((Number) terminal[0]).longValue();
    int lifted =
        em.createNativeQuery(
                "UPDATE terminal SET suspended_at = NULL, suspension_reason = NULL,"
                    + " refused_lookups = 0, refused_since = NULL, last_refused_request = NULL"
                    + " WHERE id = ?1 AND suspended_at IS NOT NULL")
            .setParameter(1, terminalId)
            .executeUpdate();
    if (lifted != 1) {
      return Optional.of(Refusal.TERMINAL_NOT_SUSPENDED); // never suspended, or lifted already
    }
    audit.record(
        Portal.ADMIN,
        actor,
        "TERMINAL_SUSPENSION_LIFTED",
        "terminal "
            + terminalCode
            + " of shop "
            + terminal[1]
            + ", suspended since "
            + time(terminal[2])
            + ": "
            + terminal[3],
        reason);
    TerminalCredentials.forget(terminalId);
    return Optional.empty();
  }

  private static LocalDateTime time(Object value) {
    return value == null
        ? null
        : value instanceof Timestamp t ? t.toLocalDateTime() : (LocalDateTime) value;
  }
}
