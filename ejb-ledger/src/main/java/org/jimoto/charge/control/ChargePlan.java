package org.jimoto.charge.control;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.Catalog;
import org.jimoto.ledger.control.ExpiryRules;
import org.jimoto.ledger.control.Premium;

/**
 * What a charge would do, before any money moves: the checks a charge makes (R-14 aside, which the
 * wallet's conditional update makes) and the lots and bonuses it would create. The charge itself
 * and the resident's preview (#10 item 3) compute it the same way, so the preview cannot promise
 * what the charge does not give.
 *
 * @param premiumCampaign the campaign whose premium is credited to the charged service itself
 * @param premiumYen that premium, as claimed from the campaign's budget cap (a charge's plan) or as
 *     the cap allowed when read (a preview)
 * @param bonuses the bonuses paid in another service by the next day
 */
public record ChargePlan(
    Catalog.Service service,
    Catalog.Chargee chargee,
    Catalog.ChargeRule rule,
    long amountYen,
    LocalDate chargedExpiry,
    Optional<Catalog.Campaign> premiumCampaign,
    long premiumYen,
    LocalDate premiumExpiry,
    List<Bonus> bonuses) {

  /**
   * Claims a campaign's premium from its budget cap (#11 item 2) and answers what was granted: the
   * charge claims for real under the campaign row's lock, a preview only looks.
   */
  @FunctionalInterface
  public interface PremiumBudget {
    long claim(Catalog.Campaign campaign, long wantedYen) throws SQLException;
  }

  /** A preview claims nothing: it shows what the cap had left when it was read. */
  public static final PremiumBudget PREVIEW = (campaign, wantedYen) -> wantedYen;

  /** A bonus in another service, due the day after the charge. */
  public record Bonus(
      Catalog.Campaign campaign, long amountYen, LocalDate dueOn, LocalDate expiresOn) {}

  /**
   * ..R-23, R-84, R-91: plans a charge at {@code now}, or throws the refusal the
   * charge would get.
   */
  public static ChargePlan of(
      Catalog catalog,
      long residentId,
      String serviceCode,
      ChargeChannel channel,
      long amountYen,
      LocalDateTime now,
      PremiumBudget budget)
      throws SQLException {
    LocalDate today = now.toLocalDate();
    Catalog.Service service = catalog.service(serviceCode);
    if (!service.chargeable() || service.chargedValidYears() == null) {
      throw new RefusedException(Refusal.NOT_CHARGEABLE, service.name());
    }
    Catalog.ChargeRule rule = checkAmount(catalog, service, channel, amountYen);
    Catalog.Chargee chargee =
        catalog
            .chargee(residentId)
            .orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_RESIDENT));
    if (chargee.card() && !chargee.cardEnabled()) {
      // a card moved into the app says so, so that the app account is charged instead; a
      // lost card's balance is frozen (#11 item 3) and says so.
      throw new RefusedException(chargee.disabledCardRefusal());
    }
    // an app member's own charge (bank, card, ATM) needs the My Number Card
    // verification. At the window the clerk checks the identity documents in person, and a card
    // member's card was only issued after that check (R-92, R-23: cards are charged at the ATM).
    if (service.chargeNeedsVerifiedIdentity()
        && channel.byResidentAlone()
        && !chargee.card()
        && !chargee.identityVerified()) {
      throw new RefusedException(Refusal.IDENTITY_NOT_VERIFIED, service.name());
    }
    // #11 item 2: the campaigns' terms in force at this moment, for this channel.
    List<Catalog.Campaign> campaigns = catalog.campaigns(service.id(), now, channel.name());
    // R-10, R-11, #11 item 2: the premium is claimed from the campaign's cap while planning, so
    // that the charge is under the campaign that actually pays its premium, with that campaign's
    // charged-part and premium expiry. A campaign whose cap another charge used up since it was
    // read grants nothing and the next applicable one (the always-on 1 %, say) applies instead.
    // A cap with less left than the premium grants what is left: the charge keeps that campaign
    // (a partial premium at its rate's terms is what a city promises until the budget is gone).
    Optional<Catalog.Campaign> premiumCampaign = Optional.empty();
    long premium = 0;
    for (Catalog.Campaign k : premiumCampaigns(campaigns, chargee, service, today)) {
      long wanted = k.premiumOn(amountYen);
      long granted = wanted == 0 ? 0 : budget.claim(k, wanted);
      if (granted > 0 || wanted == 0) {
        premiumCampaign = Optional.of(k);
        premium = granted;
        break;
      }
    }
    LocalDate chargedExpiry =
        premiumCampaign
            .map(k -> chargedExpiry(k, chargee, service, today))
            .orElse(ExpiryRules.chargedPart(today, service.chargedValidYears()));
    LocalDate premiumExpiry = premiumCampaign.map(k -> k.premiumExpiry(today)).orElse(null);
    List<Bonus> bonuses = new ArrayList<>();
    for (Catalog.Campaign k : campaigns) {
      long bonus = k.inChargedService() ? 0 : k.premiumOn(amountYen);
      if (bonus > 0) {
        LocalDate due = today.plusDays(1);
        bonuses.add(new Bonus(k, bonus, due, k.premiumExpiry(due)));
      }
    }
    return new ChargePlan(
        service,
        chargee,
        rule,
        amountYen,
        chargedExpiry,
        premiumCampaign,
        premium,
        premiumExpiry,
        List.copyOf(bonuses));
  }

  /**
   * the campaign whose premium a charge on {@code today} gets in the charged service
   * itself (the first running one whose charged part would still be valid).
   */
  public static Optional<Catalog.Campaign> premiumCampaign(
      List<Catalog.Campaign> campaigns,
      Catalog.Chargee chargee,
      Catalog.Service service,
      LocalDate today) {
    return premiumCampaigns(campaigns, chargee, service, today).stream().findFirst();
  }

  /** The campaigns that could pay the premium in the charged service, in order of preference. */
  private static List<Catalog.Campaign> premiumCampaigns(
      List<Catalog.Campaign> campaigns,
      Catalog.Chargee chargee,
      Catalog.Service service,
      LocalDate today) {
    return campaigns.stream()
        .filter(Catalog.Campaign::inChargedService)
        .filter(k -> chargedExpiry(k, chargee, service, today).compareTo(today) >= 0)
        .toList();
  }

  /**
   * the largest charge whose credit (the amount plus its premium, as the wallet's holding
   * limit counts it at credit time) fits into {@code roomYen}. The premium is rounded down, so the
   * amount is found from {@code room / (1 + rate)} and corrected by a yen or two.
   */
  public static long largestFitting(long roomYen, int premiumRateBasisPoints) {
    if (roomYen <= 0) {
      return 0;
    }
    long amount = Math.multiplyExact(roomYen, 10_000L) / (10_000L + premiumRateBasisPoints);
    while (amount + 1 + Premium.of(amount + 1, premiumRateBasisPoints) <= roomYen) {
      amount++;
    }
    while (amount > 0 && amount + Premium.of(amount, premiumRateBasisPoints) > roomYen) {
      amount--;
    }
    return amount;
  }

  /**
   * the charged part's last valid day under a campaign. It counts from the charge,
   * except on a card under a campaign that counts from the card's purchase.
   */
  private static LocalDate chargedExpiry(
      Catalog.Campaign campaign, Catalog.Chargee chargee, Catalog.Service service, LocalDate day) {
    boolean fromPurchase =
        campaign.chargedFromCardPurchase() && chargee.card() && chargee.cardPurchasedOn() != null;
    return ExpiryRules.chargedPart(
        fromPurchase ? chargee.cardPurchasedOn() : day, service.chargedValidYears());
  }

  /** the channel's bounds and units. */
  private static Catalog.ChargeRule checkAmount(
      Catalog catalog, Catalog.Service service, ChargeChannel channel, long amount)
      throws SQLException {
    Catalog.ChargeRule rule =
        catalog
            .chargeRule(service.id(), channel.name())
            .orElseThrow(
                () ->
                    new RefusedException(
                        Refusal.CHARGE_CHANNEL_NOT_OFFERED, service.name(), channel.displayName()));
    if (amount < rule.minYen()) {
      throw new RefusedException(Refusal.CHARGE_BELOW_MINIMUM, rule.minYen());
    }
    if (amount > rule.maxYen()) {
      throw new RefusedException(Refusal.CHARGE_ABOVE_MAXIMUM, rule.maxYen());
    }
    if (amount % rule.unitYen() != 0) {
      throw new RefusedException(Refusal.CHARGE_NOT_IN_UNITS, rule.unitYen());
    }
    return rule;
  }
}
