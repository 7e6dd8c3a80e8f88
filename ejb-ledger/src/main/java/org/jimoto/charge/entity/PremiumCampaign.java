package org.jimoto.charge.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * A premium campaign (プレミアムキャンペーン): charges made between its start and end get a bonus of {@code
 * rateBasisPoints} (100 = 1 %) as a separate lot whose expiry is the end of the fiscal year of the
 * charge or a fixed date. The charged part counts 2 years from the charge, or, where
 * the campaign says so, on a card from the card's purchase. With a bonus service the bonus
 * is paid in that other service by the next day instead (R-22, さいたま's たまポン).
 */
@Entity
@Table(name = "premium_campaign")
public class PremiumCampaign {

  /** How the premium part's expiry is set. */
  public enum PremiumExpiry {
    FISCAL_YEAR_END,
    FIXED_DATE
  }

  @Id
  @SequenceGenerator(
      name = "premium_campaign_seq",
      sequenceName = "premium_campaign_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "premium_campaign_seq")
  private Long id;

  @Column(name = "service_id", nullable = false)
  private long serviceId;

  @Column(nullable = false)
  private String name;

  @Column(name = "rate_basis_points", nullable = false)
  private int rateBasisPoints;

  @Column(name = "starts_on", nullable = false)
  private LocalDate startsOn;

  @Column(name = "ends_on", nullable = false)
  private LocalDate endsOn;

  @Enumerated(EnumType.STRING)
  @Column(name = "premium_expiry", nullable = false)
  private PremiumExpiry premiumExpiry;

  @Column(name = "premium_expires_on")
  private LocalDate premiumExpiresOn;

  @Column(name = "bonus_service_id")
  private Long bonusServiceId;

  @Column(name = "charged_from_card_purchase", nullable = false)
  private boolean chargedFromCardPurchase;

  protected PremiumCampaign() {}

  public PremiumCampaign(
      long serviceId,
      String name,
      int rateBasisPoints,
      LocalDate startsOn,
      LocalDate endsOn,
      LocalDate fixedPremiumExpiry) {
    this.serviceId = serviceId;
    this.name = name;
    this.rateBasisPoints = rateBasisPoints;
    this.startsOn = startsOn;
    this.endsOn = endsOn;
    this.premiumExpiry =
        fixedPremiumExpiry == null ? PremiumExpiry.FISCAL_YEAR_END : PremiumExpiry.FIXED_DATE;
    this.premiumExpiresOn = fixedPremiumExpiry;
  }

  /** pays the bonus in another service, by the next day. */
  public PremiumCampaign paidIn(long bonusService) {
    this.bonusServiceId = bonusService;
    return this;
  }

  /**
   * on a card, the charged part of a charge under this campaign counts from the card's
   * purchase, not from the charge (ISECA's 令和5年度 30 % campaign).
   */
  public PremiumCampaign chargedPartFromCardPurchase() {
    this.chargedFromCardPurchase = true;
    return this;
  }

  public Long getId() {
    return id;
  }

  public int getRateBasisPoints() {
    return rateBasisPoints;
  }
}
