package org.jimoto.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestQueries;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.notice.boundary.MaintenanceWindows;
import org.jimoto.notice.boundary.Notices;
import org.jimoto.notice.control.MaintenanceScheduler;
import org.jimoto.notice.control.MaintenanceSnapshot;
import org.jimoto.notice.entity.Audience;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.platform.control.PlatformClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * #10 item 2, R-57: notices per audience and period; maintenance windows announced ahead (the
 * cluster bound) with their message in both languages, and the banner every portal shows.
 */
@ExtendWith(ArquillianExtension.class)
class NoticesIntegrationTest {

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class, LedgerFixtures.class);
  }

  @Inject DemoData demoData;
  @Inject TestQueries db;
  @Inject Notices notices;
  @Inject MaintenanceWindows windows;
  @Inject MaintenanceScheduler scheduler;
  @Resource UserTransaction utx;

  @Resource(lookup = "java:appserver/TransactionManager")
  TransactionManager tm;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @BeforeEach
  void demoCity() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(PlatformClock.ZONE).withNano(0);
  }

  private static Refusal refusal(Runnable r) {
    return assertThrows(RefusedException.class, r::run).refusal();
  }

  @Test
  void aNoticeIsShownToItsAudienceDuringItsPeriod() {
    var text = new LocalizedName("テスト告知 " + System.nanoTime(), "Test notice");
    var body = new LocalizedName("本文", "Text");
    var shown =
        notices.publish(Audience.RESIDENT, text, body, now().minusHours(1), now().plusDays(1), "t");
    var later =
        notices.publish(Audience.RESIDENT, text, body, now().plusDays(1), now().plusDays(2), "t");
    var merchants =
        notices.publish(Audience.MERCHANT, text, body, now().minusHours(1), now().plusDays(1), "t");
    var residents = notices.current(Audience.RESIDENT).stream().map(Notices.View::id).toList();
    assertTrue(residents.contains(shown.id()));
    assertFalse(residents.contains(later.id()));
    assertFalse(residents.contains(merchants.id()));
    assertTrue(notices.current(Audience.MERCHANT).stream().anyMatch(n -> n.id() == merchants.id()));

    long before = db.count("notice");
    assertEquals(
        Refusal.TEXT_MISSING,
        refusal(
            () ->
                notices.publish(
                    Audience.RESIDENT,
                    new LocalizedName("題", " "),
                    body,
                    now(),
                    now().plusDays(1),
                    "t")));
    assertEquals(
        Refusal.PERIOD_INVALID,
        refusal(() -> notices.publish(Audience.RESIDENT, text, body, now(), now(), "t")));
    assertEquals(before, db.count("notice"));
  }

  @Test
  void aWindowMustBeAnnouncedAheadOfTheSnapshotReload_R57() {
    var message = new LocalizedName("作業中", "Working");
    long before = db.count("maintenance_window");
    // Sooner than twice the 30 s reload of each node's snapshot: another node might not know it.
    assertEquals(
        Refusal.MAINTENANCE_NOT_AHEAD,
        refusal(
            () ->
                scheduler.announce(
                    now().plusSeconds(30), now().plusHours(1), message, null, "緊急でも", "t")));
    assertEquals(
        Refusal.PERIOD_INVALID,
        refusal(
            () ->
                scheduler.announce(
                    now().plusHours(2), now().plusHours(1), message, null, "x", "t")));
    assertEquals(
        Refusal.TEXT_MISSING,
        refusal(
            () ->
                scheduler.announce(
                    now().plusHours(1),
                    now().plusHours(2),
                    new LocalizedName("作業中", ""),
                    null,
                    "x",
                    "t")));
    assertEquals(before, db.count("maintenance_window"));

    // The demo announced a night window three days ahead; one tomorrow comes first in the banner.
    var tomorrow = now().plusDays(1).plusMinutes(5); // past the 24 h notice
    var announced = scheduler.announce(tomorrow, tomorrow.plusHours(1), message, "note", null, "t");
    assertFalse(announced.inForce());
    var banner = windows.banner().orElseThrow();
    assertEquals(announced.id(), banner.id());
    assertEquals("Working", banner.message().en());
    assertTrue(windows.upcoming().stream().anyMatch(w -> w.id() == announced.id()));
  }

  /**
   * the snapshot is dropped after the commit, not before it. A request on this node reading
   * the windows while the announcing transaction is still open must not leave this node without the
   * new window for RELOAD_MILLIS.
   */
  @Test
  void aWindowReadBeforeItsCommitIsStillSeenAtOnceAfterIt_R57() throws Exception {
    var start = now().plusDays(2);
    var message = new LocalizedName("作業中", "Working");
    utx.begin();
    long id;
    try {
      id = scheduler.announce(start, start.plusHours(1), message, null, null, "t").id();
      Transaction open = tm.suspend();
      try (Connection c = dataSource.getConnection()) {
        // Another request, outside the transaction: the window is not committed yet.
        assertFalse(MaintenanceSnapshot.windows(c, now()).stream().anyMatch(w -> w.id() == id));
      } finally {
        tm.resume(open);
      }
      utx.commit();
    } catch (Exception | Error e) {
      if (utx.getStatus() != jakarta.transaction.Status.STATUS_NO_TRANSACTION) {
        utx.rollback();
      }
      throw e;
    }
    try (Connection c = dataSource.getConnection()) {
      assertTrue(MaintenanceSnapshot.windows(c, now()).stream().anyMatch(w -> w.id() == id));
    }
  }
}
