package org.jimoto.payment.boundary;

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
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.merchant.boundary.StoreQrCodes;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.resident.control.ResidentLogins;

/**
 * an app member pays at a shop on their own phone (the resident portal's pay page, #10 item
 * 4). The terminal is named by its store QR code's token or by the terminal code printed under it;
 * the payer is always the logged-in resident, never an id from the page. The payment itself
 * is {@link PaymentService}'s, with its idempotency: the page's key is scoped to the
 * resident here, so that no one else's key can ever answer for it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ResidentPayments {

  /** A key the page makes: a UUID, or anything of the ledger's key alphabet up to 60 characters. */
  private static final java.util.regex.Pattern CLIENT_KEY =
      java.util.regex.Pattern.compile("[A-Za-z0-9-]{8,60}");

  /** Terminal codes are short (T0001, T1001); anything longer is not one. */
  private static final int MAX_CODE_LENGTH = 16;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject PaymentService payments;
  @Inject Clock clock;

  /** Where the resident pays: a store QR code's token, or the terminal code typed in. */
  public record Where(String token, String terminalCode) {
    public static Where token(String token) {
      return new Where(token, null);
    }

    public static Where code(String terminalCode) {
      return new Where(null, terminalCode);
    }

    public boolean byCode() {
      return token == null;
    }
  }

  /**
   * A service the resident may pay with here, or holds and may not.
   *
   * @param spendableYen value in lots not past their expiry: what a payment can take now
   * @param accepted whether this shop takes the service; if not, the page says so and offers no
   *     amount for it
   */
  public record Option(
      String serviceCode,
      LocalizedName name,
      LocalizedName unit,
      long spendableYen,
      long maxPaymentYen,
      boolean accepted) {

    /** R-03 in the resident's language: the ledger's own refusal of such a leg. */
    public String notAcceptedMessage(Locale locale) {
      return Refusal.SERVICE_NOT_ACCEPTED.message(locale, name);
    }
  }

  /** The till the resident is paying at, as the confirmation screen shows it to the staff. */
  public record PayPlace(
      String terminalCode,
      String terminalName,
      String shopCode,
      LocalizedName shopName,
      List<Option> options) {}

  /**
   * The till and what the resident can pay with there.
   *
   * @throws RefusedException STORE_QR_UNKNOWN for a token or code no terminal has, STORE_QR_RETIRED
   *     for a retired terminal's, UNKNOWN_RESIDENT for a login that is no app member
   */
  public PayPlace place(String loginName, Where where) {
    try (Connection c = dataSource.getConnection()) {
      long resident = resident(c, loginName);
      Terminal t = terminal(c, where);
      return new PayPlace(t.code, t.name, t.shopCode, t.shopName, options(c, resident, t.shopId));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Pays at the till, once per key: the same key again, as after a lost answer, gets the
   * original payment back and pays nothing more; a refusal changes nothing.
   *
   * @param clientKey made by the page when it showed the confirmation, sent again on a retry
   */
  public PaymentOutcome pay(
      String loginName, Where where, String clientKey, List<PaymentRequest.Leg> legs) {
    long resident;
    Terminal t;
    try (Connection c = dataSource.getConnection()) {
      resident = resident(c, loginName);
      t = terminal(c, where);
    } catch (RefusedException e) {
      return new PaymentOutcome.Refused(e.refusal(), e.args());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (clientKey == null || !CLIENT_KEY.matcher(clientKey).matches()) {
      return new PaymentOutcome.Refused(Refusal.IDEMPOTENCY_KEY_INVALID, new Object[0]);
    }
    String key = "app-" + resident + "-" + clientKey;
    return payments.payAsResident(
        resident,
        new PaymentRequest(t.id, key, "resident:" + resident, legs, "resident:" + loginName));
  }

  /** Every service's name, by code in catalogue order, for the resident's screens. */
  public java.util.Map<String, LocalizedName> serviceNames() {
    java.util.Map<String, LocalizedName> names = new java.util.LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT code, name_ja, name_en FROM value_service ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        names.put(rs.getString(1), new LocalizedName(rs.getString(2), rs.getString(3)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return java.util.Collections.unmodifiableMap(names);
  }

  private record Terminal(
      long id, String code, String name, long shopId, String shopCode, LocalizedName shopName) {}

  private static long resident(Connection c, String loginName) throws SQLException {
    return ResidentLogins.appMember(c, loginName)
        .orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_RESIDENT));
  }

  private Terminal terminal(Connection c, Where where) throws SQLException {
    String column;
    String key;
    if (where.byCode()) {
      String code =
          where.terminalCode() == null
              ? ""
              : Normalizer.normalize(where.terminalCode(), Normalizer.Form.NFKC)
                  .strip()
                  .toUpperCase(Locale.ROOT);
      if (code.isEmpty() || code.length() > MAX_CODE_LENGTH) {
        throw new RefusedException(Refusal.STORE_QR_UNKNOWN);
      }
      column = "t.code";
      key = code;
    } else {
      // The token alone, or the whole pay URL a scanner read (StoreQrCodes.tokenIn).
      key =
          StoreQrCodes.tokenIn(where.token())
              .orElseThrow(() -> new RefusedException(Refusal.STORE_QR_UNKNOWN));
      if (key.length() > 64) {
        throw new RefusedException(Refusal.STORE_QR_UNKNOWN);
      }
      column = "t.qr_token";
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.id, t.code, t.name, t.active, s.id, s.code, s.name, s.name_en"
                + " FROM terminal t JOIN shop s ON s.id = t.shop_id WHERE "
                + column
                + " = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new RefusedException(Refusal.STORE_QR_UNKNOWN);
        }
        if (!rs.getBoolean(4)) {
          throw new RefusedException(Refusal.STORE_QR_RETIRED);
        }
        String nameJa = rs.getString(7);
        String nameEn = rs.getString(8);
        return new Terminal(
            rs.getLong(1),
            rs.getString(2),
            rs.getString(3),
            rs.getLong(5),
            rs.getString(6),
            new LocalizedName(nameJa, nameEn == null || nameEn.isBlank() ? nameJa : nameEn));
      }
    }
  }

  /**
   * The services the shop accepts, and those the resident holds value in that it does not,
   * each with the resident's spendable value.
   */
  private List<Option> options(Connection c, long resident, long shopId) throws SQLException {
    LocalDate today = LocalDate.now(clock);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT v.code, v.name_ja, v.name_en, v.unit_ja, v.unit_en, v.max_payment_yen,"
                + " COALESCE((SELECT SUM(l.remaining_yen) FROM account a JOIN value_lot l"
                + " ON l.account_id = a.id WHERE a.resident_id = ? AND a.service_id = v.id"
                + " AND a.kind = 'WALLET' AND l.expires_on >= ?), 0),"
                + " (SELECT COUNT(*) FROM shop_accepted_service sa WHERE sa.shop_id = ?"
                + " AND sa.service_id = v.id)"
                + " FROM value_service v ORDER BY v.id")) {
      ps.setLong(1, resident);
      ps.setDate(2, Date.valueOf(today));
      ps.setLong(3, shopId);
      List<Option> options = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long spendable = rs.getLong(7);
          boolean accepted = rs.getLong(8) > 0;
          if (accepted || spendable > 0) {
            options.add(
                new Option(
                    rs.getString(1),
                    new LocalizedName(rs.getString(2), rs.getString(3)),
                    new LocalizedName(rs.getString(4), rs.getString(5)),
                    spendable,
                    rs.getLong(6),
                    accepted));
          }
        }
      }
      return List.copyOf(options);
    }
  }
}
