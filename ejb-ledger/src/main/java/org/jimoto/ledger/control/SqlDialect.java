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
  };

  public abstract String nextValue(String sequence);

  /** An INSERT that does nothing (and does not abort the transaction) if the row exists. */
  public abstract String insertIgnoringDuplicate(String insert);

  public static SqlDialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    return product.toLowerCase(java.util.Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
  }
}
