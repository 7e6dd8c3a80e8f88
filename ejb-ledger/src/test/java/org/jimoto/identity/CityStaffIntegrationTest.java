package org.jimoto.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestQueries;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.grant.StaffCallers;
import org.jimoto.identity.boundary.StaffAccounts;
import org.jimoto.identity.control.PasswordPolicy;
import org.jimoto.identity.entity.Role;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.notice.boundary.CityMaintenance;
import org.jimoto.notice.boundary.CityNotices;
import org.jimoto.notice.boundary.MaintenanceWindows;
import org.jimoto.notice.boundary.Notices;
import org.jimoto.notice.entity.Audience;
import org.jimoto.platform.control.PlatformClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * #11 items 6 and 7: staff accounts (R-62 temporary passwords, the last administrator) and the
 * maintenance screen's cancel, with the roles checked by the EJB container (R-94 audited).
 */
@ExtendWith(ArquillianExtension.class)
class CityStaffIntegrationTest {

  @Deployment
  static WebArchive deployment() {
    return StaffCallers.withRolePrincipals(
        FoundationDeployment.create(TestQueries.class, LedgerFixtures.class));
  }

  @Inject DemoData demoData;
  @Inject TestQueries db;
  @Inject StaffAccounts staff;
  @Inject CityMaintenance maintenance;
  @Inject MaintenanceWindows windows;
  @Inject CityNotices notices;
  @Inject Notices residentNotices;
  @Inject StaffCallers.AsAdmin admin;
  @Inject StaffCallers.AsClerk clerk;
  @Inject StaffCallers.AsAuditor auditor;

  @BeforeEach
  void demoCity() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
  }

  private static Refusal refusal(Supplier<?> r) {
    return assertThrows(RefusedException.class, r::get).refusal();
  }

  private static void assertAccessRefused(Supplier<?> r) {
    EJBException e = assertThrows(EJBException.class, r::get);
    Throwable t = e;
    while (t != null && !(t instanceof EJBAccessException)) {
      t = t.getCause();
    }
    if (t == null) {
      throw new AssertionError("not an access refusal", e);
    }
  }

  private StaffAccounts.StaffView view(String login) {
    return admin.call(() -> staff.list()).stream()
        .filter(v -> v.loginName().equals(login))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aNewStaffAccountHasATemporaryPasswordChangedAtFirstLogin_R62() {
    String login = "t-clerk-" + System.nanoTime();
    var issued = admin.call(() -> staff.create(login, "窓口 花子", null, Set.of(Role.CITY_CLERK)));
    assertEquals(login, issued.loginName());
    assertTrue(PasswordPolicy.check(issued.temporaryPassword(), login, "窓口 花子").isEmpty());
    var v = view(login);
    assertTrue(v.mustChangePassword());
    assertEquals(Set.of(Role.CITY_CLERK), v.roles());
    Object hash =
        db.single("SELECT password_hash FROM user_account WHERE login_name = '" + login + "'");
    var reset = admin.call(() -> staff.resetPassword(login, "忘れた"));
    assertNotEquals(issued.temporaryPassword(), reset.temporaryPassword());
    assertNotEquals(
        hash,
        db.single("SELECT password_hash FROM user_account WHERE login_name = '" + login + "'"));
    assertEquals(
        Refusal.LOGIN_NAME_TAKEN,
        refusal(() -> admin.call(() -> staff.create(login, "x", null, Set.of(Role.CITY_CLERK)))));
    assertEquals(
        Refusal.ROLE_MISSING,
        refusal(() -> admin.call(() -> staff.create(login + "x", "x", null, Set.of()))));
    assertEquals(
        Refusal.ROLE_MISSING,
        refusal(
            () -> admin.call(() -> staff.create(login + "x", "x", null, Set.of(Role.RESIDENT)))));
    assertEquals(
        Refusal.REASON_MISSING, refusal(() -> admin.call(() -> staff.resetPassword(login, " "))));
    // a reason longer than the audit log keeps is refused, not cut
    assertEquals(
        Refusal.REASON_TOO_LONG,
        refusal(() -> admin.call(() -> staff.resetPassword(login, "理".repeat(501)))));
    assertTrue(
        ((Number)
                    db.single(
                        "SELECT COUNT(*) FROM audit_event WHERE action = 'STAFF_PASSWORD_RESET'"
                            + " AND detail = '"
                            + login
                            + "'"))
                .longValue()
            == 1);
  }

  @Test
  void theLastAdministratorCanNeitherBeDisabledNorLoseTheRole() {
    String login = "t-admin-" + System.nanoTime();
    admin.call(() -> staff.create(login, "管理 太郎", null, Set.of(Role.CITY_ADMIN)));
    List<String> others = new ArrayList<>();
    for (var v : admin.call(() -> staff.list())) {
      if (v.enabled() && v.roles().contains(Role.CITY_ADMIN) && !v.loginName().equals(login)) {
        others.add(v.loginName());
      }
    }
    assertFalse(others.isEmpty()); // the demo's city-admin at least
    try {
      for (String o : others) {
        admin.call(
            () -> {
              staff.setEnabled(o, false, "テスト");
              return null;
            });
      }
      assertEquals(
          Refusal.LAST_ADMIN,
          refusal(
              () ->
                  admin.call(
                      () -> {
                        staff.setEnabled(login, false, "テスト");
                        return null;
                      })));
      assertEquals(
          Refusal.LAST_ADMIN,
          refusal(
              () ->
                  admin.call(
                      () -> {
                        staff.setRoles(login, Set.of(Role.CITY_CLERK), "テスト");
                        return null;
                      })));
      assertTrue(view(login).enabled());
    } finally {
      for (String o : others) {
        admin.call(
            () -> {
              staff.setEnabled(o, true, "テスト後に戻す");
              return null;
            });
      }
    }
    // With another administrator back, this one may go.
    admin.call(
        () -> {
          staff.setEnabled(login, false, "テスト");
          return null;
        });
    assertFalse(view(login).enabled());
  }

  @Test
  void onlyTheAdministratorChangesStaffAndMaintenance() {
    assertAccessRefused(() -> auditor.call(() -> staff.list()));
    assertAccessRefused(
        () ->
            clerk.call(
                () ->
                    staff.create("t-x-" + System.nanoTime(), "x", null, Set.of(Role.CITY_CLERK))));
    var start = LocalDateTime.now(PlatformClock.ZONE).plusHours(2).withNano(0);
    var message = new LocalizedName("作業", "Work");
    assertAccessRefused(
        () ->
            auditor.call(
                () -> maintenance.announce(start, start.plusHours(1), message, null, "x")));
    // The auditor reads the list.
    assertTrue(auditor.call(() -> maintenance.upcoming()) != null);
  }

  @Test
  void aNoticeIsCorrectedOrWithdrawnByTheAdministratorOnly() {
    var from = LocalDateTime.now(PlatformClock.ZONE).minusMinutes(1).withNano(0);
    var title = new LocalizedName("告知 " + System.nanoTime(), "Notice");
    var body = new LocalizedName("本文", "Text");
    var n =
        admin.call(() -> notices.publish(Audience.RESIDENT, title, body, from, from.plusDays(1)));
    assertAccessRefused(
        () ->
            auditor.call(
                () -> {
                  notices.withdraw(n.id());
                  return null;
                }));
    // A correction refused (no English title) changes nothing: the notice stays.
    assertEquals(
        Refusal.TEXT_MISSING,
        refusal(
            () ->
                admin.call(
                    () ->
                        notices.revise(
                            n.id(),
                            Audience.RESIDENT,
                            new LocalizedName("訂正", ""),
                            body,
                            from,
                            from.plusDays(1)))));
    assertTrue(shown(n.id()));
    var corrected =
        admin.call(
            () ->
                notices.revise(
                    n.id(),
                    Audience.RESIDENT,
                    new LocalizedName("訂正", "Corrected"),
                    body,
                    from,
                    from.plusDays(1)));
    assertFalse(shown(n.id()));
    assertTrue(shown(corrected.id()));
    admin.call(
        () -> {
          notices.withdraw(corrected.id());
          return null;
        });
    assertFalse(shown(corrected.id()));
    assertEquals(
        Refusal.NOTICE_UNKNOWN,
        refusal(
            () ->
                admin.call(
                    () -> {
                      notices.withdraw(corrected.id());
                      return null;
                    })));
  }

  private boolean shown(long noticeId) {
    return residentNotices.current(Audience.RESIDENT).stream().anyMatch(v -> v.id() == noticeId);
  }

  @Test
  void aWindowIsAnnouncedADayAheadOrSoonerOnlyWithAnAuditedEmergencyReason_R57() {
    var soon = LocalDateTime.now(PlatformClock.ZONE).plusHours(23).withNano(0);
    var message = new LocalizedName("予告テスト", "Notice test");
    long before = db.count("maintenance_window");
    assertEquals(24L, admin.call(() -> maintenance.minimumLead()).toHours());
    assertEquals(
        Refusal.MAINTENANCE_NOTICE_TOO_SHORT,
        refusal(
            () ->
                admin.call(
                    () -> maintenance.announce(soon, soon.plusHours(1), message, null, " "))));
    assertEquals(before, db.count("maintenance_window"));
    // #11 review 2: a reason longer than the audit log keeps (500) is refused, not cut.
    String tooLong = "緊".repeat(501);
    assertEquals(
        Refusal.MAINTENANCE_REASON_TOO_LONG,
        refusal(
            () ->
                admin.call(
                    () -> maintenance.announce(soon, soon.plusHours(1), message, null, tooLong))));
    assertEquals(before, db.count("maintenance_window"));
    String why = "決済基盤の緊急セキュリティ更新 " + System.nanoTime();
    var urgent =
        admin.call(() -> maintenance.announce(soon, soon.plusHours(1), message, null, why));
    assertEquals(
        1L,
        db.count(
            "audit_event WHERE action = 'MAINTENANCE_ANNOUNCED_SHORT_NOTICE' AND reason = '"
                + why
                + "' AND actor = 'test-city_admin' AND detail LIKE 'maintenance window "
                + urgent.id()
                + ",%'"));
    var later = soon.plusHours(2); // 25 h ahead: no reason needed
    var planned =
        admin.call(() -> maintenance.announce(later, later.plusHours(1), message, null, null));
    assertEquals(
        1L,
        db.count(
            "audit_event WHERE action = 'MAINTENANCE_ANNOUNCED' AND detail = 'maintenance window "
                + planned.id()
                + "'"));
    for (long id : new long[] {urgent.id(), planned.id()}) {
      admin.call(
          () -> {
            maintenance.cancel(id);
            return null;
          });
    }
  }

  @Test
  void aCancelledWindowStopsNothingAndLeavesTheBanner_R57() {
    var start = LocalDateTime.now(PlatformClock.ZONE).plusMinutes(5).withNano(0);
    var w =
        admin.call(
            () ->
                maintenance.announce(
                    start,
                    start.plusMinutes(30),
                    new LocalizedName("取消テスト", "Cancel test"),
                    null,
                    "緊急の取消テスト"));
    assertEquals(w.id(), windows.banner().orElseThrow().id());
    assertAccessRefused(
        () ->
            auditor.call(
                () -> {
                  maintenance.cancel(w.id());
                  return null;
                }));
    admin.call(
        () -> {
          maintenance.cancel(w.id());
          return null;
        });
    assertTrue(windows.upcoming().stream().noneMatch(v -> v.id() == w.id()));
    assertTrue(windows.banner().map(b -> b.id() != w.id()).orElse(true));
    assertEquals(
        Refusal.MAINTENANCE_ALREADY_OVER,
        refusal(
            () ->
                admin.call(
                    () -> {
                      maintenance.cancel(w.id());
                      return null;
                    })));
  }
}
