package org.jimoto.grant.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Optional;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.grant.control.GrantProcessor;
import org.jimoto.ledger.boundary.RefusedException;

/**
 * Grants points to residents (付与: volunteering, events, campaign gifts, R-12, R-83) and cancels
 * unused grants. Each is one transaction with its audit event; refusals change nothing.
 *
 * <p>#11 review finding 3: guarded by the caller's role here at the EJB boundary; the staff member
 * is the caller, never a parameter. A window clerk grants; cancelling a grant is the
 * administrator's; the auditor does neither.
 */
@Stateless
@DeclareRoles({"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GrantService {

  @Inject GrantProcessor processor;
  @Resource SessionContext caller;

  /**
   * @param reason why (the occasion), shown to the resident and kept in the audit log
   */
  @RolesAllowed({"CITY_ADMIN", "CITY_CLERK"})
  public CreditOutcome grant(
      long residentId, String serviceCode, long amountYen, LocalDate expiresOn, String reason) {
    try {
      return new CreditOutcome.Done(
          processor.grant(
              residentId, serviceCode, amountYen, expiresOn, actor(), reason, clerkOnly()));
    } catch (RefusedException e) {
      return new CreditOutcome.Refused(e.refusal(), e.args());
    }
  }

  /**
   * @return empty when done, else the refusal
   */
  @RolesAllowed("CITY_ADMIN")
  public Optional<CreditOutcome.Refused> cancelGrant(String tranId, String reason) {
    try {
      processor.cancelGrant(tranId, actor(), reason);
      return Optional.empty();
    } catch (RefusedException e) {
      return Optional.of(new CreditOutcome.Refused(e.refusal(), e.args()));
    }
  }

  /** #11 review 2: a window clerk's grant has the clerk's ceiling. */
  private boolean clerkOnly() {
    return caller.isCallerInRole("CITY_CLERK") && !caller.isCallerInRole("CITY_ADMIN");
  }

  private String actor() {
    return caller.getCallerPrincipal().getName();
  }
}
