package org.jimoto.merchant.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;

/**
 * The city retires and reactivates POS terminals (レジ端末) and replaces their credentials (a lost
 * tablet, a leaked secret), audit-logged with who and why. Each takes effect at the
 * terminal's next request on every server (#8 finding 10): the POS filter reads the terminal's row
 * for every request but a payment, and a payment reads it in its own first statement.
 */
@Stateless
public class TerminalAdministration {

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;
  @Inject TerminalCredentials credentials;

  /** A new credential, shown once. */
  public record NewCredential(String terminalCode, String secret) {}

  /**
   * @return empty when done; else REASON_MISSING or UNKNOWN_TERMINAL
   */
  public Optional<Refusal> setActive(
      String terminalCode, boolean active, String actor, String reason) {
    if (reason == null || reason.isBlank()) {
      return Optional.of(Refusal.REASON_MISSING);
    }
    Optional<Long> id = terminalId(terminalCode);
    if (id.isEmpty()) {
      return Optional.of(Refusal.UNKNOWN_TERMINAL);
    }
    em.createNativeQuery("UPDATE terminal SET active = ?1 WHERE id = ?2")
        .setParameter(1, active)
        .setParameter(2, id.get())
        .executeUpdate();
    audit.record(
        Portal.ADMIN,
        actor,
        active ? "TERMINAL_REACTIVATED" : "TERMINAL_RETIRED",
        "terminal " + terminalCode,
        reason);
    TerminalCredentials.forget(id.get());
    return Optional.empty();
  }

  /** Replaces the terminal's credential; the old one stops working at once. */
  public NewCredential replaceCredential(String terminalCode, String actor, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new RefusedException(Refusal.REASON_MISSING);
    }
    if (terminalId(terminalCode).isEmpty()) {
      throw new RefusedException(Refusal.UNKNOWN_TERMINAL);
    }
    String secret = credentials.issue(terminalCode);
    audit.record(
        Portal.ADMIN, actor, "TERMINAL_CREDENTIAL_REPLACED", "terminal " + terminalCode, reason);
    return new NewCredential(terminalCode, secret);
  }

  private Optional<Long> terminalId(String terminalCode) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery("SELECT id FROM terminal WHERE code = ?1")
            .setParameter(1, terminalCode)
            .getResultList();
    return ids.stream().findFirst().map(Number::longValue);
  }
}
