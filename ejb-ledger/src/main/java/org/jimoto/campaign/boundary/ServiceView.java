package org.jimoto.campaign.boundary;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A service as the city's screen shows it: names, its charge rules in force now, the rule versions
 * announced for later, and how many shops accept it.
 *
 * @param rulesRevision how many times its rules were changed; a form to change them carries this
 *     back ({@link ServiceAdministration#changeRules})
 */
public record ServiceView(
    String code,
    int type,
    String nameJa,
    String nameEn,
    String unitJa,
    String unitEn,
    boolean cardUsable,
    ServiceRules rules,
    LocalDateTime rulesInForceSince,
    List<LocalDateTime> announced,
    long acceptingShops,
    int rulesRevision) {}
