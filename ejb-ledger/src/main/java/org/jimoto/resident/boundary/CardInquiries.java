package org.jimoto.resident.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.ledger.boundary.BalanceQuery.Balance;
import org.jimoto.notification.boundary.CodeCheck;
import org.jimoto.notification.boundary.CodePurpose;
import org.jimoto.notification.boundary.OneTimeCodes;
import org.jimoto.notification.boundary.PhoneNumber;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.resident.control.CardAttemptLimit;
import org.jimoto.resident.control.CardAttemptLimit.Kind;

/**
 * The public card balance inquiry (R-85, #10 item 8): the 8-digit member code, then the one-time
 * code sent by SMS to the phone registered at the window, then the balance, its expiry breakdown
 * and the card's recent use.
 *
 * <p>No enumeration: asking for a code gets the same answer for a real card with a phone, a real
 * card without one and a code no card has (only the check digit, public arithmetic, is judged on
 * sight); every wrong, expired, used-up or never-sent code gets one answer too. Asking is limited
 * per member code and per client address, typing per client address ({@link CardAttemptLimit}), on
 * top of the one-time codes' own limits (5 tries, resend spacing).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CardInquiries {

  /** How many recent operations the statement lists. */
  public static final int RECENT = 10;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject OneTimeCodes codes;
  @Inject BalanceQuery balances;
  @Inject CardAttemptLimit limit;

  /** The answer to asking for a code. */
  public sealed interface CodeRequest {
    /** "If this card has a phone registered at the window, a code went to it." */
    record Accepted() implements CodeRequest {}

    /** The check digit is wrong: a typing error. */
    record Mistyped() implements CodeRequest {}

    /** Asked too often; may ask again at {@code retryAt}. */
    record Throttled(Instant retryAt) implements CodeRequest {}
  }

  /** The answer to typing the code. */
  public sealed interface Answer {
    record Shown(Statement statement) implements Answer {}

    /** Wrong, expired, used up or never sent: one answer for all (ask for a new code). */
    record CodeNotValid() implements Answer {}

    record Mistyped() implements Answer {}

    record Throttled(Instant retryAt) implements Answer {}
  }

  /** A service's name in both languages. */
  public record ServiceName(
      String code, String nameJa, String nameEn, String unitJa, String unitEn) {}

  /** One recent operation: when, what, where, how much, in or out, and the balance after. */
  public record Recent(
      LocalDateTime at,
      String operation,
      ServiceName service,
      String shopNameJa,
      String shopNameEn,
      long amountYen,
      boolean credit,
      Long balanceAfterYen) {}

  /** What the card holds, by service with its lots (earliest expiry first), and its recent use. */
  public record Statement(
      String memberCode,
      boolean enabled,
      List<Balance> balances,
      List<ServiceName> services,
      List<Recent> recent) {}

  public CodeRequest requestCode(String typedCode, String clientAddress, Locale locale) {
    String code = memberCode(typedCode);
    if (code == null) {
      return new CodeRequest.Mistyped();
    }
    Optional<Instant> blocked = limit.take(Kind.INQUIRY_CODE_PER_ADDRESS, clientAddress);
    if (blocked.isEmpty()) {
      blocked = limit.take(Kind.INQUIRY_CODE_PER_CARD, code);
    }
    if (blocked.isPresent()) {
      return new CodeRequest.Throttled(blocked.get());
    }
    Optional<PhoneNumber> phone = registeredPhone(code);
    if (phone.isPresent()) {
      // The phone's own limit (all purposes) may hold the code back; the answer stays the same,
      // since only a real card with a phone can reach that limit (no member-code enumeration).
      codes.issue(CodePurpose.CARD_INQUIRY, subject(code), phone.get(), locale);
    }
    return new CodeRequest.Accepted();
  }

  public Answer statement(String typedCode, String typedOneTimeCode, String clientAddress) {
    String code = memberCode(typedCode);
    if (code == null) {
      return new Answer.Mistyped();
    }
    Optional<Instant> blocked = limit.take(Kind.INQUIRY_CHECK_PER_ADDRESS, clientAddress);
    if (blocked.isPresent()) {
      return new Answer.Throttled(blocked.get());
    }
    CodeCheck check = codes.check(CodePurpose.CARD_INQUIRY, subject(code), typedOneTimeCode);
    if (check != CodeCheck.VALID) {
      return new Answer.CodeNotValid();
    }
    try (Connection c = dataSource.getConnection()) {
      long[] card = card(c, code);
      if (card == null) {
        return new Answer.CodeNotValid(); // a code went out: the card existed a moment ago
      }
      return new Answer.Shown(
          new Statement(
              code, card[1] == 1, balances.balances(card[0]), services(c), recent(c, card[0])));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The member code in what was typed (full-width digits, spaces and hyphens allowed), or null. */
  public static String memberCode(String typed) {
    if (typed == null) {
      return null;
    }
    String s =
        java.text.Normalizer.normalize(typed, java.text.Normalizer.Form.NFKC)
            .replaceAll("[\\s\\-‐－ー]", "");
    return org.jimoto.resident.entity.CardCode.isValid(s) ? s : null;
  }

  static String subject(String memberCode) {
    return "card:" + memberCode;
  }

  private Optional<PhoneNumber> registeredPhone(String code) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT phone FROM resident WHERE card_member_code = ? AND membership = 'CARD'")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? PhoneNumber.parse(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {resident id, 1 if enabled}, or null. */
  private static long[] card(Connection c, String code) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, card_enabled FROM resident WHERE card_member_code = ?"
                + " AND membership = 'CARD'")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0} : null;
      }
    }
  }

  private static List<ServiceName> services(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT code, name_ja, name_en, unit_ja, unit_en FROM value_service ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      List<ServiceName> list = new ArrayList<>();
      while (rs.next()) {
        list.add(
            new ServiceName(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5)));
      }
      return list;
    }
  }

  private static List<Recent> recent(Connection c, long residentId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.created_at, t.operation, v.code, v.name_ja, v.name_en, v.unit_ja, v.unit_en,"
                + " s.name, s.name_en, t.amount_yen, t.wallet_before_yen, t.wallet_after_yen"
                + " FROM transfer t JOIN value_service v ON v.id = t.service_id"
                + " LEFT JOIN shop s ON s.id = t.shop_id WHERE t.resident_id = ?"
                + " ORDER BY t.created_at DESC, t.id DESC FETCH FIRST "
                + RECENT
                + " ROWS ONLY")) {
      ps.setLong(1, residentId);
      List<Recent> list = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long before = rs.getLong(11);
          boolean hasBefore = !rs.wasNull();
          long after = rs.getLong(12);
          boolean hasAfter = !rs.wasNull();
          list.add(
              new Recent(
                  rs.getTimestamp(1).toLocalDateTime(),
                  rs.getString(2),
                  new ServiceName(
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7)),
                  rs.getString(8),
                  rs.getString(9),
                  rs.getLong(10),
                  hasBefore && hasAfter && after > before,
                  hasAfter ? after : null));
        }
      }
      return list;
    }
  }
}
