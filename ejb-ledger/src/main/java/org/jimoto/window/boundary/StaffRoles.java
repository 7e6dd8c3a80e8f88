package org.jimoto.window.boundary;

/**
 * The administration portal's roles as {@code @RolesAllowed} names them (the values of {@code
 * org.jimoto.identity.entity.Role}): annotations need constants.
 */
public final class StaffRoles {

  /** Everything. */
  public static final String ADMIN = "CITY_ADMIN";

  /** Window operations and lookups (窓口). */
  public static final String CLERK = "CITY_CLERK";

  /** Reads everything, changes nothing, reads the audit log. */
  public static final String AUDITOR = "CITY_AUDITOR";

  private StaffRoles() {}
}
