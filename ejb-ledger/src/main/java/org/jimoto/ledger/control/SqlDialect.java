package org.jimoto.ledger.control;

import java.sql.Connection;
import java.sql.SQLException;

/** The few statements that differ between H2 and PostgreSQL. */
public enum SqlDialect {
  H2 {
    @Override
    public String nextValue(String sequence) {
      return "SELECT NEXT VALUE FOR " + sequence;
    }

    @Override
    public String insertIgnoringDuplicate(String insert) {
      return insert; // single node: a racing duplicate fails on the unique index and is retried
    }

    @Override
    public String updateReturning(String update, String columns) {
      return "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
    }
  },
  POSTGRESQL {
    @Override
    public String nextValue(String sequence) {
      return "SELECT nextval('" + sequence + "')";
    }

    @Override
    public String insertIgnoringDuplicate(String insert) {
      return insert + " ON CONFLICT DO NOTHING";
    }

    @Override
    public String updateReturning(String update, String columns) {
      return update + " RETURNING " + columns;
    }
  };

  public abstract String nextValue(String sequence);

  /** An INSERT that does nothing (and does not abort the transaction) if the row exists. */
  public abstract String insertIgnoringDuplicate(String insert);

  /** An UPDATE that returns the given columns of the rows it changed (a query). */
  public abstract String updateReturning(String update, String columns);

  private static volatile SqlDialect detected;

  /** One database per deployment: detected once. */
  public static SqlDialect of(Connection connection) throws SQLException {
    SqlDialect d = detected;
    if (d == null) {
      String product = connection.getMetaData().getDatabaseProductName();
      d = product.toLowerCase(java.util.Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
      detected = d;
    }
    return d;
  }
}
