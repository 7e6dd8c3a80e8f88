package org.jimoto.payment.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.merchant.boundary.MerchantScope;
import org.jimoto.merchant.boundary.MerchantScopes;
import org.jimoto.merchant.control.TerminalGuard;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.resident.entity.CardCode;

/**
 * The merchant portal's register screen (レジ, R-31): a merchant login takes payments at a terminal
 * of its own shops, reads a card's available balance first, and sees the payments its shop receives
 * . Every call names the terminal by its code and is checked against what the login may reach
 * (R-93, {@link MerchantScopes}): a terminal of another shop is unknown here, whatever a page
 * sends. The payment itself is {@link PaymentService}'s, with its idempotency and its
 * counting of refused card and QR lookups (#8 finding 5); a card balance read here is counted the
 * same way, so the register is no way around it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class RegisterPayments {

  /** The feed lists at most this many of today's payments. */
  public static final int FEED_SIZE = 30;

  @EJB PaymentService payments;
  @Inject TerminalGuard guard;
  @Inject Clock clock;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /** A service the till's shop accepts, as the register offers it. */
  public record TillService(
      String code,
      LocalizedName name,
      LocalizedName unit,
      boolean cardUsable,
      long maxPaymentYen) {}

  /**
   * A terminal the login may take payments at.
   *
   * @param suspended stopped for refused lookups (#8 finding 5) until the city lifts it
   */
  public record Till(
      String terminalCode,
      String terminalName,
      String shopCode,
      String shopName,
      boolean cardAccepted,
      boolean suspended,
      List<TillService> services) {}

  /** A card's available balance in one service the shop takes with cards. */
  public record Available(TillService service, long yen) {}

  /** What reading a card at the register found. */
  public sealed interface CardRead {
    /** The card and what it can pay with here, per service. */
    record Card(String cardCode, List<Available> balances) implements CardRead {}

    record Refused(Refusal refusal) implements CardRead {}
  }

  /** The login's terminals in service (retired ones are left out), by shop and terminal code. */
  public List<Till> tills(String login) {
    try (Connection c = dataSource.getConnection()) {
      return tills(c, login, null);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The login's terminal of that code; empty for another shop's, a retired or an unknown one. */
  public Optional<Till> till(String login, String terminalCode) {
    try (Connection c = dataSource.getConnection()) {
      return till(c, login, terminalCode);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Till> till(Connection c, String login, String terminalCode)
      throws SQLException {
    if (terminalCode == null || terminalCode.isBlank() || terminalCode.length() > 40) {
      return Optional.empty();
    }
    return tills(c, login, terminalCode.strip()).stream().findFirst();
  }

  /**
   * the card's available balance per service the till's shop takes with cards: value in lots
   * not past their expiry, what a payment could take now. An unknown or disabled card
   * gets the neutral CARD_REFUSED and counts against the terminal like a refused payment (#8
   * finding 5); a code with a wrong check digit is a typing error, said so and not looked up.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED) // a refused read's count is committed
  public CardRead readCard(String login, String terminalCode, String cardCode) {
    String code = cardCode == null ? "" : cardCode.strip();
    try (Connection c = dataSource.getConnection()) {
      Optional<Till> found = till(c, login, terminalCode);
      if (found.isEmpty()) {
        return new CardRead.Refused(Refusal.UNKNOWN_TERMINAL);
      }
      Till till = found.get();
      if (till.suspended()) {
        return new CardRead.Refused(Refusal.TERMINAL_SUSPENDED);
      }
      if (!till.cardAccepted()) {
        return new CardRead.Refused(Refusal.CARDS_NOT_TAKEN_HERE);
      }
      if (!CardCode.isValid(code)) {
        return new CardRead.Refused(Refusal.CARD_CODE_MISTYPED);
      }
      Long resident = enabledCardMember(c, code);
      if (resident == null) {
        // The same code read again is counted once: it teaches nothing new.
        guard.countRefusedLookup(
            terminalId(c, till.terminalCode()), "card-read|" + code, Refusal.CARD_REFUSED);
        return new CardRead.Refused(Refusal.CARD_REFUSED);
      }
      Map<String, Long> spendable = spendable(c, resident, LocalDate.now(clock));
      List<Available> balances = new ArrayList<>();
      for (TillService service : till.services()) {
        if (service.cardUsable()) {
          balances.add(new Available(service, spendable.getOrDefault(service.code(), 0L)));
        }
      }
      return new CardRead.Card(code, List.copyOf(balances));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Takes a payment at the login's terminal from a card or an app member's QR token, in one
   * service. Another shop's or a retired terminal is UNKNOWN_TERMINAL and nothing is paid. The
   * caller keeps {@code idempotencyKey} for the attempt: sending it again answers with the same
   * payment, never a second one.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // PaymentService has its own
  public PaymentOutcome pay(
      String login,
      String terminalCode,
      String idempotencyKey,
      String payerCode,
      String serviceCode,
      long amountYen) {
    long terminalId;
    try (Connection c = dataSource.getConnection()) {
      Optional<Till> till = till(c, login, terminalCode);
      if (till.isEmpty()) {
        return new PaymentOutcome.Refused(Refusal.UNKNOWN_TERMINAL, new Object[0]);
      }
      terminalId = terminalId(c, till.get().terminalCode());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return payments.pay(
        new PaymentRequest(
            terminalId,
            idempotencyKey,
            payerCode == null ? null : payerCode.strip(),
            List.of(new PaymentRequest.Leg(serviceCode, amountYen)),
            "merchant:" + MerchantScopes.normalized(login)));
  }

  /**
   * Today's payments (Asia/Tokyo) of the terminal's shop, every terminal, the newest first, at most
   * {@link #FEED_SIZE}; empty for a terminal the login may not use.
   */
  public List<PaymentView> todaysPayments(String login, String terminalCode) {
    Optional<Till> till = till(login, terminalCode);
    if (till.isEmpty()) {
      return List.of();
    }
    long shopId;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM shop WHERE code = ?")) {
      ps.setString(1, till.get().shopCode());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        shopId = rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    LocalDate today = LocalDate.now(clock); // the platform's clock runs in Asia/Tokyo
    LocalDateTime from = today.atStartOfDay();
    return payments.listForShop(shopId, from, from.plusDays(1), FEED_SIZE).page();
  }

  // ------------------------------------------------------------------ reading

  private static List<Till> tills(Connection c, String login, String terminalCode)
      throws SQLException {
    MerchantScope scope = MerchantScopes.of(c, login);
    if (scope.isNothing()) {
      return List.of();
    }
    List<Object> args = new ArrayList<>();
    String sql =
        "SELECT t.code, t.name, t.suspended_at, s.id, s.code, s.name, s.card_accepted"
            + " FROM terminal t JOIN shop s ON s.id = t.shop_id WHERE t.active = TRUE AND "
            + scope.condition("t", args);
    if (terminalCode != null) {
      sql += " AND t.code = ?";
      args.add(terminalCode);
    }
    sql += " ORDER BY s.code, t.code";
    record Row(
        String code, String name, boolean suspended, long shopId, String[] shop, boolean card) {}
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Row(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getTimestamp(3) != null,
                  rs.getLong(4),
                  new String[] {rs.getString(5), rs.getString(6)},
                  rs.getBoolean(7)));
        }
      }
    }
    Map<Long, List<TillService>> services = new HashMap<>();
    List<Till> tills = new ArrayList<>();
    for (Row r : rows) {
      List<TillService> accepted = services.get(r.shopId());
      if (accepted == null) {
        accepted = services(c, r.shopId());
        services.put(r.shopId(), accepted);
      }
      tills.add(
          new Till(
              r.code(), r.name(), r.shop()[0], r.shop()[1], r.card(), r.suspended(), accepted));
    }
    return List.copyOf(tills);
  }

  private static List<TillService> services(Connection c, long shopId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT v.code, v.name_ja, v.name_en, v.unit_ja, v.unit_en, v.card_usable,"
                + " v.max_payment_yen FROM value_service v JOIN shop_accepted_service a"
                + " ON a.service_id = v.id WHERE a.shop_id = ? ORDER BY v.id")) {
      ps.setLong(1, shopId);
      List<TillService> services = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          services.add(
              new TillService(
                  rs.getString(1),
                  new LocalizedName(rs.getString(2), rs.getString(3)),
                  new LocalizedName(rs.getString(4), rs.getString(5)),
                  rs.getBoolean(6),
                  rs.getLong(7)));
        }
      }
      return List.copyOf(services);
    }
  }

  private static long terminalId(Connection c, String terminalCode) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM terminal WHERE code = ?")) {
      ps.setString(1, terminalCode);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The resident of an enabled card, or null. */
  private static Long enabledCardMember(Connection c, String code) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM resident WHERE card_member_code = ? AND membership = 'CARD'"
                + " AND card_enabled = TRUE")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  /** Per service code: the value in the resident's lots valid on {@code today} (R-10..R-13). */
  private static Map<String, Long> spendable(Connection c, long residentId, LocalDate today)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT v.code, SUM(l.remaining_yen) FROM account a"
                + " JOIN value_service v ON v.id = a.service_id"
                + " JOIN value_lot l ON l.account_id = a.id"
                + " WHERE a.resident_id = ? AND a.kind = 'WALLET' AND l.remaining_yen > 0"
                + " AND l.expires_on >= ? GROUP BY v.code")) {
      ps.setLong(1, residentId);
      ps.setDate(2, Date.valueOf(today));
      Map<String, Long> yen = new LinkedHashMap<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          yen.put(rs.getString(1), rs.getLong(2));
        }
      }
      return yen;
    }
  }
}
