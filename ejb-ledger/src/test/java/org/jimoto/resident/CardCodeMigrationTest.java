package org.jimoto.resident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.jimoto.resident.entity.CardCode;
import org.junit.jupiter.api.Test;

/**
 * V6 renumbers card codes issued before check digits (R-01, #8 finding 5), on H2 and, when {@code
 * JIMOTO_DB_URL} names one, on PostgreSQL (in a schema of its own, dropped afterwards).
 */
class CardCodeMigrationTest {

  private static final String SCHEMA = "card_code_migration_check";

  @Test
  void codesWithoutAValidCheckDigitAreRenumberedAndStayUnique_R01() throws Exception {
    String env = System.getenv("JIMOTO_DB_URL");
    boolean postgres = env != null && env.startsWith("jdbc:postgresql");
    String url =
        postgres
            ? env + (env.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA
            : "jdbc:h2:mem:card_code_migration;MODE=LEGACY;DB_CLOSE_DELAY=-1";
    String user = postgres ? System.getenv("JIMOTO_DB_USER") : "sa";
    String password = postgres ? System.getenv("JIMOTO_DB_PASSWORD") : "";
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement st = c.createStatement()) {
      if (postgres) {
        st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
      migrate(url, user, password, "5");
      insertCard(st, 1, "12345678"); // the old demo card: keeps its serial -> 12345674
      insertCard(st, 2, "12345679"); // same serial, younger: a new serial
      insertCard(st, 3, "70000013"); // valid: kept as it is
      insertCard(st, 4, "70000010"); // its code with a check digit is card 3's: a new serial
      insertCard(st, 5, "80000005"); // the highest serial: kept, and new serials follow it
      st.execute(
          "INSERT INTO resident (id, membership, name, name_kana, birth_date, address,"
              + " created_at) VALUES (6, 'APP', 'a', 'a', DATE '1990-01-01', 'x',"
              + " CURRENT_TIMESTAMP)");
      migrate(url, user, password, "latest");

      Map<Long, String> codes = new HashMap<>();
      try (ResultSet rs =
          st.executeQuery("SELECT id, card_member_code FROM resident WHERE id <= 6 ORDER BY id")) {
        while (rs.next()) {
          codes.put(rs.getLong(1), rs.getString(2));
        }
      }
      assertEquals("12345674", codes.get(1L));
      assertEquals("70000013", codes.get(3L));
      assertEquals(null, codes.get(6L), "an app member has no card");
      assertEquals(CardCode.of(8_000_000), codes.get(5L), "80000005 -> its serial's code");
      assertEquals(CardCode.of(8_000_001), codes.get(2L));
      assertEquals(CardCode.of(8_000_002), codes.get(4L));
      for (long id = 1; id <= 5; id++) {
        assertTrue(CardCode.isValid(codes.get(id)), codes.get(id));
      }
      assertEquals(5, new HashSet<>(codes.values()).stream().filter(Objects::nonNull).count());
      // The old numbers are on cards in residents' hands: each change is kept.
      Map<Long, String> changes = new HashMap<>();
      try (ResultSet rs =
          st.executeQuery("SELECT resident_id, old_code, new_code FROM card_code_change")) {
        while (rs.next()) {
          changes.put(rs.getLong(1), rs.getString(2) + "->" + rs.getString(3));
        }
      }
      assertEquals(
          Map.of(
              1L, "12345678->12345674",
              2L, "12345679->" + codes.get(2L),
              4L, "70000010->" + codes.get(4L),
              5L, "80000005->" + codes.get(5L)),
          changes);
    } finally {
      if (postgres) {
        try (Connection c = DriverManager.getConnection(env, user, password);
            Statement st = c.createStatement()) {
          st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
      }
    }
  }

  @Test
  void aNewSerialPastTheLastOneFailsTheMigrationInsteadOfBeingCutShort() throws Exception {
    String url = "jdbc:h2:mem:card_code_overflow;MODE=LEGACY;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement()) {
      migrate(url, "sa", "", "5");
      insertCard(st, 1, CardCode.of(9_999_999)); // valid: the highest serial there can be
      insertCard(st, 2, "99999990"); // invalid, and its serial's code is taken: needs 10000000
      assertThrows(
          org.flywaydb.core.api.FlywayException.class, () -> migrate(url, "sa", "", "latest"));
      try (ResultSet rs = st.executeQuery("SELECT card_member_code FROM resident WHERE id = 2")) {
        rs.next();
        assertEquals("99999990", rs.getString(1), "nothing renumbered");
      }
    }
  }

  private static void migrate(String url, String user, String password, String target) {
    Flyway.configure()
        .dataSource(url, user, password)
        .schemas(url.startsWith("jdbc:postgresql") ? new String[] {SCHEMA} : new String[0])
        .locations(
            "filesystem:" + Objects.requireNonNull(System.getProperty("jimoto.migrations.dir")))
        .target(target)
        .load()
        .migrate();
  }

  private static void insertCard(Statement st, long id, String code) throws Exception {
    st.execute(
        "INSERT INTO resident (id, membership, name, name_kana, birth_date, address,"
            + " card_member_code, card_enabled, created_at) VALUES ("
            + id
            + ", 'CARD', 'c', 'c', DATE '1950-01-01', 'x', '"
            + code
            + "', TRUE, CURRENT_TIMESTAMP)");
  }
}
