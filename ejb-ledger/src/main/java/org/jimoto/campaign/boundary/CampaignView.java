package org.jimoto.campaign.boundary;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

/**
 * A campaign as the city's screen shows it: the terms in force now (null fields if its first
 * version is still announced), the budget used and remaining, and the versions announced for later.
 *
 * @param revision how many times it was changed; a form to change it carries this back ({@link
 *     CampaignForm#basedOnRevision()})
 */
public record CampaignView(
    long id,
    String serviceCode,
    String name,
    BigDecimal ratePercent,
    Set<String> channels,
    LocalDate startsOn,
    LocalDate endsOn,
    LocalDate fixedPremiumExpiry,
    boolean chargedFromCardPurchase,
    boolean paidInAnotherService,
    Long budgetCapYen,
    long budgetUsedYen,
    Long budgetRemainingYen,
    LocalDateTime inForceSince,
    boolean inForce,
    List<LocalDateTime> announced,
    int revision) {}
