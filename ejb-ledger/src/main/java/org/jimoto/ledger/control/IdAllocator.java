package org.jimoto.ledger.control;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out ids from the database sequences in blocks of 50, the same way EclipseLink does (a
 * sequence value v reserves v-49..v), so JDBC and JPA writers of one table never collide and a
 * cluster of nodes never hands out the same id.
 */
public final class IdAllocator {

  private static final int BLOCK = 50;
  private static final Map<String, Block> BLOCKS = new ConcurrentHashMap<>();

  private IdAllocator() {}

  private static final class Block {
    private long next;
    private long last = -1;

    synchronized long take(Connection c, SqlDialect dialect, String sequence) throws SQLException {
      if (next > last) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(dialect.nextValue(sequence))) {
          rs.next();
          last = rs.getLong(1);
          next = last - BLOCK + 1;
        }
      }
      return next++;
    }
  }

  public static long next(Connection c, SqlDialect dialect, String sequence) throws SQLException {
    return BLOCKS.computeIfAbsent(sequence, s -> new Block()).take(c, dialect, sequence);
  }
}
