package org.jimoto.resident.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.entity.LotKind;
import org.jimoto.notification.boundary.CodeCheck;
import org.jimoto.notification.boundary.CodeIssue;
import org.jimoto.notification.boundary.CodePurpose;
import org.jimoto.notification.boundary.OneTimeCodes;
import org.jimoto.notification.boundary.PhoneNumber;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.resident.control.CardAttemptLimit;
import org.jimoto.resident.control.CardAttemptLimit.Kind;
import org.jimoto.resident.control.CardMover;
import org.jimoto.resident.control.CardMover.MovedLot;
import org.jimoto.resident.control.CardOwnership;

/**
 * R-84 "only one's own card into one's own app account", for a logged-in app member (#10 item 8).
 * Three conditions, all checked by the ledger: the card's member code and security code (on the
 * card: {@link CardSecurityCodes}); the card and the app account belong to one person — the same
 * name in kana and date of birth ({@link CardOwnership}); and a one-time code sent by SMS to the
 * phone registered for the card at the window. Then {@link CardMover} moves the card's lots with
 * their expiry in one journal entry and disables the card.
 *
 * <p>A wrong member code, a wrong security code and someone else's card get one answer, counted per
 * app member and per card ({@link CardAttemptLimit}); the app member who is the card's owner is
 * then told why a right card cannot move (disabled, no phone, holding limit). A request repeated
 * after the move (a double tap, a reload) answers with that move and moves nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CardMigrations {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject CardSecurityCodes securityCodes;
  @Inject OneTimeCodes codes;
  @Inject CardMover mover;
  @Inject CardAttemptLimit limit;
  @Inject Clock clock;

  /** Why a card cannot move; each has its own message on the page. */
  public enum Reason {
    /** The check digit is wrong: a typing error. */
    MISTYPED,
    /** Unknown card, wrong security code or not the app member's card: one answer. */
    NOT_MATCHED,
    TOO_MANY_ATTEMPTS,
    /** The card is disabled (lost, or moved into another account). */
    CARD_DISABLED,
    /** No mobile phone is registered for the card: the window registers one. */
    NO_PHONE,
    /** The app account cannot take the card's balance. */
    HOLDING_LIMIT,
    /** The SMS code could not be sent now (sent too often). */
    CODE_THROTTLED,
    CODE_WRONG,
    CODE_EXPIRED,
    CODE_TOO_MANY_TRIES,
    /** No code was sent, or it was used already: ask for a new one. */
    NO_CODE,
    /** Only an app member's account can receive a card. */
    NOT_AN_APP_MEMBER
  }

  /** The answer to the first step (member code and security code). */
  public sealed interface Start {
    /**
     * The code went by SMS to the card's phone ({@code phoneHint}: its last four digits); {@code
     * preview} is what would move.
     */
    record CodeSent(String memberCode, String phoneHint, List<MovedLot> preview, long totalYen)
        implements Start {}

    /** This card already moved into this account. */
    record AlreadyMoved(CardMover.Moved moved) implements Start {}

    record Refused(Reason reason, Instant retryAt) implements Start {}
  }

  /** The answer to the second step (the SMS code). */
  public sealed interface Done {
    /** Moved now, or (moved.earlier()) by an earlier request. */
    record Moved(CardMover.Moved moved) implements Done {}

    record Refused(Reason reason) implements Done {}
  }

  /**
   * The first step for the logged-in resident {@code loginName} (the portal's principal, never an
   * id from the page, R-93).
   */
  public Start start(String loginName, String typedCode, String securityCode, Locale locale) {
    Optional<Long> app = residentOf(loginName);
    return app.isEmpty()
        ? refusedStart(Reason.NOT_AN_APP_MEMBER, null)
        : start(app.get(), typedCode, securityCode, locale);
  }

  /** The second step for the logged-in resident {@code loginName}. */
  public Done complete(String loginName, String typedCode, String smsCode) {
    Optional<Long> app = residentOf(loginName);
    return app.isEmpty()
        ? new Done.Refused(Reason.NOT_AN_APP_MEMBER)
        : complete(app.get(), typedCode, smsCode, loginName);
  }

  private Optional<Long> residentOf(String loginName) {
    if (loginName == null) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT resident_id FROM user_account WHERE portal = 'RESIDENT'"
                    + " AND login_name = ? AND enabled = TRUE AND resident_id IS NOT NULL")) {
      ps.setString(1, loginName);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public Start start(long appResidentId, String typedCode, String securityCode, Locale locale) {
    String code = CardInquiries.memberCode(typedCode);
    if (code == null) {
      return refusedStart(Reason.MISTYPED, null);
    }
    String member = String.valueOf(appResidentId);
    Optional<Instant> blocked = limit.blockedUntil(Kind.MIGRATION_FAILURE_PER_MEMBER, member);
    if (blocked.isEmpty()) {
      blocked = limit.blockedUntil(Kind.MIGRATION_FAILURE_PER_CARD, code);
    }
    if (blocked.isPresent()) {
      return refusedStart(Reason.TOO_MANY_ATTEMPTS, blocked.get());
    }
    try (Connection c = dataSource.getConnection()) {
      Person app = person(c, "id = ?", appResidentId);
      if (app == null || !"APP".equals(app.membership)) {
        return refusedStart(Reason.NOT_AN_APP_MEMBER, null);
      }
      Person card = person(c, "card_member_code = ? AND membership = 'CARD'", code);
      // Checked for every code, known or not, so that the time taken tells nothing either.
      boolean codeMatches =
          securityCodes.matches(code, securityCode == null ? null : securityCode.strip());
      boolean matched =
          card != null
              && codeMatches
              && CardOwnership.samePerson(card.kana, card.birthDate, app.kana, app.birthDate);
      if (!matched) {
        limit.take(Kind.MIGRATION_FAILURE_PER_MEMBER, member);
        limit.take(Kind.MIGRATION_FAILURE_PER_CARD, code);
        return refusedStart(Reason.NOT_MATCHED, null);
      }
      Optional<CardMover.Moved> earlier = earlier(c, card.id, appResidentId);
      if (earlier.isPresent()) {
        return new Start.AlreadyMoved(earlier.get());
      }
      if (!card.enabled) {
        return refusedStart(Reason.CARD_DISABLED, null);
      }
      Optional<PhoneNumber> phone = PhoneNumber.parse(card.phone);
      if (phone.isEmpty()) {
        return refusedStart(Reason.NO_PHONE, null);
      }
      List<MovedLot> preview = preview(c, card.id);
      if (exceedsHoldingLimit(c, appResidentId, preview)) {
        return refusedStart(Reason.HOLDING_LIMIT, null);
      }
      CodeIssue issued =
          codes.issue(
              CodePurpose.CARD_MIGRATION, subject(code, appResidentId), phone.get(), locale);
      if (issued instanceof CodeIssue.Throttled t) {
        return refusedStart(Reason.CODE_THROTTLED, t.retryAt());
      }
      long total = preview.stream().mapToLong(MovedLot::amountYen).sum();
      return new Start.CodeSent(code, phone.get().hint(), preview, total);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The second step: the SMS code, then the move. {@code actor} is the app member's login name, for
   * the journal and the audit log.
   */
  public Done complete(long appResidentId, String typedCode, String smsCode, String actor) {
    String code = CardInquiries.memberCode(typedCode);
    if (code == null) {
      return new Done.Refused(Reason.MISTYPED);
    }
    long cardId;
    String cardPhone;
    try (Connection c = dataSource.getConnection()) {
      Person card = person(c, "card_member_code = ? AND membership = 'CARD'", code);
      if (card == null) {
        return new Done.Refused(Reason.NO_CODE); // no code can have been sent for it
      }
      Optional<CardMover.Moved> earlier = earlier(c, card.id, appResidentId);
      if (earlier.isPresent()) {
        return new Done.Moved(earlier.get());
      }
      cardId = card.id;
      cardPhone = card.phone;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    Optional<PhoneNumber> phone = PhoneNumber.parse(cardPhone);
    if (phone.isEmpty()) {
      return new Done.Refused(Reason.NO_PHONE);
    }
    // The code was sent only after the first step's checks, for this card and this member, to the
    // card's phone; it must still be that phone (the window may have changed it since).
    CodeCheck check =
        codes.checkSentTo(
            CodePurpose.CARD_MIGRATION, subject(code, appResidentId), phone.get(), smsCode);
    switch (check) {
      case VALID -> {}
      case WRONG -> {
        return new Done.Refused(Reason.CODE_WRONG);
      }
      case EXPIRED -> {
        return new Done.Refused(Reason.CODE_EXPIRED);
      }
      case TOO_MANY_TRIES -> {
        return new Done.Refused(Reason.CODE_TOO_MANY_TRIES);
      }
      case NO_CODE -> {
        return new Done.Refused(Reason.NO_CODE);
      }
    }
    try {
      // The mover checks ownership and the card's state again, under the card's row lock.
      return new Done.Moved(mover.move(cardId, appResidentId, actor));
    } catch (RefusedException e) {
      return new Done.Refused(
          switch (e.refusal()) {
            case CARD_DISABLED -> Reason.CARD_DISABLED;
            case HOLDING_LIMIT_EXCEEDED -> Reason.HOLDING_LIMIT;
            default -> Reason.NOT_MATCHED;
          });
    }
  }

  /** One code per card and app member: a code asked for by one member does not serve another. */
  static String subject(String memberCode, long appResidentId) {
    return "card:" + memberCode + ":app:" + appResidentId;
  }

  private Start refusedStart(Reason reason, Instant retryAt) {
    return new Start.Refused(reason, retryAt);
  }

  private record Person(
      long id,
      String membership,
      String kana,
      LocalDate birthDate,
      String phone,
      boolean enabled) {}

  private static Person person(Connection c, String condition, Object key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, membership, name_kana, birth_date, phone, card_enabled FROM resident WHERE "
                + condition)) {
      ps.setObject(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new Person(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getDate(4).toLocalDate(),
            rs.getString(5),
            rs.getBoolean(6));
      }
    }
  }

  private Optional<CardMover.Moved> earlier(Connection c, long cardId, long appResidentId)
      throws SQLException {
    long entry;
    long total;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT entry_id, moved_yen FROM card_migration WHERE card_resident_id = ?"
                + " AND app_resident_id = ?")) {
      ps.setLong(1, cardId);
      ps.setLong(2, appResidentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        entry = rs.getLong(1);
        total = rs.getLong(2);
      }
    }
    return Optional.of(new CardMover.Moved(entry, total, CardMover.lotsOf(c, entry), true));
  }

  /** The card's spendable lots, as they would move today. */
  private List<MovedLot> preview(Connection c, long cardId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT v.code, l.kind, l.remaining_yen, l.expires_on FROM value_lot l"
                + " JOIN account a ON a.id = l.account_id JOIN value_service v ON v.id = a.service_id"
                + " WHERE a.resident_id = ? AND a.kind = 'WALLET' AND l.remaining_yen > 0"
                + " AND l.expires_on >= ? ORDER BY v.id, l.expires_on, l.id")) {
      ps.setLong(1, cardId);
      ps.setDate(2, Date.valueOf(LocalDate.now(clock)));
      List<MovedLot> lots = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lots.add(
              new MovedLot(
                  rs.getString(1),
                  LotKind.valueOf(rs.getString(2)),
                  rs.getLong(3),
                  rs.getDate(4).toLocalDate()));
        }
      }
      return lots;
    }
  }

  /** R-14, checked before a code is sent; the move checks it again under the wallet's lock. */
  private static boolean exceedsHoldingLimit(
      Connection c, long appResidentId, List<MovedLot> preview) throws SQLException {
    for (String service : preview.stream().map(MovedLot::serviceCode).distinct().toList()) {
      long moving =
          preview.stream()
              .filter(l -> l.serviceCode().equals(service))
              .mapToLong(MovedLot::amountYen)
              .sum();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT v.holding_limit_yen, COALESCE((SELECT w.balance_yen FROM account a"
                  + " JOIN wallet w ON w.account_id = a.id WHERE a.resident_id = ?"
                  + " AND a.service_id = v.id AND a.kind = 'WALLET'), 0)"
                  + " FROM value_service v WHERE v.code = ?")) {
        ps.setLong(1, appResidentId);
        ps.setString(2, service);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            long limitYen = rs.getLong(1);
            if (!rs.wasNull() && rs.getLong(2) + moving > limitYen) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}
