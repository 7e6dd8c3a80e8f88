package org.jimoto.campaign.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.util.List;
import org.jimoto.campaign.control.CampaignEditor;

/**
 * Premium campaigns for the city (#11 item 2). A new campaign takes effect at its stated time; a
 * change is a new version with its own effective-from time, so charges made before it keep the
 * terms they were made under (the ledger reads the campaigns on every charge, uncached, so a
 * version is in force at exactly its time). The budget counter is the campaign's and survives
 * changes. Every change is audit-logged. CITY_ADMIN changes; CITY_CLERK and CITY_AUDITOR
 * read (checked here, not only by the page).
 */
@Stateless
public class CampaignAdministration {

  public static final String ADMIN = "CITY_ADMIN";
  public static final int MAX_NAME_CHARS = 200;

  /** Why a campaign was not saved; nothing is stored then. */
  public enum Problem {
    UNKNOWN_SERVICE,
    SERVICE_NOT_CHARGEABLE,
    UNKNOWN_CAMPAIGN,
    SERVICE_CHANGED,
    NAME_MISSING,
    NAME_TOO_LONG,
    RATE_MISSING,
    RATE_OUT_OF_RANGE,
    RATE_TOO_PRECISE,
    UNKNOWN_CHANNEL,
    PERIOD_MISSING,
    PERIOD_REVERSED,
    PREMIUM_EXPIRY_BEFORE_END,
    BUDGET_NEGATIVE,
    EFFECTIVE_IN_PAST,
    VERSION_AT_THAT_TIME,
    /**
     * Another administrator saved the same at the same moment (#11 review finding 7), or changed it
     * after the form was loaded (lost update).
     */
    CHANGED_MEANWHILE
  }

  /** What became of a save. */
  public sealed interface Outcome {
    /** Saved: in force from {@code effectiveFrom}. */
    record Saved(long campaignId, LocalDateTime effectiveFrom) implements Outcome {}

    record Refused(List<Problem> problems) implements Outcome {}
  }

  /** A chargeable service the campaign can be for. */
  public record ServiceChoice(String code, String nameJa, String nameEn) {}

  @Resource SessionContext session;
  @Inject CampaignEditor editor;

  /** Every campaign, newest first, with its terms in force now. */
  @RolesAllowed({"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"})
  public List<CampaignView> campaigns() {
    return editor.campaigns();
  }

  /** The chargeable services, for the form. */
  @RolesAllowed({"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"})
  public List<ServiceChoice> services() {
    return editor.services();
  }

  /** A new campaign or a new version of one, if the form is valid; audit-logged. */
  @RolesAllowed(ADMIN)
  public Outcome save(CampaignForm form) {
    return editor.save(form, session.getCallerPrincipal().getName());
  }
}
