package org.jimoto.charge.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
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
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jimoto.charge.control.ChargeOrders;
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
 * provider. Nothing acknowledged is lost: our order is recorded before the provider is asked and
 * moves under its row lock ({@link ChargeOrders}, V19); its random id is the charge's idempotency
 * key, so the resident coming back twice, the provider's late or repeated notification and the
 * reconciliation credit once, also after a restart.
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
      List<ChannelRule> channels,
      int premiumRateBasisPoints) {

    /**
     * the largest charge the wallet can still take (null without a limit). The ledger counts
     * the premium against the holding limit when it credits, so this is the largest amount whose
     * amount + premium fits: at 90,000 of 100,000 with 1 %, 9,901 (9,901 + 99 = 10,000), not 10,000
     * (10,000 + 100 would be refused after the bank took the money).
     */
    public Long roomYen() {
      return holdingLimitYen == null
          ? null
          : ChargePlan.largestFitting(holdingLimitYen - balanceYen, premiumRateBasisPoints);
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
  @Inject ChargeOrders orders;

  private static final Logger LOG = Logger.getLogger(ResidentCharges.class.getName());

  /** The services the login's resident can charge, with their channels' limits. */
  public List<ServiceOption> options(String loginName) {
    long resident = resident(loginName);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT code, unit_ja, unit_en FROM value_service WHERE chargeable = TRUE"
                    + " ORDER BY id")) {
      var catalog = new Catalog(c);
      LocalDateTime now = LocalDateTime.now(clock);
      var store = new LedgerStore(c, now);
      Optional<Catalog.Chargee> chargee = catalog.chargee(resident);
      boolean verified = chargee.map(Catalog.Chargee::identityVerified).orElse(false);
      LocalDate today = now.toLocalDate();
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
          // #11 item 2: only campaigns for the app's own channels count here (an ATM- or
          // window-only campaign gives nothing in the app); the highest of them, so that the
          // room left under the holding limit holds whichever channel is chosen.
          int premiumRate = 0;
          for (ChannelRule r : rules) {
            List<Catalog.Campaign> campaigns = catalog.campaigns(s.id(), now, r.channel().name());
            premiumRate =
                Math.max(
                    premiumRate,
                    chargee
                        .flatMap(ch -> ChargePlan.premiumCampaign(campaigns, ch, s, today))
                        .map(Catalog.Campaign::rateBasisPoints)
                        .orElse(0));
          }
          options.add(
              new ServiceOption(
                  s.code(),
                  s.name(),
                  new LocalizedName(rs.getString(2), rs.getString(3)),
                  balance,
                  s.holdingLimitYen(),
                  s.chargeNeedsVerifiedIdentity(),
                  verified,
                  List.copyOf(rules),
                  premiumRate));
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

  /** An order the resident has not seen finished (OPEN, or APPROVED and not credited yet). */
  public record UnfinishedOrder(
      String orderId,
      String serviceCode,
      ChargeChannel channel,
      long amountYen,
      ChargeOrders.Status status,
      LocalDateTime createdAt) {}

  /**
   * Opens the order after the same checks as the preview: our order row is written and committed
   * first (V19), then the bank or card network is asked; the resident then authorises it on the
   * provider's page. Nothing is charged yet.
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
    String orderId = orders.create(resident, serviceId(serviceCode), channel, amountYen);
    String session;
    try {
      session =
          provider(channel)
              .open(new ChargeProvider.Order(orderId, resident, serviceCode, amountYen));
    } catch (RuntimeException e) {
      orders.failToOpen(orderId);
      throw e;
    }
    orders.attach(orderId, session);
    return new Start.Opened(channel, session);
  }

  /**
   * The resident came back from the provider's page: asks the provider for its answer and charges
   * the approved amount once. Coming back again answers with the same charge; an answer that did
   * not come is "being confirmed" (the reconciliation asks the provider later).
   */
  public CreditOutcome finish(String loginName, ChargeChannel channel, String sessionId) {
    long resident = resident(loginName);
    if (!provider(channel).available()) {
      return refused(Refusal.CHARGE_METHOD_UNAVAILABLE);
    }
    Optional<ChargeOrders.Order> order = orders.bySession(channel, sessionId);
    if (order.isEmpty() || order.get().residentId() != resident) {
      return refused(Refusal.CHARGE_ATTEMPT_UNKNOWN); // another resident's order is unknown
    }
    return settle(order.get().id(), false, "resident:" + loginName);
  }

  /**
   * The provider's own notification of an order's answer (a late or repeated one): charges an
   * approval once, as {@link #finish} does.
   */
  public CreditOutcome providerNotified(ChargeChannel channel, String sessionId) {
    if (!provider(channel).available()) {
      return refused(Refusal.CHARGE_METHOD_UNAVAILABLE);
    }
    Optional<ChargeOrders.Order> order = orders.bySession(channel, sessionId);
    if (order.isEmpty()) {
      return refused(Refusal.CHARGE_ATTEMPT_UNKNOWN);
    }
    return settle(order.get().id(), false, "provider:" + channel);
  }

  /** The login's resident's unfinished orders, newest first (shown on the charge page). */
  public List<UnfinishedOrder> unfinished(String loginName) {
    return orders.unfinished(resident(loginName)).stream()
        .map(
            o ->
                new UnfinishedOrder(
                    o.id(), o.serviceCode(), o.channel(), o.amountYen(), o.status(), o.createdAt()))
        .toList();
  }

  /** Orders left unfinished this long are the reconciliation's. */
  public static final Duration RECONCILE_AFTER = Duration.ofMinutes(2);

  /**
   * The reconciliation (every minute, {@code ChargeReconciliationTimer}): asks the provider about
   * each order unfinished for more than {@link #RECONCILE_AFTER} and credits its approval (an
   * answer lost on the way back, a server killed between approval and credit), records declines and
   * expires an order the provider no longer knows after its period. Safe on several servers: each
   * step works under the order's row lock. Returns how many orders were looked at.
   */
  public int reconcile() {
    List<String> due = orders.due(LocalDateTime.now(clock).minus(RECONCILE_AFTER), 200);
    for (String id : due) {
      try {
        settle(id, true, "reconciliation");
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "charge order " + id + " not reconciled", e);
      }
    }
    return due.size();
  }

  /**
   * Moves an order on: records the provider's answer, credits an approval (in the ledger's
   * transaction) or gives it back when the ledger refuses it. Each step under the order's lock.
   */
  private CreditOutcome settle(String orderId, boolean inquiry, String actor) {
    ChargeOrders.Order o = orders.find(orderId).orElseThrow();
    ChargeProvider provider = provider(o.channel());
    if (!provider.available()) {
      return refused(Refusal.CHARGE_METHOD_UNAVAILABLE); // left as it is: nobody to ask
    }
    ChargeOrders.Learnt learnt = orders.learn(orderId, provider, inquiry);
    o = learnt.order();
    switch (o.status()) {
      case APPROVED, CREDITED -> {
        return creditOrGiveBack(o, provider, actor, inquiry);
      }
      case DECLINED -> {
        return refused(Refusal.CHARGE_DECLINED, o.channel().displayName());
      }
      case FAILED -> {
        return refused(Refusal.CHARGE_PROVIDER_FAILED, o.channel().displayName());
      }
      case CANCELLED -> {
        return refused(Refusal.CHARGE_CANCELLED);
      }
      case OPEN -> {
        if (learnt.answer() instanceof Answer.NoAnswer) {
          return new CreditOutcome.Confirming(o.id(), o.channel(), o.amountYen());
        }
        return refused(Refusal.CHARGE_ATTEMPT_UNKNOWN); // not finished at the provider's page
      }
      default -> {
        return refused(Refusal.CHARGE_ATTEMPT_UNKNOWN); // given back or expired
      }
    }
  }

  private CreditOutcome creditOrGiveBack(
      ChargeOrders.Order o, ChargeProvider provider, String actor, boolean reconciliation) {
    try {
      return orders.credit(o.id(), provider, actor);
    } catch (RefusedException e) {
      return givenBack(o, provider, e.refusal(), e.args(), reconciliation);
    } catch (EJBException e) {
      if (e.getCause() instanceof RefusedException r) {
        return givenBack(o, provider, r.refusal(), r.args(), reconciliation);
      }
      throw e;
    }
  }

  private CreditOutcome givenBack(
      ChargeOrders.Order o,
      ChargeProvider provider,
      Refusal refusal,
      Object[] args,
      boolean reconciliation) {
    if (reconciliation && refusal == Refusal.MAINTENANCE) {
      return new CreditOutcome.Refused(refusal, args); // still APPROVED: credited after the window
    }
    ChargeOrders.Order after = orders.giveBack(o.id(), provider);
    if (after.status() == ChargeOrders.Status.CREDITED) {
      return orders.credit(o.id(), provider, "replay"); // a concurrent step credited it first
    }
    return new CreditOutcome.Refused(refusal, args); // no half charge: the resident keeps the money
  }

  private long serviceId(String serviceCode) {
    try (Connection c = dataSource.getConnection()) {
      return new Catalog(c).service(serviceCode).id();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Preview plan(
      Connection c, long resident, String serviceCode, ChargeChannel channel, long amountYen)
      throws SQLException {
    LocalDateTime now = LocalDateTime.now(clock);
    var catalog = new Catalog(c);
    catalog.refuseDuringMaintenance(now);
    ChargePlan plan =
        ChargePlan.of(catalog, resident, serviceCode, channel, amountYen, now, ChargePlan.PREVIEW);
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
