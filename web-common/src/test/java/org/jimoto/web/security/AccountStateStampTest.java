package org.jimoto.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.jimoto.identity.boundary.AccountSummary;
import org.jimoto.identity.entity.Role;
import org.junit.jupiter.api.Test;

/**
 * #11 review: a session's stamp holds the password's time and the roles, so that a role the city
 * withdraws ends the staff member's open sessions at their next request, as a password change does.
 */
class AccountStateStampTest {

  private static final LocalDateTime CHANGED = LocalDateTime.of(2026, 11, 1, 9, 0);

  private static AccountSummary account(LocalDateTime changedAt, Set<Role> roles) {
    return new AccountSummary("clerk-1", "窓口 花子", roles, null, changedAt, false, true);
  }

  @Test
  void aRoleChangeOrAPasswordChangeChangesTheStampNothingElseDoes() {
    String admin = AccountStateFilter.stamp(account(CHANGED, EnumSet.of(Role.CITY_ADMIN)));
    assertNotEquals(admin, AccountStateFilter.stamp(account(CHANGED, EnumSet.of(Role.CITY_CLERK))));
    assertNotEquals(
        admin,
        AccountStateFilter.stamp(account(CHANGED.plusSeconds(1), EnumSet.of(Role.CITY_ADMIN))));
    // The same roles in another order: the same session.
    assertEquals(
        AccountStateFilter.stamp(account(CHANGED, Set.of(Role.CITY_CLERK, Role.CITY_AUDITOR))),
        AccountStateFilter.stamp(account(CHANGED, Set.of(Role.CITY_AUDITOR, Role.CITY_CLERK))));
  }
}
