package org.jimoto.grant.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.Catalog;

/**
 * What the city may grant from its screens (#11 review finding 2, R-12, R-83): points only (a money
 * service is bought, never given), at most {@code jimoto.grant.max-yen} per grant (a window clerk
 * at most {@code jimoto.grant.clerk-max-yen}), expiring no later than {@code
 * jimoto.grant.max-validity-years} from today. Checked in the preview of a file, row by row, and
 * again when granting.
 */
@ApplicationScoped
public class GrantBounds {

  /** The point service type (Mitaka CSV: 1 money, 2 point, 3 gift certificate). */
  static final int POINT = 2;

  @Inject
  @ConfigProperty(name = "jimoto.grant.max-yen", defaultValue = "100000")
  long maxYen;

  @Inject
  @ConfigProperty(name = "jimoto.grant.clerk-max-yen", defaultValue = "10000")
  long clerkMaxYen;

  @Inject
  @ConfigProperty(name = "jimoto.grant.max-validity-years", defaultValue = "2")
  int maxValidityYears;

  /**
   * @param clerk the grant is a window clerk's (CITY_CLERK without CITY_ADMIN)
   * @throws RefusedException the first bound the grant breaks
   */
  public void check(
      Catalog.Service service,
      long amountYen,
      LocalDate expiresOn,
      LocalDate today,
      boolean clerk) {
    check(service, amountYen, expiresOn, today, clerk, maxYen, clerkMaxYen, maxValidityYears);
  }

  static void check(
      Catalog.Service service,
      long amountYen,
      LocalDate expiresOn,
      LocalDate today,
      boolean clerk,
      long maxYen,
      long clerkMaxYen,
      int maxValidityYears) {
    if (service.type() != POINT || service.chargeable()) {
      throw new RefusedException(Refusal.GRANT_SERVICE_NOT_POINTS, service.code());
    }
    if (amountYen > maxYen) {
      throw new RefusedException(Refusal.GRANT_ABOVE_MAXIMUM, maxYen);
    }
    if (clerk && amountYen > clerkMaxYen) {
      throw new RefusedException(Refusal.GRANT_ABOVE_CLERK_MAXIMUM, clerkMaxYen);
    }
    LocalDate latest = today.plusYears(maxValidityYears);
    if (expiresOn != null && expiresOn.isAfter(latest)) {
      throw new RefusedException(Refusal.GRANT_EXPIRY_TOO_LATE, expiresOn, latest);
    }
  }
}
