package org.jimoto.merchant.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.SqlDialect;
import org.jimoto.merchant.boundary.TerminalAdministration.NewCredential;
import org.jimoto.merchant.control.TerminalNames;
import org.jimoto.merchant.entity.Shop;
import org.jimoto.merchant.entity.Terminal;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * A merchant's own terminals (レジ一覧, seed 001; #9 item 2): list them per shop, add, rename and
 * retire one, its store QR code and its POS API credential. Every request names the login,
 * and the ledger checks the shop or terminal against the login's reach before anything else:
 * a terminal of another shop or business is answered as if it did not exist ({@link
 * Refusal#NOT_THIS_MERCHANTS_TERMINAL}), whatever code a page or a URL sends.
 *
 * <p>Who may do what ({@link Rights}): a shop account (店舗アカウント, shared by the till's devices and
 * often kept signed in) lists its shop's terminals, shows, downloads and prints their QR codes, and
 * adds and renames terminals (seed 001: a shop account creates its QR codes). Retiring a terminal,
 * which stops its payments for good, and issuing or revoking a POS API credential, which lets a
 * machine take payments for the shop, are the business account's (事業者アカウント) decisions. A merchant
 * cannot reactivate a retired terminal; the city can ({@link TerminalAdministration}).
 *
 * <p>Every change is audit-logged with the login and, for a retirement or a credential, the reason
 * (R-94).
 */
@Stateless
public class MerchantTerminals {

  /** Terminals in use per shop (a limit on everything, style guide). */
  public static final int MAX_ACTIVE_PER_SHOP = 100;

  @PersistenceContext EntityManager em;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject MerchantScopes scopes;
  @Inject TerminalAdministration administration;
  @Inject StoreQrCodes storeQrCodes;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** What the login may do with its terminals; a login without reach may do nothing. */
  public record Rights(boolean add, boolean rename, boolean retire, boolean credentials) {
    static final Rights NONE = new Rights(false, false, false, false);
  }

  /**
   * A terminal as the merchant's terminal list shows it.
   *
   * @param suspended suspended by the city for refused card or QR lookups (#8 finding 5)
   * @param hasCredential whether a POS API credential is issued (its secret is never shown again)
   */
  public record TerminalView(
      String code,
      String name,
      boolean active,
      boolean suspended,
      boolean hasCredential,
      LocalDateTime createdAt,
      long shopId,
      String shopCode,
      String shopName) {}

  /**
   * A terminal's store QR code, with what is printed around it.
   *
   * @param payUrl what the QR code encodes: the resident portal's pay page with the terminal's
   *     token
   */
  public record StoreQr(
      String terminalCode, String terminalName, String shopCode, String shopName, String payUrl) {}

  public Rights rights(String login) {
    MerchantScope scope = scopes.of(login);
    if (scope.isNothing()) {
      return Rights.NONE;
    }
    boolean owner = !scope.isShopAccount();
    return new Rights(true, true, owner, owner);
  }

  /** The shop's terminals, those in use first, each group by code. */
  public List<TerminalView> list(String login, long shopId) {
    MerchantScope scope = scopes.of(login);
    shopInReach(scope, shopId);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(SELECT + " WHERE t.shop_id = ?1 ORDER BY t.active DESC, t.code")
            .setParameter(1, shopId)
            .setMaxResults(1_000)
            .getResultList();
    return rows.stream().map(r -> new Target(r).view()).toList();
  }

  /** One terminal of the login's shops. */
  public TerminalView find(String login, String terminalCode) {
    return target(scopes.of(login), terminalCode).view();
  }

  /** Adds a terminal to one of the login's shops, with a new code and a new store QR token. */
  public TerminalView add(String login, long shopId, String name) {
    MerchantScope scope = scopes.of(login);
    shopInReach(scope, shopId);
    String clean = TerminalNames.normalize(name);
    lockShop(shopId);
    long inUse =
        ((Number)
                em.createNativeQuery(
                        "SELECT COUNT(*) FROM terminal WHERE shop_id = ?1 AND active = TRUE")
                    .setParameter(1, shopId)
                    .getSingleResult())
            .longValue();
    if (inUse >= MAX_ACTIVE_PER_SHOP) {
      throw new RefusedException(Refusal.TERMINAL_LIMIT_REACHED, MAX_ACTIVE_PER_SHOP);
    }
    refuseTakenName(shopId, clean, null);
    Shop shop = em.find(Shop.class, shopId);
    String code = nextCode();
    Terminal terminal =
        new Terminal(shop, code, clean, StoreQrCodes.newToken(), LocalDateTime.now(clock));
    em.persist(terminal);
    em.flush();
    audit.record(
        Portal.MERCHANT,
        scope.loginName(),
        "TERMINAL_ADDED",
        "terminal " + code + " (" + clean + ") of shop " + shop.getCode(),
        null);
    return find(login, code);
  }

  public TerminalView rename(String login, String terminalCode, String name) {
    MerchantScope scope = scopes.of(login);
    Target t = target(scope, terminalCode);
    if (!t.active) {
      throw new RefusedException(Refusal.TERMINAL_INACTIVE);
    }
    String clean = TerminalNames.normalize(name);
    if (clean.equals(t.name)) {
      return t.view();
    }
    lockShop(t.shopId);
    refuseTakenName(t.shopId, clean, t.id);
    em.createNativeQuery("UPDATE terminal SET name = ?1 WHERE id = ?2")
        .setParameter(1, clean)
        .setParameter(2, t.id)
        .executeUpdate();
    audit.record(
        Portal.MERCHANT,
        scope.loginName(),
        "TERMINAL_RENAMED",
        "terminal " + t.code + " of shop " + t.shopCode + ": " + t.name + " -> " + clean,
        null);
    return find(login, terminalCode);
  }

  /**
   * Retires the terminal for good: its QR code and its POS credential are refused from their next
   * use, on every server (TERMINAL_INACTIVE, STORE_QR_RETIRED). The business account's, with a
   * reason.
   */
  public void retire(String login, String terminalCode, String reason) {
    MerchantScope scope = scopes.of(login);
    Target t = target(scope, terminalCode);
    ownerOnly(scope);
    if (!t.active) {
      throw new RefusedException(Refusal.TERMINAL_ALREADY_RETIRED);
    }
    administration
        .setActive(Portal.MERCHANT, t.code, false, scope.loginName(), reason)
        .ifPresent(
            refusal -> {
              throw new RefusedException(refusal);
            });
  }

  /** The terminal's store QR code; a retired terminal has none to show or print any more. */
  public StoreQr storeQr(String login, String terminalCode) {
    Target t = target(scopes.of(login), terminalCode);
    if (!t.active) {
      throw new RefusedException(Refusal.TERMINAL_INACTIVE);
    }
    return new StoreQr(t.code, t.name, t.shopCode, t.shopName, storeQrCodes.payUrl(t.qrToken));
  }

  /**
   * Issues the terminal's POS API credential, replacing the one it had (which stops at once). The
   * secret is in the answer only: the ledger keeps its hash. Replacing one needs a reason (a lost
   * tablet, a leaked secret); the first one does not.
   */
  public NewCredential issueCredential(String login, String terminalCode, String reason) {
    MerchantScope scope = scopes.of(login);
    Target t = target(scope, terminalCode);
    ownerOnly(scope);
    if (!t.active) {
      throw new RefusedException(Refusal.TERMINAL_INACTIVE);
    }
    if (t.hasCredential && (reason == null || reason.isBlank())) {
      throw new RefusedException(Refusal.REASON_MISSING);
    }
    return administration.replaceCredential(
        Portal.MERCHANT,
        t.code,
        scope.loginName(),
        t.hasCredential ? reason.strip() : "first credential of the terminal");
  }

  /** Revokes the terminal's POS API credential: its POS is refused from its next request on. */
  public void revokeCredential(String login, String terminalCode, String reason) {
    MerchantScope scope = scopes.of(login);
    Target t = target(scope, terminalCode);
    ownerOnly(scope);
    administration.revokeCredential(Portal.MERCHANT, t.code, scope.loginName(), reason);
  }

  // ------------------------------------------------------------------ reach and rules

  private static void ownerOnly(MerchantScope scope) {
    if (scope.isShopAccount()) {
      throw new RefusedException(Refusal.BUSINESS_ACCOUNT_ONLY);
    }
  }

  private void shopInReach(MerchantScope scope, long shopId) {
    if (scope.isNothing()
        || (scope.isShopAccount() && scope.shopId() != shopId)
        || em.createNativeQuery("SELECT id FROM shop WHERE id = ?1 AND business_id = ?2")
            .setParameter(1, shopId)
            .setParameter(2, scope.businessId())
            .getResultList()
            .isEmpty()) {
      throw new RefusedException(Refusal.NOT_THIS_MERCHANTS_SHOP);
    }
  }

  /** The terminal of that code if the scope reaches it; otherwise as if there were none. */
  private Target target(MerchantScope scope, String terminalCode) {
    if (scope.isNothing() || terminalCode == null || terminalCode.length() > 16) {
      throw new RefusedException(Refusal.NOT_THIS_MERCHANTS_TERMINAL);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(SELECT + " WHERE t.code = ?1")
            .setParameter(1, terminalCode)
            .getResultList();
    Target t = rows.isEmpty() ? null : new Target(rows.get(0));
    boolean inReach =
        t != null
            && t.businessId == scope.businessId()
            && (!scope.isShopAccount() || t.shopId == scope.shopId());
    if (!inReach) {
      throw new RefusedException(Refusal.NOT_THIS_MERCHANTS_TERMINAL);
    }
    return t;
  }

  /** Adds and renames of one shop one at a time: the limit and unique names hold under races. */
  private void lockShop(long shopId) {
    em.createNativeQuery("SELECT id FROM shop WHERE id = ?1 FOR UPDATE")
        .setParameter(1, shopId)
        .getResultList();
  }

  private void refuseTakenName(long shopId, String name, Long except) {
    boolean taken =
        !em.createNativeQuery(
                "SELECT id FROM terminal WHERE shop_id = ?1 AND active = TRUE AND name = ?2"
                    + " AND id <> ?3")
            .setParameter(1, shopId)
            .setParameter(2, name)
            .setParameter(3, except == null ? -1L : except)
            .getResultList()
            .isEmpty();
    if (taken) {
      throw new RefusedException(Refusal.TERMINAL_NAME_TAKEN, name);
    }
  }

  /** T1001, T1002, ... (V9); a code someone already gave a terminal is skipped. */
  private String nextCode() {
    String next;
    try (Connection c = dataSource.getConnection()) {
      next = SqlDialect.of(c).nextValue("terminal_code_seq");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    for (int attempt = 0; attempt < 100; attempt++) {
      long n = ((Number) em.createNativeQuery(next).getSingleResult()).longValue();
      String code = String.format("T%04d", n);
      if (em.createNativeQuery("SELECT id FROM terminal WHERE code = ?1")
          .setParameter(1, code)
          .getResultList()
          .isEmpty()) {
        return code;
      }
    }
    throw new IllegalStateException("no free terminal code after 100 tries");
  }

  private static final String SELECT =
      "SELECT t.id, t.code, t.name, t.active, t.suspended_at, t.api_secret_sha256, t.created_at,"
          + " t.qr_token, s.id, s.business_id, s.code, s.name FROM terminal t"
          + " JOIN shop s ON s.id = t.shop_id";

  /** A row of {@link #SELECT}. */
  private static final class Target {
    final long id;
    final String code;
    final String name;
    final boolean active;
    final boolean suspended;
    final boolean hasCredential;
    final LocalDateTime createdAt;
    final String qrToken;
    final long shopId;
    final long businessId;
    final String shopCode;
    final String shopName;

    Target(Object[] r) {
      id = ((Number) r[0]).longValue();
      code = (String) r[1];
      name = (String) r[2];
      active = Boolean.TRUE.equals(r[3]);
      suspended = r[4] != null;
      hasCredential = r[5] != null;
      createdAt = r[6] instanceof Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) r[6];
      qrToken = (String) r[7];
      shopId = ((Number) r[8]).longValue();
      businessId = ((Number) r[9]).longValue();
      shopCode = (String) r[10];
      shopName = (String) r[11];
    }

    TerminalView view() {
      return new TerminalView(
          code, name, active, suspended, hasCredential, createdAt, shopId, shopCode, shopName);
    }
  }
}
