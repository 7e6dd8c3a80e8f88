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

  public Object single(String sql) {
    return em.createNativeQuery(sql).getSingleResult();
  }

  @SuppressWarnings("unchecked")
  public List<Object> column(String sql) {
    return em.createNativeQuery(sql).getResultList();
  }
}
