package org.jimoto.campaign.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import org.jimoto.ledger.control.SqlDialect;

/**
 * A campaign's budget cap (#11 item 2): the premium a charge would get is claimed from the cap
 * under the campaign row's lock, in the charge's own transaction. A charge that finds less left
 * than its premium gets what is left, and one that finds nothing left gets no premium; the charge
 * itself goes through either way, as one balanced journal entry. A rollback of the charge (the
 * holding limit, say) returns its claim with it. Campaigns without a cap take no lock, so the
 * always-on 1 % premium does not serialize charges.
 */
public final class CampaignBudget {

  private CampaignBudget() {}

  /** The part of {@code wantedYen} the campaign's cap still allows, now counted as used. */
  public static long claim(Connection c, long campaignId, long wantedYen, LocalDateTime now)
      throws SQLException {
    if (wantedYen <= 0) {
      return 0;
    }
    CampaignTerms terms = CampaignTerms.of(c, campaignId, now);
    if (terms == null || terms.budgetCapYen() == null) {
      return wantedYen;
    }
    long used;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT budget_used_yen FROM premium_campaign WHERE id = ?"
                + SqlDialect.of(c).forNoKeyUpdate())) {
      ps.setLong(1, campaignId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return 0;
        }
        used = rs.getLong(1);
      }
    }
    long granted = Math.max(0, Math.min(wantedYen, terms.budgetCapYen() - used));
    if (granted > 0) {
      // Defence in depth: the update itself refuses to pass the cap, whatever was read above.
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE premium_campaign SET budget_used_yen = budget_used_yen + ?"
                  + " WHERE id = ? AND budget_used_yen + ? <= ?")) {
        ps.setLong(1, granted);
        ps.setLong(2, campaignId);
        ps.setLong(3, granted);
        ps.setLong(4, terms.budgetCapYen());
        if (ps.executeUpdate() != 1) {
          return 0; // the cap moved under us: no premium rather than one past the cap
        }
      }
    }
    return granted;
  }
}
