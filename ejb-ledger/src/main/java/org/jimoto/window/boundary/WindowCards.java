package org.jimoto.window.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ChargeRequest;
import org.jimoto.charge.boundary.ChargeService;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.identity.boundary.PasswordHasher;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.IdAllocator;
import org.jimoto.ledger.control.SqlDialect;
import org.jimoto.notification.boundary.PhoneNumber;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.resident.boundary.CardInquiries;
import org.jimoto.resident.boundary.CardSecurityCodes;
import org.jimoto.resident.control.CardMover;
import org.jimoto.resident.entity.CardCode;
import org.jimoto.window.control.LookupThrottle;

/**
 * The window's card operations (#11 item 3) for a card holder standing at the counter. Changes are
 * for clerks and administrators; the auditor may read a card (with a reason) but the container
 * refuses every change to that role ({@code EJBAccessException}). Every method is one transaction;
 * a refusal ({@link RefusedException}, with its {@link Refusal}) rolls it back, audit record
 * included, and changes nothing. The staff member is the caller's login, never a parameter.
 */
@Stateless
@DeclareRoles({StaffRoles.ADMIN, StaffRoles.CLERK, StaffRoles.AUDITOR})
@RolesAllowed({StaffRoles.ADMIN, StaffRoles.CLERK})
public class WindowCards {

  /** The longest reason kept (the audit log's column). */
  static final int MAX_REASON = 500;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Resource SessionContext session;
  @Inject Clock clock;
  @Inject AuditLog audit;
  @Inject PasswordHasher hasher;
  @Inject ChargeService charges;
  @Inject CardMover mover;
  @Inject BalanceQuery balances;
  @Inject LookupThrottle throttle;

  /**
   * How long after a card's issue a repeat of its form is honoured: the double submit
   * of one counter visit, not a later way to renew a card's security code.
   */
  public static final java.time.Duration REPEAT_WINDOW = java.time.Duration.ofMinutes(10);

  /** The card holder's details as read from the identity document. */
  public record CardHolder(
      String name, String nameKana, LocalDate birthDate, String address, String phone) {}

  /**
   * A card just issued: its member code and its security code, to print once; the security
   * code is kept only as a hash.
   */
  public record IssuedCard(long residentId, String memberCode, String securityCode) {}

  /** Where a card stands. */
  public enum CardState {
    IN_USE,
    /** Reported lost; the balance is frozen on it until moved to a replacement. */
    LOST,
    /** Reported lost and its balance moved to {@link CardView#replacedBy}. */
    REPLACED,
    /** Moved into an app account. */
    MOVED_TO_APP,
    DISABLED
  }

  /**
   * A card as the window shows it after the reason was given.
   *
   * @param phone the registered mobile number for the SMS codes, or null
   * @param replacedBy the replacement card's member code, or null
   */
  public record CardView(
      long residentId,
      String memberCode,
      String name,
      String nameKana,
      LocalDate birthDate,
      String address,
      String phone,
      CardState state,
      String replacedBy,
      LocalDate purchasedOn,
      List<BalanceQuery.Balance> balances) {}

  /** A lost card's replacement: the new card and what moved to it. */
  public record Replacement(IssuedCard card, CardMover.Moved moved) {}

  /**
   * issues a card to a person whose identity document the clerk has checked. Records which
   * kind of document was checked and by whom (never its number or image), gives the card a security
   * code, and registers the phone if one is given. Without a form token: for callers
   * that have no form (the page uses {@link #issue(CardHolder, IdDocument, String, String)}).
   */
  public IssuedCard issue(CardHolder holder, IdDocument document, String reason) {
    return issue(holder, document, reason, null);
  }

  /**
   * As {@link #issue(CardHolder, IdDocument, String)}, with the issue form's token as its
   * idempotency key (R-01, #11 finding 8): a repeat of the same form issues no second card but
   * answers the card the first submit issued, with a fresh security code, since the first answer
   * (the only place its code was ever shown) may never have reached the page; the earlier code
   * stops working. Only within {@link #REPEAT_WINDOW} of the issue, by the clerk who issued it, for
   * a card still in use: otherwise, or for another person, the token is refused
   * (IDEMPOTENCY_KEY_REUSED). A repeat sent while the first is still being issued, or while another
   * repeat renews the code, is refused (CARD_ISSUE_REPEATED) and changes nothing.
   */
  public IssuedCard issue(CardHolder holder, IdDocument document, String reason, String formToken) {
    String actor = actor();
    requireReason(reason);
    String token = blank(formToken) ? null : formToken.strip();
    if (token != null && token.length() > 64) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST, "form token");
    }
    try (Connection c = dataSource.getConnection()) {
      if (token != null) {
        IssuedCard earlier = reissueForToken(c, token, holder, actor, reason);
        if (earlier != null) {
          return earlier;
        }
      }
      IssuedCard card;
      try {
        card = insertCard(c, holder, document, null, null, token, actor);
      } catch (SQLException e) {
        if (token != null && formTokenTaken(e)) {
          // The same form's other submit committed its card meanwhile: this one rolls back.
          throw new RefusedException(Refusal.CARD_ISSUE_REPEATED);
        }
        throw e;
      }
      audit.record(
          Portal.ADMIN,
          actor,
          "CARD_ISSUE",
          "card "
              + card.memberCode()
              + " (resident "
              + card.residentId()
              + "), checked "
              + document,
          reason);
      return card;
    } catch (SQLException e) {
      throw new IllegalStateException("card issue failed: " + e.getMessage(), e);
    }
  }

  /**
   * The card a form token already issued, with a fresh security code (audit-logged), or null if the
   * token issued nothing yet. Refused (IDEMPOTENCY_KEY_REUSED) for another holder, another clerk, a
   * card no longer in use or a token older than {@link #REPEAT_WINDOW}: a repeat must not become a
   * way to renew any card's security code (second review of finding 8).
   */
  private IssuedCard reissueForToken(
      Connection c, String token, CardHolder holder, String actor, String reason)
      throws SQLException {
    long id;
    String checkedBy;
    LocalDateTime issuedAt;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT card_resident_id, checked_by, issued_at FROM card_issue WHERE form_token = ?")) {
      ps.setString(1, token);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        id = rs.getLong(1);
        checkedBy = rs.getString(2);
        issuedAt = rs.getTimestamp(3).toLocalDateTime();
      }
    }
    LocalDateTime now = LocalDateTime.now(clock);
    if (!actor.equals(checkedBy) || now.isAfter(issuedAt.plus(REPEAT_WINDOW))) {
      throw new RefusedException(Refusal.IDEMPOTENCY_KEY_REUSED);
    }
    // The hash before the row lock: a parallel repeat that renewed it while this one waited for
    // the lock has answered the form already; this one renews nothing (CARD_ISSUE_REPEATED).
    String hashSeen;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT card_security_hash FROM resident WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        hashSeen = rs.getString(1);
      }
    }
    String memberCode;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT card_member_code, name_kana, birth_date, card_enabled, card_security_hash"
                + " FROM resident WHERE id = ? AND membership = 'CARD' FOR UPDATE")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        boolean same =
            rs.next()
                && rs.getBoolean(4) // IN_USE only: a lost or moved card's code is not renewed
                && holder != null
                && holder.nameKana() != null
                && holder.nameKana().strip().equals(rs.getString(2))
                && rs.getDate(3).toLocalDate().equals(holder.birthDate());
        if (!same) {
          throw new RefusedException(Refusal.IDEMPOTENCY_KEY_REUSED);
        }
        if (!java.util.Objects.equals(hashSeen, rs.getString(5))) {
          throw new RefusedException(Refusal.CARD_ISSUE_REPEATED);
        }
        memberCode = rs.getString(1);
      }
    }
    String securityCode = CardSecurityCodes.newCode();
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE resident SET card_security_hash = ? WHERE id = ?")) {
      ps.setString(1, hasher.hash(securityCode.toCharArray()));
      ps.setLong(2, id);
      ps.executeUpdate();
    }
    audit.record(
        Portal.ADMIN,
        actor,
        "CARD_ISSUE_REPEAT",
        "card "
            + memberCode
            + " (resident "
            + id
            + "): issue form sent again, no second card,"
            + " security code renewed",
        reason);
    return new IssuedCard(id, memberCode, securityCode);
  }

  /**
   * Whether an insert failed on the form token's unique index only (SQLState 23505, index
   * uq_card_issue_form_token): the same form's other submit committed its card. Any other violation
   * (a member code, a key) is a fault, not a repeat.
   */
  public static boolean formTokenTaken(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && "23505".equals(sql.getSQLState())
          && sql.getMessage() != null
          && sql.getMessage()
              .toLowerCase(java.util.Locale.ROOT)
              .contains("uq_card_issue_form_token")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads a card for the window: the holder, its state and balances with their expiry dates.
   * Audit-logged as a view of personal data with its reason, also for the auditor.
   */
  @RolesAllowed({StaffRoles.ADMIN, StaffRoles.CLERK, StaffRoles.AUDITOR})
  public CardView view(String typedCode, String reason) {
    String actor = actor();
    requireReason(reason);
    // Member codes are sequential: a view counts with the searches (finding 5, second review).
    throttle.check(actor, "card view " + clip(typedCode), reason);
    try (Connection c = dataSource.getConnection()) {
      CardView card = card(c, typedCode);
      audit.record(Portal.ADMIN, actor, "CARD_VIEW", "card " + card.memberCode(), reason);
      return card;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** registers (or replaces) the card's mobile phone, for the balance inquiry's SMS codes. */
  public void registerPhone(String typedCode, String typedPhone, String reason) {
    String actor = actor();
    requireReason(reason);
    PhoneNumber phone =
        PhoneNumber.parse(typedPhone)
            .orElseThrow(() -> new RefusedException(Refusal.PHONE_INVALID));
    try (Connection c = dataSource.getConnection()) {
      CardView card = card(c, typedCode);
      if (card.state() != CardState.IN_USE) {
        throw new RefusedException(Refusal.CARD_NOT_USABLE);
      }
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE resident SET phone = ? WHERE id = ?")) {
        ps.setString(1, phone.normalized());
        ps.setLong(2, card.residentId());
        ps.executeUpdate();
      }
      audit.record(
          Portal.ADMIN,
          actor,
          "CARD_PHONE",
          "card " + card.memberCode() + ", phone " + phone.hint(),
          reason);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * cash taken at the window, charged to the card through the WINDOW channel (1,000-yen
   * units, the service's bounds and holding limit, the running campaign's premium). {@code receipt}
   * is the charge's idempotency key: the page makes one per form, so a double submit charges once.
   * A lost card's charge is refused (CARD_LOST); the charge is audit-logged by the ledger
   * ("CASH_CHARGE") in the same transaction.
   */
  public CreditView cashCharge(
      String typedCode, String serviceCode, long amountYen, String receipt, String reason) {
    String actor = actor();
    requireReason(reason);
    long residentId;
    String code;
    try (Connection c = dataSource.getConnection()) {
      CardView card = card(c, typedCode);
      residentId = card.residentId();
      code = card.memberCode();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    // The ledger audit-logs the cash charge (CASH_CHARGE) with this reason in the charge's own
    // transaction, so the money and its record commit together.
    CreditOutcome outcome =
        charges.charge(
            new ChargeRequest(
                residentId, serviceCode, ChargeChannel.WINDOW, amountYen, receipt, actor, reason));
    if (outcome instanceof CreditOutcome.Done done) {
      return done.credit();
    }
    if (outcome instanceof CreditOutcome.Refused refused) {
      throw new RefusedException(refused.refusal(), refused.args());
    }
    throw new IllegalStateException("a window charge is never pending: card " + code);
  }

  /**
   * Stops a card reported lost (紛失): disabled at once, so payments and charges are refused, its
   * balance frozen on it (not forfeited) until {@link #replaceLost} moves it. Under the card's row
   * lock, which charges, grants and moves take too.
   */
  public void reportLost(String typedCode, String reason) {
    String actor = actor();
    requireReason(reason);
    LocalDateTime now = LocalDateTime.now(clock);
    try (Connection c = dataSource.getConnection()) {
      CardView card = card(c, typedCode);
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE resident SET card_enabled = FALSE WHERE id = ? AND membership = 'CARD'"
                  + " AND card_enabled = TRUE")) {
        ps.setLong(1, card.residentId());
        if (ps.executeUpdate() != 1) {
          throw new RefusedException(Refusal.CARD_NOT_USABLE);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO card_loss (card_resident_id, reported_at, reported_by)"
                  + " VALUES (?, ?, ?)")) {
        ps.setLong(1, card.residentId());
        ps.setTimestamp(2, Timestamp.valueOf(now));
        ps.setString(3, actor);
        ps.executeUpdate();
      }
      long frozen = card.balances().stream().mapToLong(BalanceQuery.Balance::balanceYen).sum();
      audit.record(
          Portal.ADMIN,
          actor,
          "CARD_LOST",
          "card " + card.memberCode() + ", balance frozen " + frozen + " yen",
          reason);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Issues a replacement for a lost card, to its holder (whose identity document the clerk checked
   * again, R-92), and moves the lost card's frozen balance to it: one journal entry with the same
   * lots (kind, amount, expiry), as {@link CardMover#replaceLost}. All in one transaction.
   */
  public Replacement replaceLost(String typedLostCode, IdDocument document, String reason) {
    String actor = actor();
    requireReason(reason);
    try (Connection c = dataSource.getConnection()) {
      // #11 finding 2: the lost card's row is locked FIRST, before anything referencing it is
      // inserted. On PostgreSQL the card_issue insert takes a KEY SHARE lock on that row; two
      // replacements holding it would each wait for the other's FOR UPDATE (deadlock, a 500 and a
      // printed security code lost). Now the second waits here, then reads the card replaced.
      lockCard(c, card(c, typedLostCode).residentId());
      CardView lost = card(c, typedLostCode);
      if (lost.state() == CardState.REPLACED) {
        throw new RefusedException(Refusal.CARD_ALREADY_REPLACED, lost.replacedBy());
      }
      if (lost.state() != CardState.LOST) {
        throw new RefusedException(Refusal.CARD_NOT_REPLACEABLE);
      }
      IssuedCard card =
          insertCard(
              c,
              new CardHolder(
                  lost.name(), lost.nameKana(), lost.birthDate(), lost.address(), lost.phone()),
              document,
              lost.residentId(),
              // #11 finding 4, R-11: the holder bought the card once; a campaign counting the
              // charged part from the card's purchase keeps counting from the first purchase.
              lost.purchasedOn(),
              null,
              actor);
      audit.record(
          Portal.ADMIN,
          actor,
          "CARD_ISSUE",
          "card "
              + card.memberCode()
              + " (resident "
              + card.residentId()
              + ") replacing lost card "
              + lost.memberCode()
              + ", checked "
              + document,
          reason);
      CardMover.Moved moved =
          mover.replaceLost(lost.residentId(), card.residentId(), actor, reason);
      return new Replacement(card, moved);
    } catch (SQLException e) {
      throw new IllegalStateException("card replacement failed: " + e.getMessage(), e);
    }
  }

  /**
   * R-84 at the window: the clerk, who has the card in hand and has checked the holder's identity
   * document, moves the card into the holder's own app account (named by its login e-mail). The
   * mover checks it is the same person (kana and date of birth) and disables the card.
   */
  public CardMover.Moved moveToApp(String typedCode, String appLoginEmail, String reason) {
    String actor = actor();
    requireReason(reason);
    long cardId;
    Long appId;
    try (Connection c = dataSource.getConnection()) {
      CardView card = card(c, typedCode);
      if (card.state() != CardState.IN_USE) {
        throw new RefusedException(Refusal.CARD_NOT_USABLE);
      }
      cardId = card.residentId();
      appId = appMember(c, appLoginEmail).orElse(null);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (appId == null) {
      throw new RefusedException(Refusal.UNKNOWN_RESIDENT);
    }
    return mover.move(cardId, appId, actor, Portal.ADMIN, reason);
  }

  // ---------------------------------------------------------------------------------------------

  private String actor() {
    return session.getCallerPrincipal().getName();
  }

  static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new RefusedException(Refusal.REASON_MISSING);
    }
  }

  private IssuedCard insertCard(
      Connection c,
      CardHolder holder,
      IdDocument document,
      Long replaces,
      LocalDate purchasedOn,
      String formToken,
      String actor)
      throws SQLException {
    if (document == null) {
      throw new RefusedException(Refusal.ID_DOCUMENT_MISSING);
    }
    if (holder == null
        || blank(holder.name())
        || blank(holder.nameKana())
        || holder.birthDate() == null
        || blank(holder.address())
        || holder.name().length() > 100
        || holder.nameKana().length() > 100
        || holder.address().length() > 300
        || holder.birthDate().isAfter(LocalDate.now(clock))) {
      throw new RefusedException(Refusal.CARD_HOLDER_INVALID);
    }
    String phone = null;
    if (!blank(holder.phone())) {
      phone =
          PhoneNumber.parse(holder.phone())
              .orElseThrow(() -> new RefusedException(Refusal.PHONE_INVALID))
              .normalized();
    }
    LocalDateTime now = LocalDateTime.now(clock);
    SqlDialect dialect = SqlDialect.of(c);
    String memberCode = freeMemberCode(c, dialect);
    String securityCode = CardSecurityCodes.newCode();
    long id = IdAllocator.next(c, dialect, "resident_seq");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO resident (id, membership, name, name_kana, birth_date, address, phone,"
                + " card_member_code, card_enabled, created_at, card_purchased_on,"
                + " card_security_hash) VALUES (?, 'CARD', ?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, holder.name().strip());
      ps.setString(3, holder.nameKana().strip());
      ps.setDate(4, Date.valueOf(holder.birthDate()));
      ps.setString(5, holder.address().strip());
      ps.setString(6, phone);
      ps.setString(7, memberCode);
      ps.setTimestamp(8, Timestamp.valueOf(now));
      // the card's purchase date; a replacement keeps the lost card's (finding 4)
      ps.setDate(9, Date.valueOf(purchasedOn != null ? purchasedOn : now.toLocalDate()));
      ps.setString(10, hasher.hash(securityCode.toCharArray()));
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO card_issue (card_resident_id, id_document, checked_by, issued_at,"
                + " replaces_resident_id, form_token) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, document.name());
      ps.setString(3, actor);
      ps.setTimestamp(4, Timestamp.valueOf(now));
      if (replaces == null) {
        ps.setNull(5, java.sql.Types.BIGINT);
      } else {
        ps.setLong(5, replaces);
      }
      ps.setString(6, formToken); // the issue form's idempotency key (finding 8)
      ps.executeUpdate();
    }
    return new IssuedCard(id, memberCode, securityCode);
  }

  /**
   * The next serial's member code, skipping a code some card already has (tests and the demo
   * number cards of their own), so the insert never violates the unique key.
   */
  private static String freeMemberCode(Connection c, SqlDialect dialect) throws SQLException {
    for (int attempt = 0; attempt < 100; attempt++) {
      long serial;
      try (PreparedStatement ps = c.prepareStatement(dialect.nextValue("card_serial_seq"));
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        serial = rs.getLong(1);
      }
      String code = CardCode.of((int) serial);
      try (PreparedStatement ps =
          c.prepareStatement("SELECT COUNT(*) FROM resident WHERE card_member_code = ?")) {
        ps.setString(1, code);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getLong(1) == 0) {
            return code;
          }
        }
      }
    }
    throw new IllegalStateException("no free card member code");
  }

  /** A typed value as the audit log's detail quotes it: at most 40 characters. */
  private static String clip(String typed) {
    return typed == null ? "" : typed.length() > 40 ? typed.substring(0, 40) + "…" : typed;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Locks a card's resident row for this transaction (the order: the old card before a new). */
  private static void lockCard(Connection c, long residentId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM resident WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, residentId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    }
  }

  /** The card of a typed member code, or UNKNOWN_RESIDENT (the window may say so plainly). */
  CardView card(Connection c, String typedCode) throws SQLException {
    String code = CardInquiries.memberCode(typedCode);
    if (code == null) {
      throw new RefusedException(Refusal.CARD_CODE_MISTYPED);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.id, r.name, r.name_kana, r.birth_date, r.address, r.phone, r.card_enabled,"
                + " r.card_purchased_on, (SELECT COUNT(*) FROM card_loss k"
                + " WHERE k.card_resident_id = r.id),"
                + " (SELECT n.card_member_code FROM card_loss k JOIN resident n"
                + " ON n.id = k.replaced_by_resident_id WHERE k.card_resident_id = r.id),"
                + " (SELECT COUNT(*) FROM card_migration m WHERE m.card_resident_id = r.id)"
                + " FROM resident r WHERE r.card_member_code = ? AND r.membership = 'CARD'")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new RefusedException(Refusal.UNKNOWN_RESIDENT);
        }
        long id = rs.getLong(1);
        boolean enabled = rs.getBoolean(7);
        boolean lost = rs.getLong(9) > 0;
        String replacedBy = rs.getString(10);
        boolean moved = rs.getLong(11) > 0;
        CardState state =
            enabled
                ? CardState.IN_USE
                : replacedBy != null
                    ? CardState.REPLACED
                    : lost ? CardState.LOST : moved ? CardState.MOVED_TO_APP : CardState.DISABLED;
        Date purchased = rs.getDate(8);
        return new CardView(
            id,
            code,
            rs.getString(2),
            rs.getString(3),
            rs.getDate(4).toLocalDate(),
            rs.getString(5),
            rs.getString(6),
            state,
            replacedBy,
            purchased == null ? null : purchased.toLocalDate(),
            balances.balances(id));
      }
    }
  }

  private static Optional<Long> appMember(Connection c, String email) throws SQLException {
    if (blank(email)) {
      return Optional.empty();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.id FROM user_account u JOIN resident r ON r.id = u.resident_id"
                + " WHERE u.portal = 'RESIDENT' AND LOWER(u.login_name) = ?"
                + " AND r.membership = 'APP'")) {
      ps.setString(1, email.strip().toLowerCase(java.util.Locale.ROOT));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }
}
