package org.jimoto.notice.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.notice.entity.Audience;

/**
 * The admin portal's notices screen (#11 item 6): the administrator publishes, corrects and
 * withdraws notices to residents or merchants (ja/en, with a period); clerk and auditor read. A
 * correction withdraws the notice and publishes the corrected one in one transaction (a notice is
 * written once). The role check is here, at the EJB boundary; the staff member is the caller.
 */
@Stateless
@DeclareRoles({"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"})
public class CityNotices {

  @Resource SessionContext caller;
  @Inject Notices notices;

  @RolesAllowed("CITY_ADMIN")
  public Notices.View publish(
      Audience audience,
      LocalizedName title,
      LocalizedName body,
      LocalDateTime shownFrom,
      LocalDateTime shownUntil) {
    return notices.publish(audience, title, body, shownFrom, shownUntil, actor());
  }

  /** Replaces a notice by its corrected version; refused (nothing changed) if it is gone. */
  @RolesAllowed("CITY_ADMIN")
  public Notices.View revise(
      long id,
      Audience audience,
      LocalizedName title,
      LocalizedName body,
      LocalDateTime shownFrom,
      LocalDateTime shownUntil) {
    if (!notices.withdraw(id, actor())) {
      throw new RefusedException(Refusal.NOTICE_UNKNOWN);
    }
    return notices.publish(audience, title, body, shownFrom, shownUntil, actor());
  }

  @RolesAllowed("CITY_ADMIN")
  public void withdraw(long id) {
    if (!notices.withdraw(id, actor())) {
      throw new RefusedException(Refusal.NOTICE_UNKNOWN);
    }
  }

  /** Every notice not over yet, to residents then to merchants. */
  @RolesAllowed({"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"})
  public List<Notices.View> notOver() {
    List<Notices.View> all = new ArrayList<>(notices.notOver(Audience.RESIDENT));
    all.addAll(notices.notOver(Audience.MERCHANT));
    return all;
  }

  private String actor() {
    return caller.getCallerPrincipal().getName();
  }
}
