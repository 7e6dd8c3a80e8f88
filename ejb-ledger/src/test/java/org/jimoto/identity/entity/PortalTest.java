package org.jimoto.identity.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortalTest {

  @Test
  void eachPortalHasItsOwnRoles() {
    assertEquals(EnumSet.of(Role.RESIDENT), Portal.RESIDENT.roles());
    assertEquals(EnumSet.of(Role.SHOP_STAFF, Role.BUSINESS_OWNER), Portal.MERCHANT.roles());
    assertEquals(
        EnumSet.of(Role.CITY_ADMIN, Role.CITY_CLERK, Role.CITY_AUDITOR), Portal.ADMIN.roles());
  }

  @Test
  void anAccountCannotHoldARoleOfAnotherPortal_R93() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new UserAccount(
                Portal.MERCHANT,
                "shop",
                "Shop",
                null,
                "hash",
                Set.of(Role.CITY_ADMIN),
                LocalDateTime.now()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new UserAccount(
                Portal.RESIDENT, "r", "R", null, "hash", Set.of(), LocalDateTime.now()));
  }
}
