package org.jimoto.charge.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.charge.control.ChargePlan;
import org.jimoto.charge.control.ChargeProvider;
import org.jimoto.charge.control.ChargeProvider.Answer;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.Catalog;
import org.jimoto.ledger.control.LedgerStore;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.resident.control.ResidentLogins;

/**
 * A resident charging their own wallet online (#10 item 3, R-20..R-23): what they may charge (the
 * limits, before they type), the preview of the premium, the order at the bank or card network, and
 * the charge once the provider approved. The resident is always the login's own; a
 * provider's session of another resident is unknown to them.
 *
 * <p>No half charge: nothing is credited before the provider approves, and an approval the ledger
 * then refuses (the holding limit reached meanwhile, a maintenance window) is given back to the
 * provider. The provider's reference is the charge's idempotency key, so the resident coming back
 * twice, or the provider's late or repeated notification, credits once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ResidentCharges {

  /** The channels a resident uses on their own (the window and the ATM are elsewhere). */
  public static final List<ChargeChannel> ONLINE =
      List.of(ChargeChannel.BANK, ChargeChannel.CREDIT_CARD);

  /** A channel's per-charge bounds and units. */
  public record ChannelRule(ChargeChannel channel, long minYen, long maxYen, long unitYen) {}

  /**
   * A service the resident can charge, with what they may charge: the holding limit less the
   * balance, the channels' bounds, whether identity verification is needed and done.
   */
  public record ServiceOption(
      String code,
      LocalizedName name,
      LocalizedName unit,
      long balanceYen,
      Long holdingLimitYen,
      boolean identityRequired,
      boolean identityVerified,
      List<ChannelRule> channels) {

    /** The most the wallet can still take (null without a limit). */
    public Long roomYen() {
      return holdingLimitYen == null ? null : Math.max(0, holdingLimitYen - balanceYen);
    }

    public boolean blockedByIdentity() {
      return identityRequired && !identityVerified;
    }
  }

  /** A bonus in another service that the charge would earn. */
  public record BonusPreview(
      LocalizedName serviceName,
      LocalizedName unit,
      int rateBasisPoints,
      long amountYen,
      LocalDate dueOn,
      LocalDate expiresOn) {}

  /** What a preview answers. */
  public sealed interface Preview {
    /**
     * The charge as the ledger would make it now.
     *
     * @param premiumRateBasisPoints 0 without a premium campaign (100 = 1 %)
     */
    record Ok(
        long amountYen,
        LocalDate chargedExpiresOn,
        int premiumRateBasisPoints,
        long premiumYen,
        LocalDate premiumExpiresOn,
        List<BonusPreview> bonuses,
        long balanceAfterYen)
        implements Preview {}

    record Refused(Refusal refusal, Object[] args) implements Preview {}
  }

  /** What starting a charge answers. */
  public sealed interface Start {
    /** The order is open at the provider: the resident goes to its page with this session. */
    record Opened(ChargeChannel channel, String sessionId) implements Start {}

    record Refused(Refusal refusal, Object[] args) implements Start {}
  }

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject ResidentLogins logins;
  @Inject ChargeService charges;
  @Inject Instance<ChargeProvider> providers;
  @Inject Clock clock;

  /** The services the login's resident can charge, with their channels' limits. */
  public List<ServiceOption> options(String loginName) {
    long resident = resident(loginName);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT code, unit_ja, unit_en FROM value_service WHERE chargeable = TRUE"
                    + " ORDER BY id")) {
      var catalog = new Catalog(c);
      var store = new LedgerStore(c, LocalDateTime.now(clock));
      boolean verified =
          catalog.chargee(resident).map(Catalog.Chargee::identityVerified).orElse(false);
      List<ServiceOption> options = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Catalog.Service s = catalog.service(rs.getString(1));
          List<ChannelRule> rules = new ArrayList<>();
          for (ChargeChannel channel : ONLINE) {
            catalog
                .chargeRule(s.id(), channel.name())
                .ifPresent(
                    r -> rules.add(new ChannelRule(channel, r.minYen(), r.maxYen(), r.unitYen())));
          }
          if (rules.isEmpty()) {
            continue;
          }
          Optional<Long> wallet = store.wallet(resident, s.id());
          long balance = wallet.isPresent() ? store.balance(wallet.get()) : 0;
          options.add(
              new ServiceOption(
                  s.code(),
                  s.name(),
                  new LocalizedName(rs.getString(2), rs.getString(3)),
                  balance,
                  s.holdingLimitYen(),
                  s.chargeNeedsVerifiedIdentity(),
                  verified,
                  List.copyOf(rules)));
        }
      }
      return options;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The charge as the ledger would make it now, with the refusal it would get (bounds, units,
   * holding limit, identity, maintenance). Nothing changes.
   */
  public Preview preview(
      String loginName, String serviceCode, ChargeChannel channel, long amountYen) {
    long resident = resident(loginName);
    if (channel != null && ONLINE.contains(channel) && !provider(channel).available()) {
      // No simulator outside demo mode, and no real adapter yet: said before anything starts.
      return new Preview.Refused(Refusal.CHARGE_METHOD_UNAVAILABLE, new Object[0]);
    }
    try (Connection c = dataSource.getConnection()) {
      return plan(c, resident, serviceCode, channel, amountYen);
    } catch (RefusedException e) {
      return new Preview.Refused(e.refusal(), e.args());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Opens the order at the bank or card network after the same checks as the preview; the resident
   * then authorises it on the provider's page. Nothing is charged yet.
   */
  public Start start(String loginName, String serviceCode, ChargeChannel channel, long amountYen) {
    if (channel == null || !ONLINE.contains(channel)) {
      return new Start.Refused(
          Refusal.CHARGE_CHANNEL_NOT_OFFERED,
          new Object[] {serviceCode, channel == null ? "" : channel.displayName()});
    }
    Preview preview = preview(loginName, serviceCode, channel, amountYen);
    if (preview instanceof Preview.Refused r) {
      return new Start.Refused(r.refusal(), r.args());
    }
    long resident = resident(loginName);
    String session =
        provider(channel).open(new ChargeProvider.Order(resident, serviceCode, amountYen));
    return new Start.Opened(channel, session);
  }

  /**
   * The resident came back from the provider's page: asks the provider for its answer and charges
   * the approved amount under the provider's reference. Coming back again answers with the same
   * charge (credited once).
   */
  public CreditOutcome finish(String loginName, ChargeChannel channel, String sessionId) {
    long resident = resident(loginName);
    ChargeProvider provider = provider(channel);
    if (!provider.available()) {
      return refused(Refusal.CHARGE_METHOD_UNAVAILABLE);
    }
    Optional<ChargeProvider.Order> order = provider.order(sessionId);
    if (order.isEmpty() || order.get().residentId() != resident) {
      return refused(Refusal.CHARGE_ATTEMPT_UNKNOWN);
    }
    return credit(provider, channel, sessionId, order.get(), "resident:" + loginName);
  }

  /**
   * The provider's own notification of an order's answer (a late or repeated one): charges an
   * approval once, as {@link #finish} does.
   */
  public CreditOutcome providerNotified(ChargeChannel channel, String sessionId) {
    ChargeProvider provider = provider(channel);
    if (!provider.available()) {
      return refused(Refusal.CHARGE_METHOD_UNAVAILABLE);
    }
    Optional<ChargeProvider.Order> order = provider.order(sessionId);
    if (order.isEmpty()) {
      return refused(Refusal.CHARGE_ATTEMPT_UNKNOWN);
    }
    return credit(provider, channel, sessionId, order.get(), "provider:" + channel);
  }

  private CreditOutcome credit(
      ChargeProvider provider,
      ChargeChannel channel,
      String sessionId,
      ChargeProvider.Order order,
      String actor) {
    Answer answer = provider.answer(sessionId);
    if (answer instanceof Answer.Approved a) {
      CreditOutcome outcome =
          charges.charge(
              new ChargeRequest(
                  order.residentId(),
                  order.serviceCode(),
                  channel,
                  order.amountYen(),
                  a.reference(),
                  actor));
      if (outcome instanceof CreditOutcome.Refused r
          && r.refusal() != Refusal.EXTERNAL_REFERENCE_REUSED) {
        provider.reverse(sessionId); // no half charge: the resident keeps the money
      }
      return outcome;
    }
    if (answer instanceof Answer.Declined) {
      return refused(Refusal.CHARGE_DECLINED, channel.displayName());
    }
    if (answer instanceof Answer.Failed) {
      return refused(Refusal.CHARGE_PROVIDER_FAILED, channel.displayName());
    }
    if (answer instanceof Answer.NoAnswer) {
      return refused(Refusal.CHARGE_PROVIDER_TIMEOUT, channel.displayName());
    }
    if (answer instanceof Answer.Cancelled) {
      return refused(Refusal.CHARGE_CANCELLED);
    }
    return refused(Refusal.CHARGE_ATTEMPT_UNKNOWN); // pending or given back
  }

  private Preview plan(
      Connection c, long resident, String serviceCode, ChargeChannel channel, long amountYen)
      throws SQLException {
    LocalDateTime now = LocalDateTime.now(clock);
    var catalog = new Catalog(c);
    catalog.refuseDuringMaintenance(now);
    ChargePlan plan =
        ChargePlan.of(catalog, resident, serviceCode, channel, amountYen, now.toLocalDate());
    var store = new LedgerStore(c, now);
    Optional<Long> wallet = store.wallet(resident, plan.service().id());
    long balance = wallet.isPresent() ? store.balance(wallet.get()) : 0;
    long after = balance + amountYen + plan.premiumYen();
    Long limit = plan.service().holdingLimitYen();
    if (limit != null && after > limit) {
      throw new RefusedException(Refusal.HOLDING_LIMIT_EXCEEDED, limit, balance);
    }
    List<BonusPreview> bonuses = new ArrayList<>();
    for (ChargePlan.Bonus b : plan.bonuses()) {
      Catalog.Service bonusService = catalog.service(b.campaign().bonusServiceId());
      bonuses.add(
          new BonusPreview(
              bonusService.name(),
              unit(c, bonusService.id()),
              b.campaign().rateBasisPoints(),
              b.amountYen(),
              b.dueOn(),
              b.expiresOn()));
    }
    return new Preview.Ok(
        amountYen,
        plan.chargedExpiry(),
        plan.premiumCampaign().map(Catalog.Campaign::rateBasisPoints).orElse(0),
        plan.premiumYen(),
        plan.premiumExpiry(),
        List.copyOf(bonuses),
        after);
  }

  private static LocalizedName unit(Connection c, long serviceId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT unit_ja, unit_en FROM value_service WHERE id = ?")) {
      ps.setLong(1, serviceId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new LocalizedName(rs.getString(1), rs.getString(2));
      }
    }
  }

  private ChargeProvider provider(ChargeChannel channel) {
    for (ChargeProvider p : providers) {
      if (p.channel() == channel) {
        return p;
      }
    }
    throw new IllegalArgumentException("no provider for " + channel);
  }

  private long resident(String loginName) {
    return logins
        .appMember(loginName)
        .orElseThrow(() -> new IllegalArgumentException("not an app member's login"));
  }

  private static CreditOutcome refused(Refusal refusal, Object... args) {
    return new CreditOutcome.Refused(refusal, args);
  }
}
