package org.jimoto.campaign.boundary;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;

/**
 * A campaign as the city enters it (#11 item 2); {@link CampaignAdministration#save} checks it.
 *
 * @param campaignId the campaign to change, or null for a new one
 * @param serviceCode the charged service (fixed once created)
 * @param ratePercent the premium, e.g. 20 or 1.5 (at most two decimals)
 * @param channels the charge channels it applies to; empty = every channel
 * @param fixedPremiumExpiry R-11: the premium part's last day; null = end of the fiscal year of the
 *     charge
 * @param chargedFromCardPurchase R-11: on a card, the charged part counts from the card's purchase
 * @param budgetCapYen the most premium granted in all; null = no cap
 * @param effectiveFrom when the terms take effect; null = now
 * @param basedOnRevision for a change, the {@link CampaignView#revision()} the form was loaded
 *     from: a change saved since is not silently undone (CHANGED_MEANWHILE); null for a new one
 */
public record CampaignForm(
    Long campaignId,
    String serviceCode,
    String name,
    BigDecimal ratePercent,
    Set<String> channels,
    LocalDate startsOn,
    LocalDate endsOn,
    LocalDate fixedPremiumExpiry,
    boolean chargedFromCardPurchase,
    Long budgetCapYen,
    LocalDateTime effectiveFrom,
    Integer basedOnRevision) {}
