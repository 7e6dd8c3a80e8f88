package org.jimoto.campaign.boundary;

import java.util.List;

/**
 * A service's charge rules as the city enters them (#11 item 2): the holding limit, how long
 * the charged part stays valid, whether the resident's own charges need the My Number
 * Card verification, and each channel's per-charge bounds.
 *
 * @param holdingLimitYen null = no limit
 * @param chargedValidYears null for a service that is not charged
 * @param channels one entry per channel offered; a channel left out is not offered
 */
public record ServiceRules(
    boolean chargeable,
    Long holdingLimitYen,
    Integer chargedValidYears,
    boolean chargeNeedsVerifiedIdentity,
    List<ChannelRule> channels) {

  /** A channel's bounds per charge and its unit (the window takes 1,000-yen units, R-20). */
  public record ChannelRule(String channel, Long minYen, Long maxYen, Long unitYen) {}
}
