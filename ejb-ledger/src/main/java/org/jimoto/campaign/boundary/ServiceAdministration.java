package org.jimoto.campaign.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.jimoto.campaign.control.ServiceEditor;
import org.jimoto.ledger.control.Catalog;

/**
 * Value services for the city (R-02, #11 item 2): a new service, a new version of its charge rules
 * in force from a stated time, and which shops accept it.
 * Every change is audit-logged. CITY_ADMIN changes; CITY_CLERK and CITY_AUDITOR read.
 *
 * <p>The ledger keeps services in memory for {@link Catalog#CACHE_MILLIS}, and until the next
 * announced version. A new version therefore takes effect no sooner than that after it is saved:
 * every server has by then let go of what it read before, and the screen states the time.
 */
@Stateless
public class ServiceAdministration {

  /** Why nothing was saved. */
  public enum Problem {
    CODE_INVALID,
    CODE_TAKEN,
    TYPE_INVALID,
    NAME_MISSING,
    UNIT_MISSING,
    UNKNOWN_SERVICE,
    VALID_YEARS_INVALID,
    HOLDING_LIMIT_INVALID,
    UNKNOWN_CHANNEL,
    BOUNDS_MISSING,
    BOUNDS_INVALID,
    WINDOW_UNIT_NOT_THOUSANDS,
    MAX_NOT_IN_UNITS,
    CHARGEABLE_WITHOUT_CHANNEL,
    EFFECTIVE_TOO_SOON,
    VERSION_AT_THAT_TIME,
    UNKNOWN_SHOP,
    /**
     * Another administrator saved the same at the same moment (#11 review finding 7), or changed it
     * after the form was loaded (lost update).
     */
    CHANGED_MEANWHILE
  }

  /** What became of a change. */
  public sealed interface Outcome {
    /** Saved, in force from {@code effectiveFrom}. */
    record Saved(String serviceCode, LocalDateTime effectiveFrom) implements Outcome {}

    record Refused(List<Problem> problems) implements Outcome {}
  }

  /** A shop and whether it accepts the service. */
  public record ShopAcceptance(String shopCode, String shopName, boolean accepts) {}

  @Resource SessionContext session;
  @Inject ServiceEditor editor;

  /** Every service with its rules in force now. */
  @RolesAllowed({"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"})
  public List<ServiceView> services() {
    return editor.services();
  }

  /** a new service, in force at once (nothing older to replace); audit-logged. */
  @RolesAllowed("CITY_ADMIN")
  public Outcome create(
      String code,
      int type,
      String nameJa,
      String nameEn,
      String unitJa,
      String unitEn,
      boolean cardUsable,
      ServiceRules rules) {
    return editor.create(code, type, nameJa, nameEn, unitJa, unitEn, cardUsable, rules, actor());
  }

  /**
   * A new version of the service's charge rules from {@code effectiveFrom} (null: as soon as
   * possible), at the earliest {@link Catalog#CACHE_MILLIS} from now; audit-logged. Refused with
   * CHANGED_MEANWHILE unless {@code basedOnRevision} is the {@link ServiceView#rulesRevision()} of
   * the rules as they are now (the form's rules were loaded before another change).
   */
  @RolesAllowed("CITY_ADMIN")
  public Outcome changeRules(
      String code, ServiceRules rules, LocalDateTime effectiveFrom, Integer basedOnRevision) {
    return editor.changeRules(code, rules, effectiveFrom, basedOnRevision, actor());
  }

  /** every shop, and whether it accepts the service. */
  @RolesAllowed({"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"})
  public List<ShopAcceptance> acceptance(String code) {
    return editor.acceptance(code);
  }

  /**
   * the shops that accept the service; in force on every server by the returned time. Refused
   * with CHANGED_MEANWHILE unless {@code acceptedAsLoaded}, the shops the form showed as accepting,
   * are those accepting now.
   */
  @RolesAllowed("CITY_ADMIN")
  public Outcome setAcceptance(String code, Set<String> shopCodes, Set<String> acceptedAsLoaded) {
    return editor.setAcceptance(code, shopCodes, acceptedAsLoaded, actor());
  }

  private String actor() {
    return session.getCallerPrincipal().getName();
  }
}
