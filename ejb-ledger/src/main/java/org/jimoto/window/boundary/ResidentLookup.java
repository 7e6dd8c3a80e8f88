package org.jimoto.window.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.resident.boundary.CardInquiries;

/**
 * The resident lookup (#11 item 5): residents and cards found by member code or by a fragment of
 * the name (kanji or kana), e-mail address or phone number. Personal data is shown only after a
 * reason is given, and every search and every resident viewed is audit-logged with the staff
 * member, the time and the reason. For all three staff roles (the auditor reads).
 */
@Stateless
@DeclareRoles({StaffRoles.ADMIN, StaffRoles.CLERK, StaffRoles.AUDITOR})
@RolesAllowed({StaffRoles.ADMIN, StaffRoles.CLERK, StaffRoles.AUDITOR})
public class ResidentLookup {

  /** A search answers at most this many residents (style guide: a limit on everything). */
  public static final int MAX_RESULTS = 50;

  /** A fragment shorter than this would match half the city. */
  public static final int MIN_FRAGMENT = 2;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Resource SessionContext session;
  @Inject AuditLog audit;
  @Inject BalanceQuery balances;

  /**
   * A resident as the search lists them.
   *
   * @param memberCode the card's member code, or null for an app member
   * @param cardEnabled for a card: whether it is in use; null for an app member
   */
  public record Found(
      long residentId,
      String membership,
      String name,
      String nameKana,
      LocalDate birthDate,
      String email,
      String phone,
      String memberCode,
      Boolean cardEnabled) {}

  /** A resident's details and balances. */
  public record Details(Found resident, String address, List<BalanceQuery.Balance> balances) {}

  /**
   * Residents whose member code is {@code query} or whose name, kana, e-mail or phone contains it,
   * at most {@link #MAX_RESULTS}, by name. Audit-logged with the query and the reason.
   */
  public List<Found> search(String query, String reason) {
    WindowCards.requireReason(reason);
    String q = query == null ? "" : Normalizer.normalize(query, Normalizer.Form.NFKC).strip();
    if (q.length() < MIN_FRAGMENT || q.length() > 100) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST);
    }
    String code = CardInquiries.memberCode(q);
    String like = "%" + escape(q.toLowerCase(Locale.ROOT)) + "%";
    String digits = q.replaceAll("[^0-9]", "");
    boolean byPhone = digits.length() >= 4; // a phone fragment: at least four digits
    List<Found> found = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                SELECT
                    + " WHERE r.card_member_code = ? OR LOWER(r.name) LIKE ? ESCAPE '\\'"
                    + " OR LOWER(r.name_kana) LIKE ? ESCAPE '\\'"
                    + " OR LOWER(r.email) LIKE ? ESCAPE '\\'"
                    + (byPhone ? " OR REPLACE(r.phone, '-', '') LIKE ?" : "")
                    + " ORDER BY r.name_kana, r.id")) {
      ps.setString(1, code == null ? "" : code);
      ps.setString(2, like);
      ps.setString(3, like);
      ps.setString(4, like);
      if (byPhone) {
        ps.setString(5, "%" + digits + "%");
      }
      ps.setMaxRows(MAX_RESULTS);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && found.size() < MAX_RESULTS) {
          found.add(found(rs));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    audit.record(
        Portal.ADMIN,
        actor(),
        "RESIDENT_SEARCH",
        "query \"" + q + "\", " + found.size() + " found",
        reason);
    return found;
  }

  /** One resident's details and balances, audit-logged with the reason. */
  public Details view(long residentId, String reason) {
    WindowCards.requireReason(reason);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + " WHERE r.id = ?")) {
      ps.setLong(1, residentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new RefusedException(Refusal.UNKNOWN_RESIDENT);
        }
        Details details = new Details(found(rs), rs.getString(10), balances.balances(residentId));
        audit.record(Portal.ADMIN, actor(), "RESIDENT_VIEW", "resident " + residentId, reason);
        return details;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String SELECT =
      "SELECT r.id, r.membership, r.name, r.name_kana, r.birth_date, r.email, r.phone,"
          + " r.card_member_code, r.card_enabled, r.address FROM resident r";

  private static Found found(ResultSet rs) throws SQLException {
    boolean card = "CARD".equals(rs.getString(2));
    boolean enabled = rs.getBoolean(9);
    return new Found(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getDate(5).toLocalDate(),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        card ? enabled : null);
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private String actor() {
    return session.getCallerPrincipal().getName();
  }
}
