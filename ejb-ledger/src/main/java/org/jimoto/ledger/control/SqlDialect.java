package org.jimoto.ledger.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
      return insert;
    }

    /**
     * H2 has no ON CONFLICT outside its PostgreSQL mode. A racing duplicate waits for the other
     * transaction and then fails on the unique index; unlike PostgreSQL, H2 keeps the transaction
     * usable after a failed statement, and the row the other transaction committed is then visible.
     */
    @Override
    public int executeIgnoringDuplicate(PreparedStatement insert) throws SQLException {
      try {
        return insert.executeUpdate();
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          return 0;
        }
        throw e;
      }
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

    /** Does not block inserts that reference the row (a key share lock), unlike FOR UPDATE. */
    @Override
    public String forNoKeyUpdate() {
      return " FOR NO KEY UPDATE";
    }
  };

  /** SQLSTATE of a unique-constraint violation, on both databases. */
  public static final String UNIQUE_VIOLATION = "23505";

  public abstract String nextValue(String sequence);

  /**
   * An INSERT that does nothing (and does not abort the transaction) if the row exists; run it with
   * {@link #executeIgnoringDuplicate}.
   */
  public abstract String insertIgnoringDuplicate(String insert);

  /**
   * Runs an {@link #insertIgnoringDuplicate} statement: 1 if it inserted, 0 if the row existed,
   * also when another transaction inserted it concurrently (its row is visible afterwards).
   */
  public int executeIgnoringDuplicate(PreparedStatement insert) throws SQLException {
    return insert.executeUpdate();
  }

  /** An UPDATE that returns the given columns of the rows it changed (a query). */
  public abstract String updateReturning(String update, String columns);

  /**
   * The row lock for a SELECT that is followed by an update of non-key columns only: PostgreSQL's
   * FOR NO KEY UPDATE, so that rows referencing it can still be inserted; H2 has only FOR UPDATE.
   */
  public String forNoKeyUpdate() {
    return " FOR UPDATE";
  }

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
