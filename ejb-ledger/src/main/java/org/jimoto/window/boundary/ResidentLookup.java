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
import org.jimoto.window.control.LookupThrottle;

/**
 * The resident lookup (#11 item 5): residents and cards found by member code, phone number or
 * e-mail address (exactly) or by a fragment of the name (kanji or kana, finding 5). Personal data
 * is shown only after a reason is given, and every search and every resident viewed is audit-logged
 * with the staff member, the time and the reason (R-94). For all three staff roles (the auditor
 * reads).
 */
@Stateless
@DeclareRoles({StaffRoles.ADMIN, StaffRoles.CLERK, StaffRoles.AUDITOR})
@RolesAllowed({StaffRoles.ADMIN, StaffRoles.CLERK, StaffRoles.AUDITOR})
public class ResidentLookup {

  /**
   * A search answers at most this many residents (#11 finding 5: a page of the city's residents is
   * not a lookup; a holder at the counter is found by a few more letters).
   */
  public static final int MAX_RESULTS = 20;

  /** A name fragment shorter than this (spaces not counted) would match half the city. */
  public static final int MIN_FRAGMENT = 3;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Resource SessionContext session;
  @Inject AuditLog audit;
  @Inject BalanceQuery balances;
  @Inject LookupThrottle throttle;

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
   * Residents found by an exact member code, an exact phone number (digits; hyphens ignored) or an
   * exact e-mail address, or whose name or kana contains a fragment of at least {@link
   * #MIN_FRAGMENT} characters; at most {@link #MAX_RESULTS}, by kana. Audit-logged with the query,
   * the reason and the ids of the residents shown (R-94). Searches and views together are limited
   * per staff login ({@link LookupThrottle}, #11 finding 5).
   *
   * @throws RefusedException SEARCH_TOO_BROAD for a shorter fragment or a partial number or
   *     address; SEARCH_TOO_MANY when more than {@link #MAX_RESULTS} match (nobody is shown: the
   *     clerk adds letters); SEARCH_TOO_FREQUENT when the login searched and viewed too often
   */
  public List<Found> search(String query, String reason) {
    WindowCards.requireReason(reason);
    String q = query == null ? "" : Normalizer.normalize(query, Normalizer.Form.NFKC).strip();
    if (q.length() > 100) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST, "query");
    }
    String where;
    List<String> args = new ArrayList<>();
    String digits = q.replaceAll("[\\s\\-]", "");
    String letters = q.replaceAll("\\s", "");
    if (q.contains("@")) {
      where = " WHERE LOWER(r.email) = ?";
      args.add(q.toLowerCase(Locale.ROOT));
    } else if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
      String code = CardInquiries.memberCode(q);
      if (code != null) {
        where = " WHERE r.card_member_code = ?";
        args.add(code);
      } else if (digits.length() >= 10 && digits.length() <= 11) {
        where = " WHERE REPLACE(r.phone, '-', '') = ?";
        args.add(digits);
      } else {
        throw new RefusedException(Refusal.SEARCH_TOO_BROAD, MIN_FRAGMENT);
      }
    } else if (letters.codePointCount(0, letters.length()) >= MIN_FRAGMENT) {
      String like = "%" + escape(q.toLowerCase(Locale.ROOT)) + "%";
      where = " WHERE LOWER(r.name) LIKE ? ESCAPE '\\' OR LOWER(r.name_kana) LIKE ? ESCAPE '\\'";
      args.add(like);
      args.add(like);
    } else {
      throw new RefusedException(Refusal.SEARCH_TOO_BROAD, MIN_FRAGMENT);
    }
    String actor = actor();
    throttle.check(actor, "search \"" + q + "\"", reason);
    List<Found> found = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + where + " ORDER BY r.name_kana, r.id")) {
      for (int i = 0; i < args.size(); i++) {
        ps.setString(i + 1, args.get(i));
      }
      // One row more than shown tells "more than 20 match" (second review of finding 5).
      ps.setMaxRows(MAX_RESULTS + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && found.size() <= MAX_RESULTS) {
          found.add(found(rs));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (found.size() > MAX_RESULTS) {
      // A page of arbitrary matches is not a lookup: nobody is shown, the clerk refines.
      throw new RefusedException(Refusal.SEARCH_TOO_MANY, MAX_RESULTS);
    }
    // R-94: who was shown, not only what was asked.
    String shown =
        found.stream()
            .map(f -> String.valueOf(f.residentId()))
            .collect(java.util.stream.Collectors.joining(","));
    audit.record(
        Portal.ADMIN,
        actor,
        "RESIDENT_SEARCH",
        "query \"" + q + "\", " + found.size() + " found, residents [" + shown + "]",
        reason);
    return found;
  }

  /** One resident's details and balances, audit-logged with the reason (R-94). */
  public Details view(long residentId, String reason) {
    WindowCards.requireReason(reason);
    String actor = actor();
    // Ids are sequential: views count against the same limit as searches (finding 5, review 2).
    throttle.check(actor, "resident " + residentId, reason);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT + " WHERE r.id = ?")) {
      ps.setLong(1, residentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new RefusedException(Refusal.UNKNOWN_RESIDENT);
        }
        Details details = new Details(found(rs), rs.getString(10), balances.balances(residentId));
        audit.record(Portal.ADMIN, actor, "RESIDENT_VIEW", "resident " + residentId, reason);
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
