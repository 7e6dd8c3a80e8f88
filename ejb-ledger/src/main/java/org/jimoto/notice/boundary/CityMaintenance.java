package org.jimoto.notice.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.notice.control.MaintenanceScheduler;

/**
 * The admin portal's maintenance screen (#11 item 6, R-57): the administrator announces and cancels
 * windows; clerk and auditor read the list. The role check is here, at the EJB boundary; the staff
 * member is the caller.
 */
@Stateless
@DeclareRoles({"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"})
public class CityMaintenance {

  @Resource SessionContext caller;
  @Inject MaintenanceWindows windows;
  @Inject MaintenanceScheduler scheduler;

  /**
   * at least {@link #minimumLead()} ahead, unless {@code emergencyReason} says why not (then
   * at least {@link MaintenanceWindows#MIN_LEAD}); the reason goes to the audit log.
   */
  @RolesAllowed("CITY_ADMIN")
  public MaintenanceWindows.View announce(
      LocalDateTime startsAt,
      LocalDateTime endsAt,
      LocalizedName message,
      String note,
      String emergencyReason) {
    return scheduler.announce(startsAt, endsAt, message, note, emergencyReason, actor());
  }

  @RolesAllowed("CITY_ADMIN")
  public void cancel(long id) {
    scheduler.cancel(id, actor());
  }

  /** How far ahead a window is announced unless it is an emergency (R-57, 24 h by default). */
  @RolesAllowed({"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"})
  public Duration minimumLead() {
    return scheduler.minimumLead();
  }

  @RolesAllowed({"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"})
  public List<MaintenanceWindows.View> upcoming() {
    return windows.upcoming();
  }

  private String actor() {
    return caller.getCallerPrincipal().getName();
  }
}
