package org.jimoto.notice.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.util.List;
import org.jimoto.ledger.boundary.LocalizedName;

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

  @RolesAllowed("CITY_ADMIN")
  public MaintenanceWindows.View announce(
      LocalDateTime startsAt, LocalDateTime endsAt, LocalizedName message, String note) {
    return windows.announce(startsAt, endsAt, message, note, actor());
  }

  @RolesAllowed("CITY_ADMIN")
  public void cancel(long id) {
    windows.cancel(id, actor());
  }

  @RolesAllowed({"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"})
  public List<MaintenanceWindows.View> upcoming() {
    return windows.upcoming();
  }

  private String actor() {
    return caller.getCallerPrincipal().getName();
  }
}
