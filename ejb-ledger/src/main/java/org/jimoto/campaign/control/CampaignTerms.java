package org.jimoto.campaign.control;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A premium campaign's terms in force at a moment (#11 item 2): the newest version whose
 * effective-from time has come, or the campaign's own row (its first version) if no later version
 * is in force yet. A campaign whose first version is not yet in force has no terms.
 *
 * @param channels the charge channels it applies to; empty = every channel
 * @param budgetCapYen the most premium it grants in all (R-22 budget); null = no cap
 * @param budgetUsedYen the premium granted so far under a cap
 * @param effectiveFrom when these terms took effect; null for campaigns older than #11
 */
public record CampaignTerms(
    long id,
    long serviceId,
    String name,
    int rateBasisPoints,
    LocalDate startsOn,
    LocalDate endsOn,
    String premiumExpiry,
    LocalDate premiumExpiresOn,
    Long bonusServiceId,
    boolean chargedFromCardPurchase,
    Set<String> channels,
    Long budgetCapYen,
    long budgetUsedYen,
    LocalDateTime effectiveFrom) {

  /** Whether a charge on {@code day} through {@code channel} (null = any) falls under it. */
  public boolean covers(LocalDate day, String channel) {
    return !startsOn.isAfter(day)
        && !endsOn.isBefore(day)
        && (channel == null || channels.isEmpty() || channels.contains(channel));
  }

  /** A cap that is used up: the campaign grants nothing more. */
  public boolean exhausted() {
    return budgetCapYen != null && budgetUsedYen >= budgetCapYen;
  }

  /** What is left of the cap; null without a cap. */
  public Long budgetRemainingYen() {
    return budgetCapYen == null ? null : Math.max(0, budgetCapYen - budgetUsedYen);
  }

  private static final String SELECT =
      "SELECT k.id, k.service_id, k.bonus_service_id, k.budget_used_yen, k.effective_from,"
          + " k.name, k.rate_basis_points, k.starts_on, k.ends_on, k.premium_expiry,"
          + " k.premium_expires_on, k.charged_from_card_purchase, k.channels, k.budget_cap_yen,"
          + " v.effective_from, v.name, v.rate_basis_points, v.starts_on, v.ends_on,"
          + " v.premium_expiry, v.premium_expires_on, v.charged_from_card_purchase, v.channels,"
          + " v.budget_cap_yen"
          + " FROM premium_campaign k LEFT JOIN premium_campaign_version v"
          + " ON v.campaign_id = k.id AND v.effective_from = (SELECT MAX(w.effective_from)"
          + " FROM premium_campaign_version w WHERE w.campaign_id = k.id AND w.effective_from <= ?)"
          + " WHERE ";

  /** The terms in force at {@code now} of every campaign of the service (null: all services). */
  public static List<CampaignTerms> inForce(Connection c, Long serviceId, LocalDateTime now)
      throws SQLException {
    return query(c, serviceId == null ? "1 = 1" : "k.service_id = ?", serviceId, now);
  }

  /** One campaign's terms in force at {@code now}; null if it has none yet (or no such id). */
  public static CampaignTerms of(Connection c, long campaignId, LocalDateTime now)
      throws SQLException {
    List<CampaignTerms> found = query(c, "k.id = ?", campaignId, now);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<CampaignTerms> query(Connection c, String where, Long key, LocalDateTime now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + where + " ORDER BY k.id")) {
      ps.setTimestamp(1, Timestamp.valueOf(now));
      if (key != null) {
        ps.setLong(2, key);
      }
      List<CampaignTerms> terms = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long bonus = rs.getLong(3);
          Long bonusService = rs.wasNull() ? null : bonus;
          Timestamp baseFrom = rs.getTimestamp(5);
          Timestamp versionFrom = rs.getTimestamp(15);
          int o; // the first column of the version in force
          LocalDateTime from;
          if (versionFrom != null) {
            o = 16;
            from = versionFrom.toLocalDateTime();
          } else if (baseFrom == null || !baseFrom.toLocalDateTime().isAfter(now)) {
            o = 6;
            from = baseFrom == null ? null : baseFrom.toLocalDateTime();
          } else {
            continue; // announced, not yet in force
          }
          Date fixed = rs.getDate(o + 5);
          String channels = rs.getString(o + 7);
          long cap = rs.getLong(o + 8);
          Long capYen = rs.wasNull() ? null : cap;
          terms.add(
              new CampaignTerms(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getString(o),
                  rs.getInt(o + 1),
                  rs.getDate(o + 2).toLocalDate(),
                  rs.getDate(o + 3).toLocalDate(),
                  rs.getString(o + 4),
                  fixed == null ? null : fixed.toLocalDate(),
                  bonusService,
                  rs.getBoolean(o + 6),
                  parseChannels(channels),
                  capYen,
                  rs.getLong(4),
                  from));
        }
      }
      return terms;
    }
  }

  /** 'BANK,ATM' as a set; null or blank = every channel (empty set). */
  public static Set<String> parseChannels(String channels) {
    Set<String> set = new TreeSet<>();
    if (channels != null) {
      Arrays.stream(channels.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .forEach(set::add);
    }
    return set;
  }
}
