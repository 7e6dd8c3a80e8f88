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
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.grant.control.BulkGrantProcessor;
import org.jimoto.grant.control.RowRefusedException;
import org.jimoto.ledger.boundary.RefusedException;

/**
 * The admin portal's grants (#11 item 4, R-12, R-83), guarded by the caller's role here at the EJB
 * boundary, not only by the page: a window clerk (窓口) grants to one resident who comes to the
 * window (volunteer or event points); bulk grants from a CSV file, the office's programme work, are
 * the administrator's; the auditor grants nothing. The staff member is the caller, never a
 * parameter. Every grant is audit-logged with its reason.
 */
@Stateless
@DeclareRoles({CityGrants.ADMIN, CityGrants.CLERK, CityGrants.AUDITOR})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CityGrants {

  static final String ADMIN = "CITY_ADMIN";
  static final String CLERK = "CITY_CLERK";
  static final String AUDITOR = "CITY_AUDITOR";

  @Resource SessionContext caller;
  @Inject BulkGrantProcessor processor;

  /**
   * One grant, once per {@code requestKey} (the form makes one when shown; a second submit gets
   * GRANT_ALREADY_DONE and grants nothing).
   *
   * @param member a card's 8-digit member code, or an app member's e-mail address
   */
  @RolesAllowed({ADMIN, CLERK})
  public CreditOutcome grantOne(
      String member,
      String serviceCode,
      long amountYen,
      LocalDate expiresOn,
      String reason,
      String requestKey) {
    try {
      return new CreditOutcome.Done(
          processor.grantOne(
              member,
              serviceCode,
              amountYen,
              expiresOn,
              reason,
              requestKey,
              actor(),
              // #11 review finding 2: a clerk's smaller ceiling, unless also an administrator
              caller.isCallerInRole(CLERK) && !caller.isCallerInRole(ADMIN)));
    } catch (RefusedException e) {
      return new CreditOutcome.Refused(e.refusal(), e.args());
    }
  }

  /** Every row of a bulk-grant file with its error or state; grants nothing. */
  @RolesAllowed(ADMIN)
  public GrantPreview preview(byte[] file, String defaultReason) {
    return processor.preview(file, defaultReason);
  }

  /**
   * Grants every row of the file not granted before, in one transaction: nothing while any row has
   * an error; uploading the same file again grants nothing twice (see {@code GrantCsv}).
   */
  @RolesAllowed(ADMIN)
  public BulkGrantOutcome grantFile(byte[] file, String defaultReason) {
    try {
      return processor.grantFile(file, defaultReason, actor());
    } catch (RowRefusedException e) {
      return new BulkGrantOutcome.Refused(e.row(), e.refusal(), e.args());
    } catch (RefusedException e) {
      return new BulkGrantOutcome.Refused(0, e.refusal(), e.args());
    }
  }

  private String actor() {
    return caller.getCallerPrincipal().getName();
  }
}
