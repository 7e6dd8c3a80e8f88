package org.jimoto.ledger.control;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jimoto.campaign.control.CampaignTerms;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.notice.control.MaintenanceSnapshot;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.resident.entity.CardCode;

/** Reference data the ledger checks requests against: services, terminals, residents, rules. */
public final class Catalog {

  /** A value service's ledger settings (R-02). */
  public record Service(
      long id,
      String code,
      LocalizedName name,
      int type,
      boolean cardUsable,
      long maxPaymentYen,
      Long holdingLimitYen,
      Integer chargedValidYears,
      boolean chargeable,
      boolean chargeNeedsVerifiedIdentity) {}

  /** A terminal with what its shop accepts (R-01, R-03). */
  public record Terminal(
      long id,
      String code,
      boolean active,
      long shopId,
      String shopCode,
      boolean cardAccepted,
      Set<Long> acceptedServiceIds) {}

  /**
   * Who pays: an app member (by QR token, or on their own phone at a store QR code, R-30) or a card
   * member (by 8-digit code), R-01/R-31.
   *
   * @param singleUseToken the app member's QR token, which the payment must end (R-31, #10 item 5);
   *     null when no single-use token was read
   */
  public record Payer(long residentId, boolean card, boolean cardEnabled, String singleUseToken) {}

  public record ChargeRule(long minYen, long maxYen, long unitYen) {}

  /**
   * A premium campaign (R-10, R-11, R-22). Without a bonus service the premium is credited to the
   * charged service at once; with one, it is paid in that service by the next day's bonus job.
   *
   * @param chargedFromCardPurchase R-11: on a card, the charged part of a charge under this
   *     campaign counts from the card's purchase (ISECA's 令和5年度 30 % campaign), not from the charge
   * @param budgetRemainingYen what its budget cap has left (#11 item 2); null without a cap
   */
  public record Campaign(
      long id,
      String name,
      int rateBasisPoints,
      String premiumExpiry,
      LocalDate premiumExpiresOn,
      Long bonusServiceId,
      boolean chargedFromCardPurchase,
      Long budgetRemainingYen) {

    /**
     * The premium on {@code amountYen}: the rate's, or less if the budget cap has less left (#11
     * item 2). The charge claims it under the campaign's lock and may find even less.
     */
    public long premiumOn(long amountYen) {
      long premium = Premium.of(amountYen, rateBasisPoints);
      return budgetRemainingYen == null ? premium : Math.min(premium, budgetRemainingYen);
    }

    /** A premium credited to the charged service itself, at charge time. */
    public boolean inChargedService() {
      return bonusServiceId == null;
    }

    /** The premium part's last valid day for value credited on {@code day}. */
    public LocalDate premiumExpiry(LocalDate day) {
      return "FIXED_DATE".equals(premiumExpiry) ? premiumExpiresOn : ExpiryRules.fiscalYearEnd(day);
    }
  }

  /**
   * What a charge needs to know about the resident (R-11, R-21, R-84).
   *
   * @param cardMovedTo the app member the card's value moved into (R-84), or the replacement card
   *     its value moved to after it was reported lost (#11 item 3); null if it has not moved
   * @param cardLost the card was reported lost at the window: disabled, its balance frozen on it
   *     until moved to a replacement card
   */
  public record Chargee(
      long residentId,
      boolean card,
      boolean cardEnabled,
      LocalDate cardPurchasedOn,
      boolean identityVerified,
      Long cardMovedTo,
      boolean cardLost) {

    /**
     * Why a credit (charge, grant) to this disabled card is refused: a lost card says so (its
     * balance is frozen, #11 item 3), a card moved into the app says where its value went (R-84).
     */
    public Refusal disabledCardRefusal() {
      return cardLost
          ? Refusal.CARD_LOST
          : cardMoved() ? Refusal.CARD_MOVED : Refusal.CARD_DISABLED;
    }

    /** R-84: a card whose value moved into an app account; it is disabled. */
    public boolean cardMoved() {
      return cardMovedTo != null;
    }
  }

  /**
   * Services and terminals change rarely and are read by every payment: they are kept for half a
   * minute, so a change of acceptance or a disabled terminal takes effect within that time (as a
   * revoked terminal credential does). Ten seconds meant a reload for most requests of a town's
   * thousand terminals.
   */
  public static final long CACHE_MILLIS = 30_000;

  private record Cached<T>(T value, long untilMillis) {}

  private static final java.util.Map<Object, Cached<?>> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Connection c;

  public Catalog(Connection connection) {
    this.c = connection;
  }

  @SuppressWarnings("unchecked")
  private static <T> Optional<T> cached(Object key) {
    Cached<?> hit = CACHE.get(key);
    return hit != null && hit.untilMillis() > System.currentTimeMillis()
        ? Optional.of((T) hit.value())
        : Optional.empty();
  }

  private static <T> Optional<T> remember(Object key, Optional<T> value) {
    value.ifPresent(
        v -> CACHE.put(key, new Cached<>(v, System.currentTimeMillis() + CACHE_MILLIS)));
    return value;
  }

  public Service service(String code) throws SQLException {
    String key = "service:" + code;
    Optional<Service> hit = cached(key);
    return (hit.isPresent() ? hit : rememberService(key, findService("code = ?", code)))
        .orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_SERVICE, String.valueOf(code)));
  }

  /** A service by its row id (as a pending bonus or an account names it). */
  public Service service(long id) throws SQLException {
    String key = "service:#" + id;
    Optional<Service> hit = cached(key);
    return (hit.isPresent() ? hit : rememberService(key, findService("id = ?", id)))
        .orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_SERVICE, String.valueOf(id)));
  }

  /**
   * #11 item 2: a service is kept no longer than until its next announced rule version takes
   * effect, so the old rule never works after the new one is in force. A version is announced at
   * least {@link #CACHE_MILLIS} ahead ({@code ServiceAdministration}), so a server that read the
   * service before the announcement has let go of it by then.
   */
  private Optional<Service> rememberService(String key, Optional<Service> value)
      throws SQLException {
    if (value.isEmpty()) {
      return value;
    }
    long until = System.currentTimeMillis() + CACHE_MILLIS;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT MIN(effective_from) FROM service_rule_version"
                + " WHERE service_id = ? AND effective_from > ?")) {
      ps.setLong(1, value.get().id());
      ps.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now(PlatformClock.ZONE)));
      try (ResultSet rs = ps.executeQuery()) {
        Timestamp next = rs.next() ? rs.getTimestamp(1) : null;
        if (next != null) {
          until =
              Math.min(
                  until,
                  next.toLocalDateTime().atZone(PlatformClock.ZONE).toInstant().toEpochMilli());
        }
      }
    }
    CACHE.put(key, new Cached<>(value.get(), until));
    return value;
  }

  private Optional<Service> findService(String where, Object key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, code, name_ja, service_type, card_usable, max_payment_yen,"
                + " holding_limit_yen, charged_valid_years, chargeable, name_en,"
                + " charge_needs_verified_identity FROM value_service WHERE "
                + where)) {
      ps.setObject(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long limit = rs.getLong(7);
        Long holdingLimit = rs.wasNull() ? null : limit;
        int years = rs.getInt(8);
        Integer validYears = rs.wasNull() ? null : years;
        return Optional.of(
            inForce(
                new Service(
                    rs.getLong(1),
                    rs.getString(2),
                    new LocalizedName(rs.getString(3), rs.getString(10)),
                    rs.getInt(4),
                    rs.getBoolean(5),
                    rs.getLong(6),
                    holdingLimit,
                    validYears,
                    rs.getBoolean(9),
                    rs.getBoolean(11))));
      }
    }
  }

  /** #11 item 2: the service's charge rules as its newest version in force says (R-14, R-91). */
  private Service inForce(Service base) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT holding_limit_yen, charged_valid_years, chargeable,"
                + " charge_needs_verified_identity FROM service_rule_version"
                + " WHERE service_id = ? AND effective_from <= ? ORDER BY effective_from DESC")) {
      ps.setLong(1, base.id());
      ps.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now(PlatformClock.ZONE)));
      ps.setMaxRows(1);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return base;
        }
        long limit = rs.getLong(1);
        Long holdingLimit = rs.wasNull() ? null : limit;
        int years = rs.getInt(2);
        Integer validYears = rs.wasNull() ? null : years;
        return new Service(
            base.id(),
            base.code(),
            base.name(),
            base.type(),
            base.cardUsable(),
            base.maxPaymentYen(),
            holdingLimit,
            validYears,
            rs.getBoolean(3),
            rs.getBoolean(4));
      }
    }
  }

  public Optional<Terminal> terminal(long terminalId) throws SQLException {
    String key = "terminal:" + terminalId;
    Optional<Terminal> hit = cached(key);
    return hit.isPresent() ? hit : remember(key, findTerminal("t.id = ?", terminalId));
  }

  public Optional<Terminal> terminal(String terminalCode) throws SQLException {
    return findTerminal("t.code = ?", terminalCode);
  }

  private Optional<Terminal> findTerminal(String where, Object key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT t.id, t.code, t.active, s.id, s.code, s.card_accepted FROM terminal t"
                + " JOIN shop s ON s.id = t.shop_id WHERE "
                + where)) {
      ps.setObject(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long shopId = rs.getLong(4);
        return Optional.of(
            new Terminal(
                rs.getLong(1),
                rs.getString(2),
                rs.getBoolean(3),
                shopId,
                rs.getString(5),
                rs.getBoolean(6),
                acceptedServices(shopId)));
      }
    }
  }

  private Set<Long> acceptedServices(long shopId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT service_id FROM shop_accepted_service WHERE shop_id = ?")) {
      ps.setLong(1, shopId);
      Set<Long> ids = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  /**
   * What the terminal's own row says at the moment of a payment, read with the payer (#8 findings 5
   * and 10): a retired terminal, a suspension or a replaced credential takes effect at the next
   * payment on every server, whatever the POS filter's credential cache still remembers.
   */
  public enum TerminalState {
    USABLE,
    /** Retired by its shop or the city. */
    INACTIVE,
    /** Suspended for guessing card numbers (#8 finding 5). */
    SUSPENDED,
    /** No such terminal, or the request's credential is no longer the terminal's. */
    CREDENTIAL_REFUSED
  }

  /**
   * The payer of a payment request, whether the request's idempotency key was used before at this
   * terminal (R-35), and the terminal's state. One statement in the common case: the key and
   * terminal checks ride along with the payer lookup.
   *
   * @param card the request named a card (8 digits), not an app member's QR token
   */
  public record PayerLookup(
      Optional<Payer> payer, boolean keyUsed, TerminalState terminal, boolean card) {

    PayerLookup withCard(boolean card) {
      return new PayerLookup(payer, keyUsed, terminal, card);
    }
  }

  private static final String KEY_COUNT =
      "(SELECT COUNT(*) FROM payment p WHERE p.terminal_id = ? AND p.idempotency_key = ?)";
  // A NULL credential (a caller inside the ledger, not a POS) skips the credential comparison.
  private static final String TERMINAL_STATE =
      "(SELECT CASE WHEN COALESCE(t.api_secret_sha256, '') <>"
          + " COALESCE(?, t.api_secret_sha256, '') THEN 3"
          + " WHEN t.active = FALSE THEN 1 WHEN t.suspended_at IS NOT NULL THEN 2 ELSE 0 END"
          + " FROM terminal t WHERE t.id = ?)";
  private static final String CARD_PAYER =
      "SELECT id, card_enabled, "
          + KEY_COUNT
          + ", "
          + TERMINAL_STATE
          + " FROM resident WHERE card_member_code = ? AND membership = 'CARD'";
  private static final String APP_PAYER =
      "SELECT id, TRUE, "
          + KEY_COUNT
          + ", "
          + TERMINAL_STATE
          + ", pay_token_single_use FROM resident WHERE pay_token = ? AND pay_token_expires_at > ?";
  // R-30: an app member paying on their own phone, logged in to the resident portal.
  private static final String RESIDENT_PAYER =
      "SELECT id, TRUE, "
          + KEY_COUNT
          + ", "
          + TERMINAL_STATE
          + " FROM resident WHERE id = ? AND membership = 'APP'";
  private static final String NO_PAYER = "SELECT 0, FALSE, " + KEY_COUNT + ", " + TERMINAL_STATE;

  /**
   * An 8-digit code is a card (R-01); anything else is an app member's short-lived QR token. A card
   * code without a valid check digit ({@link CardCode}) is not looked up at all.
   *
   * @param credentialSha256 the SHA-256 of the secret the terminal presented; null from callers
   *     inside the ledger
   */
  public PayerLookup payer(
      String code, LocalDateTime now, long terminalId, String credentialSha256, String key)
      throws SQLException {
    boolean card = CardCode.looksLikeCard(code);
    boolean lookUp =
        card ? CardCode.isValid(code) : code != null && !code.isBlank() && code.length() <= 64;
    String sql = !lookUp ? NO_PAYER : card ? CARD_PAYER : APP_PAYER;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, terminalId);
      ps.setString(2, key);
      ps.setString(3, credentialSha256);
      ps.setLong(4, terminalId);
      if (lookUp) {
        ps.setString(5, code);
        if (!card) {
          ps.setTimestamp(6, Timestamp.valueOf(now));
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          Optional<Payer> payer =
              lookUp
                  ? Optional.of(
                      new Payer(
                          rs.getLong(1),
                          card,
                          rs.getBoolean(2),
                          !card && rs.getBoolean(5) ? code : null))
                  : Optional.empty();
          int state = rs.getInt(4);
          TerminalState terminal =
              rs.wasNull() ? TerminalState.CREDENTIAL_REFUSED : TerminalState.values()[state];
          return new PayerLookup(payer, rs.getLong(3) > 0, terminal, card);
        }
      }
    }
    // No such payer (an expired QR token, say): a retry must still get its original answer.
    return payer(null, now, terminalId, credentialSha256, key).withCard(card);
  }

  /**
   * R-30: the payer of a payment an app member makes on their own phone (logged in, at a store QR
   * code), with the key and terminal checks of {@link #payer}. The resident comes from the login,
   * never from the request.
   */
  public PayerLookup residentPayer(long residentId, long terminalId, String key)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RESIDENT_PAYER)) {
      ps.setLong(1, terminalId);
      ps.setString(2, key);
      ps.setString(3, null);
      ps.setLong(4, terminalId);
      ps.setLong(5, residentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          int state = rs.getInt(4);
          TerminalState terminal =
              rs.wasNull() ? TerminalState.CREDENTIAL_REFUSED : TerminalState.values()[state];
          return new PayerLookup(
              Optional.of(new Payer(rs.getLong(1), false, true, null)),
              rs.getLong(3) > 0,
              terminal,
              false);
        }
      }
    }
    return payer(null, LocalDateTime.now(), terminalId, null, key);
  }

  public Optional<ChargeRule> chargeRule(long serviceId, String channel) throws SQLException {
    return chargeRule(serviceId, channel, LocalDateTime.now(PlatformClock.ZONE));
  }

  /** The channel's rule in force at {@code at} (a far future time: the newest, announced too). */
  public Optional<ChargeRule> chargeRule(long serviceId, String channel, LocalDateTime at)
      throws SQLException {
    // #11 item 2: the channel's newest rule version in force, if the city has changed it.
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT offered, min_yen, max_yen, unit_yen FROM charge_rule_version"
                + " WHERE service_id = ? AND channel = ? AND effective_from <= ?"
                + " ORDER BY effective_from DESC")) {
      ps.setLong(1, serviceId);
      ps.setString(2, channel);
      ps.setTimestamp(3, Timestamp.valueOf(at));
      ps.setMaxRows(1);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getBoolean(1)
              ? Optional.of(new ChargeRule(rs.getLong(2), rs.getLong(3), rs.getLong(4)))
              : Optional.empty();
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT min_yen, max_yen, unit_yen FROM charge_rule WHERE service_id = ? AND channel = ?")) {
      ps.setLong(1, serviceId);
      ps.setString(2, channel);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new ChargeRule(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
            : Optional.empty();
      }
    }
  }

  /**
   * The campaigns running on {@code day} for charges of the service through any channel, as in
   * force at this moment of {@code day} (#11 item 2).
   */
  public List<Campaign> campaigns(long serviceId, LocalDate day) throws SQLException {
    return campaigns(serviceId, day.atTime(LocalTime.now(PlatformClock.ZONE)), null);
  }

  /**
   * The campaigns whose terms in force at {@code now} cover a charge of the service through {@code
   * channel} (null = any), the most generous first: the premiums in the service itself (a charge
   * gets at most one of them) and the bonuses paid in another service (R-22). A campaign whose
   * budget cap is used up is left out, so that the next one applies (#11 item 2).
   */
  public List<Campaign> campaigns(long serviceId, LocalDateTime now, String channel)
      throws SQLException {
    LocalDate day = now.toLocalDate();
    return CampaignTerms.inForce(c, serviceId, now).stream()
        .filter(k -> k.covers(day, channel) && !k.exhausted())
        .sorted(
            Comparator.comparingInt(CampaignTerms::rateBasisPoints)
                .reversed()
                .thenComparingLong(CampaignTerms::id))
        .map(
            k ->
                new Campaign(
                    k.id(),
                    k.name(),
                    k.rateBasisPoints(),
                    k.premiumExpiry(),
                    k.premiumExpiresOn(),
                    k.bonusServiceId() == null || k.bonusServiceId() == serviceId
                        ? null
                        : k.bonusServiceId(),
                    k.chargedFromCardPurchase(),
                    k.budgetRemainingYen()))
        .toList();
  }

  /** The resident as a charge sees them; empty if there is no such resident. */
  public Optional<Chargee> chargee(long residentId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT membership, card_purchased_on, identity_verified_at, card_enabled,"
                + " COALESCE((SELECT m.app_resident_id FROM card_migration m"
                + " WHERE m.card_resident_id = r.id), (SELECT k.replaced_by_resident_id"
                + " FROM card_loss k WHERE k.card_resident_id = r.id)),"
                + " (SELECT COUNT(*) FROM card_loss k WHERE k.card_resident_id = r.id)"
                + " FROM resident r WHERE r.id = ?")) {
      ps.setLong(1, residentId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Date purchased = rs.getDate(2);
        return Optional.of(
            new Chargee(
                residentId,
                "CARD".equals(rs.getString(1)),
                rs.getBoolean(4),
                purchased == null ? null : purchased.toLocalDate(),
                rs.getTimestamp(3) != null,
                rs.getObject(5) == null ? null : rs.getLong(5),
                rs.getLong(6) > 0));
      }
    }
  }

  /** Services are read again by the next request (after the city changed their settings). */
  public static void forgetServices() {
    CACHE.keySet().removeIf(k -> k.toString().startsWith("service:"));
  }

  /**
   * R-57: refuses if a maintenance window is in force, with the window's announced message. The
   * windows come from the in-memory {@link MaintenanceSnapshot}: no database read on the payment
   * path.
   */
  public void refuseDuringMaintenance(LocalDateTime now) throws SQLException {
    Optional<MaintenanceSnapshot.Window> window = MaintenanceSnapshot.inForce(c, now);
    if (window.isPresent()) {
      throw new RefusedException(
          Refusal.MAINTENANCE,
          window.get().endsAt().toString().replace('T', ' '),
          window.get().message());
    }
  }

  /** Makes the next payment read the maintenance windows again. */
  public static void forgetMaintenanceWindows() {
    MaintenanceSnapshot.forget();
  }
}
