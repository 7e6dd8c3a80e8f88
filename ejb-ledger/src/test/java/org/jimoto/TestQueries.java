package org.jimoto;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Reads the database directly, so tests check what was really stored. */
@Stateless
public class TestQueries {

  @PersistenceContext EntityManager em;

  public long count(String table) {
    return ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult())
        .longValue();
  }

  public int update(String sql) {
    return em.createNativeQuery(sql).executeUpdate();
  }

  public Object single(String sql) {
    return em.createNativeQuery(sql).getSingleResult();
  }

  /**
   * Waits until some transaction waits for a row lock another one holds (so a concurrency test
   * knows its second transaction really is blocked, rather than sleeping and hoping), at most
   * {@code timeoutMillis}. Outside a transaction, so that each look sees the current time (H2 keeps
   * CURRENT_TIMESTAMP fixed within a transaction).
   *
   * @return false if none was seen waiting in that time
   */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
  public boolean awaitLockWaiter(long timeoutMillis) throws InterruptedException {
    boolean postgres = String.valueOf(System.getenv("JIMOTO_DB_URL")).startsWith("jdbc:postgresql");
    String sql =
        postgres
            ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND datname = current_database()"
            // H2 names the blocker of a row lock, but not of a wait on a unique index: there the
            // waiting session is seen executing one statement for longer than it ever takes.
            : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()"
                + " AND (BLOCKER_ID IS NOT NULL OR (EXECUTING_STATEMENT IS NOT NULL AND"
                + " EXECUTING_STATEMENT_START < DATEADD('MILLISECOND', -300, CURRENT_TIMESTAMP)))";
    long until = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < until) {
      if (((Number) em.createNativeQuery(sql).getSingleResult()).longValue() > 0) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  public List<Object> column(String sql) {
    return em.createNativeQuery(sql).getResultList();
  }
}
