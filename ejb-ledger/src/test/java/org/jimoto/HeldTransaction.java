package org.jimoto;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.grant.control.GrantProcessor;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.payment.control.PaymentProcessor;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.resident.control.CardMover;

/**
 * Holds a transaction open between two points of a concurrency test: it does its work, says so,
 * waits to be released, and only then commits. The other transaction under test runs in between.
 */
@Stateless
@TransactionManagement(TransactionManagementType.BEAN)
public class HeldTransaction {

  @Resource UserTransaction tx;
  @Inject PaymentProcessor payments;
  @Inject GrantProcessor grants;
  @Inject CardMover mover;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /** A payment that commits only once {@code release} is counted down. */
  public PaymentView pay(PaymentRequest request, CountDownLatch done, CountDownLatch release)
      throws Exception {
    tx.begin();
    try {
      PaymentView view = payments.pay(request);
      done.countDown();
      await(release);
      tx.commit();
      return view;
    } catch (Exception | Error e) {
      tx.rollback();
      throw e;
    }
  }

  /** A grant that commits only once {@code release} is counted down. */
  public CreditView grant(
      long resident,
      String service,
      long yen,
      LocalDate expires,
      CountDownLatch done,
      CountDownLatch release)
      throws Exception {
    tx.begin();
    try {
      CreditView view = grants.grant(resident, service, yen, expires, "city", "held", false);
      done.countDown();
      await(release);
      tx.commit();
      return view;
    } catch (Exception | Error e) {
      tx.rollback();
      throw e;
    }
  }

  /** A card's move into its owner's app account that commits only once released. */
  public CardMover.Moved move(long card, long app, CountDownLatch done, CountDownLatch release)
      throws Exception {
    tx.begin();
    try {
      CardMover.Moved moved = mover.move(card, app, "held");
      done.countDown();
      await(release);
      tx.commit();
      return moved;
    } catch (Exception | Error e) {
      tx.rollback();
      throw e;
    }
  }

  /** An SQL update (e.g. a settlement close) that commits only once {@code release} is counted. */
  public int update(String sql, CountDownLatch done, CountDownLatch release) throws Exception {
    tx.begin();
    try {
      int n;
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement(sql)) {
        n = ps.executeUpdate();
      }
      done.countDown();
      await(release);
      tx.commit();
      return n;
    } catch (Exception | Error e) {
      tx.rollback();
      throw e;
    }
  }

  private static void await(CountDownLatch release) throws InterruptedException {
    if (!release.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the test never released the held transaction");
    }
  }
}
