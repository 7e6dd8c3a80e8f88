package org.jimoto.campaign.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.campaign.boundary.CampaignAdministration;
import org.jimoto.campaign.boundary.CampaignAdministration.Outcome;
import org.jimoto.campaign.boundary.CampaignAdministration.Problem;
import org.jimoto.campaign.boundary.CampaignAdministration.ServiceChoice;
import org.jimoto.campaign.boundary.CampaignForm;
import org.jimoto.campaign.boundary.CampaignView;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.control.IdAllocator;
import org.jimoto.ledger.control.SqlDialect;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * The work behind {@link org.jimoto.campaign.boundary.CampaignAdministration} (which checks the
 * role): premium campaigns for the city (#11 item 2). A new campaign takes effect at its stated
 * time; a change is a new version with its own effective-from time, so charges made before it keep
 * the terms they were made under (the ledger reads the campaigns on every charge, uncached, so a
 * version is in force at exactly its time). The budget counter is the campaign's and survives
 * changes. Every change is audit-logged. CITY_ADMIN changes; CITY_CLERK and CITY_AUDITOR
 * read (the boundary checks it).
 */
@Dependent
public class CampaignEditor {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject AuditLog audit;
  @Inject Clock clock;
  @Resource TransactionSynchronizationRegistry transactions;

  /** Every campaign, newest first, with its terms in force now. */
  public List<CampaignView> campaigns() {
    LocalDateTime now = now();
    try (Connection c = dataSource.getConnection()) {
      List<CampaignView> views = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT k.id, v.code, k.effective_from FROM premium_campaign k"
                  + " JOIN value_service v ON v.id = k.service_id ORDER BY k.id DESC")) {
        ps.setMaxRows(500);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long id = rs.getLong(1);
            Timestamp from = rs.getTimestamp(3);
            CampaignTerms terms = CampaignTerms.of(c, id, now);
            boolean inForce = terms != null;
            if (terms == null) {
              terms = CampaignTerms.of(c, id, from.toLocalDateTime());
            }
            views.add(
                view(
                    terms, rs.getString(2), inForce, announced(c, id, from, now), revision(c, id)));
          }
        }
      }
      return views;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The services chargeable now (the version in force, #11 review finding 7), for the form. */
  public List<ServiceChoice> services() {
    LocalDateTime now = now();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT code, name_ja, name_en, id, chargeable FROM value_service ORDER BY id")) {
      List<ServiceChoice> list = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (chargeableAt(c, rs.getLong(4), rs.getBoolean(5), now)) {
            list.add(new ServiceChoice(rs.getString(1), rs.getString(2), rs.getString(3)));
          }
        }
      }
      return list;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new campaign or a new version of one, if the form is valid; audit-logged. */
  public Outcome save(CampaignForm form, String actor) {
    LocalDateTime now = now();
    // "Now" is the next whole second and a little: a charge whose transaction began before this
    // one commits must not be made at a moment the new terms claim to have covered already.
    LocalDateTime from = form.effectiveFrom() == null ? soon(now) : form.effectiveFrom();
    try (Connection c = dataSource.getConnection()) {
      List<Problem> problems = check(form, from, now);
      Optional<Long> serviceId = serviceId(c, form.serviceCode(), from, problems);
      CampaignTerms current = null;
      if (form.campaignId() != null) {
        // The campaign's row is locked first: two saves of one campaign take turns, and the
        // second sees the first's version (lost update, #11).
        lock(c, form.campaignId());
        current = latest(c, form.campaignId());
        if (current == null) {
          problems.add(Problem.UNKNOWN_CAMPAIGN);
        } else if (!Integer.valueOf(revision(c, form.campaignId()))
            .equals(form.basedOnRevision())) {
          // saved since this form was loaded: the form would silently undo that change
          problems.add(Problem.CHANGED_MEANWHILE);
        } else if (serviceId.isPresent() && current.serviceId() != serviceId.get()) {
          problems.add(Problem.SERVICE_CHANGED);
        } else if (versionAt(c, form.campaignId(), from)) {
          problems.add(Problem.VERSION_AT_THAT_TIME);
        }
      }
      if (!problems.isEmpty()) {
        return new Outcome.Refused(List.copyOf(problems));
      }
      SqlDialect dialect = SqlDialect.of(c);
      int rate = form.ratePercent().movePointRight(2).intValueExact();
      String channels = form.channels().isEmpty() ? null : String.join(",", sorted(form));
      long id;
      String action;
      if (current == null) {
        id = IdAllocator.next(c, dialect, "premium_campaign_seq");
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO premium_campaign (id, service_id, name, rate_basis_points, starts_on,"
                    + " ends_on, premium_expiry, premium_expires_on, charged_from_card_purchase,"
                    + " channels, budget_cap_yen, budget_used_yen, effective_from, created_by)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
          ps.setLong(1, id);
          ps.setLong(2, serviceId.orElseThrow());
          bindTerms(ps, 3, form, rate, channels);
          ps.setTimestamp(12, Timestamp.valueOf(from));
          ps.setString(13, actor);
          ps.executeUpdate();
        }
        action = "CAMPAIGN_CREATED";
      } else {
        id = form.campaignId();
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO premium_campaign_version (id, name, rate_basis_points, starts_on,"
                    + " ends_on, premium_expiry, premium_expires_on, charged_from_card_purchase,"
                    + " channels, budget_cap_yen, campaign_id, effective_from, created_by,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setLong(1, IdAllocator.next(c, dialect, "premium_campaign_version_seq"));
          bindTerms(ps, 2, form, rate, channels);
          ps.setLong(11, id);
          ps.setTimestamp(12, Timestamp.valueOf(from));
          ps.setString(13, actor);
          ps.setTimestamp(14, Timestamp.valueOf(now));
          ps.executeUpdate();
        }
        action = "CAMPAIGN_CHANGED";
      }
      audit.record(
          Portal.ADMIN,
          actor,
          action,
          "campaign "
              + id
              + " '"
              + form.name().strip()
              + "' "
              + form.serviceCode()
              + ": "
              + form.ratePercent().stripTrailingZeros().toPlainString()
              + " %, channels "
              + (channels == null ? "all" : channels)
              + ", "
              + form.startsOn()
              + ".."
              + form.endsOn()
              + ", premium expiry "
              + (form.fixedPremiumExpiry() == null ? "fiscal year end" : form.fixedPremiumExpiry())
              + ", charged part from "
              + (form.chargedFromCardPurchase() ? "card purchase (R-11)" : "charge date")
              + ", cap "
              + (form.budgetCapYen() == null ? "none" : form.budgetCapYen() + " yen")
              + ", effective from "
              + from,
          null);
      return new Outcome.Saved(id, from);
    } catch (SQLException e) {
      return changedMeanwhile(e);
    }
  }

  /** 2000 basis points as 20, 150 as 1.5 (never 2E+1). */
  static BigDecimal percent(int basisPoints) {
    BigDecimal p = BigDecimal.valueOf(basisPoints, 2).stripTrailingZeros();
    return p.scale() < 0 ? p.setScale(0) : p;
  }

  /** Seconds a change "now" waits, so that it is written before it is in force. */
  static final long SOON_SECONDS = 1;

  /** {@code now} rounded up to the second, plus {@link #SOON_SECONDS}. */
  static LocalDateTime soon(LocalDateTime now) {
    LocalDateTime seconds = now.truncatedTo(ChronoUnit.SECONDS);
    return (seconds.isBefore(now) ? seconds.plusSeconds(1) : seconds).plusSeconds(SOON_SECONDS);
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock)
        .truncatedTo(ChronoUnit.MILLIS); // two changes a second apart stay two versions
  }

  private static Set<String> sorted(CampaignForm form) {
    return new TreeSet<>(form.channels());
  }

  /** Binds name .. budget cap (9 parameters) from {@code first}. */
  private static void bindTerms(
      PreparedStatement ps, int first, CampaignForm form, int rate, String channels)
      throws SQLException {
    ps.setString(first, form.name().strip());
    ps.setInt(first + 1, rate);
    ps.setDate(first + 2, Date.valueOf(form.startsOn()));
    ps.setDate(first + 3, Date.valueOf(form.endsOn()));
    ps.setString(first + 4, form.fixedPremiumExpiry() == null ? "FISCAL_YEAR_END" : "FIXED_DATE");
    ps.setDate(
        first + 5,
        form.fixedPremiumExpiry() == null ? null : Date.valueOf(form.fixedPremiumExpiry()));
    ps.setBoolean(first + 6, form.chargedFromCardPurchase());
    ps.setString(first + 7, channels);
    ps.setObject(first + 8, form.budgetCapYen(), java.sql.Types.BIGINT);
  }

  /** The form's own checks, all of them at once. */
  static List<Problem> check(CampaignForm form, LocalDateTime from, LocalDateTime now) {
    List<Problem> problems = new ArrayList<>();
    String name = form.name() == null ? "" : form.name().strip();
    if (name.isEmpty()) {
      problems.add(Problem.NAME_MISSING);
    } else if (name.length() > CampaignAdministration.MAX_NAME_CHARS) {
      problems.add(Problem.NAME_TOO_LONG);
    }
    BigDecimal rate = form.ratePercent();
    if (rate == null) {
      problems.add(Problem.RATE_MISSING);
    } else if (rate.signum() <= 0 || rate.compareTo(BigDecimal.valueOf(100)) > 0) {
      problems.add(Problem.RATE_OUT_OF_RANGE);
    } else if (rate.stripTrailingZeros().scale() > 2) {
      problems.add(Problem.RATE_TOO_PRECISE); // basis points are whole
    }
    Set<String> known = new TreeSet<>();
    EnumSet.allOf(ChargeChannel.class).forEach(ch -> known.add(ch.name()));
    if (form.channels() == null || !known.containsAll(form.channels())) {
      problems.add(Problem.UNKNOWN_CHANNEL);
    }
    if (form.startsOn() == null || form.endsOn() == null) {
      problems.add(Problem.PERIOD_MISSING);
    } else if (form.endsOn().isBefore(form.startsOn())) {
      problems.add(Problem.PERIOD_REVERSED);
    } else if (form.fixedPremiumExpiry() != null
        && form.fixedPremiumExpiry().isBefore(form.endsOn())) {
      problems.add(Problem.PREMIUM_EXPIRY_BEFORE_END); // a premium valid past the campaign
    }
    if (form.budgetCapYen() != null && form.budgetCapYen() < 0) {
      problems.add(Problem.BUDGET_NEGATIVE);
    }
    // A change cannot reach back: past charges keep the terms they were made under.
    if (from.isBefore(now)) {
      problems.add(Problem.EFFECTIVE_IN_PAST);
    }
    return problems;
  }

  /**
   * The service's id; SERVICE_NOT_CHARGEABLE unless chargeable by its rules in force when the
   * campaign takes effect ({@code at}): a service version may have made it (not) chargeable since
   * it was created (#11 review finding 7).
   */
  private static Optional<Long> serviceId(
      Connection c, String code, LocalDateTime at, List<Problem> problems) throws SQLException {
    long id;
    boolean chargeable;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id, chargeable FROM value_service WHERE code = ?")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          problems.add(Problem.UNKNOWN_SERVICE);
          return Optional.empty();
        }
        id = rs.getLong(1);
        chargeable = rs.getBoolean(2);
      }
    }
    if (!chargeableAt(c, id, chargeable, at)) {
      problems.add(Problem.SERVICE_NOT_CHARGEABLE);
    }
    return Optional.of(id);
  }

  /** Chargeable as the service's newest rule version in force at {@code at} says, else its own. */
  static boolean chargeableAt(Connection c, long serviceId, boolean created, LocalDateTime at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT chargeable FROM service_rule_version WHERE service_id = ?"
                + " AND effective_from <= ? ORDER BY effective_from DESC")) {
      ps.setLong(1, serviceId);
      ps.setTimestamp(2, Timestamp.valueOf(at));
      ps.setMaxRows(1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBoolean(1) : created;
      }
    }
  }

  /**
   * Another administrator saved the same campaign (or version time) at the same moment: its row
   * committed first and ours hit the unique key. Rolled back, and said plainly, not a 500.
   */
  private Outcome changedMeanwhile(SQLException e) {
    if (!ServiceEditor.otherSaveFirst(e)) { // 23505 only (#11 review 2)
      throw new IllegalStateException(e);
    }
    transactions.setRollbackOnly();
    return new Outcome.Refused(List.of(Problem.CHANGED_MEANWHILE));
  }

  /** Locks the campaign's row until the transaction ends (no key update: charges still insert). */
  private static void lock(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM premium_campaign WHERE id = ?" + SqlDialect.of(c).forNoKeyUpdate())) {
      ps.setLong(1, id);
      ps.executeQuery().close();
    }
  }

  /**
   * How many times the campaign was changed: its versions are only ever added, so the count tells
   * whether a form loaded earlier still shows the newest terms (lost update, #11).
   */
  private static int revision(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM premium_campaign_version WHERE campaign_id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** The campaign's newest terms, announced or in force; null if there is no such campaign. */
  private static CampaignTerms latest(Connection c, long id) throws SQLException {
    return CampaignTerms.of(c, id, LocalDateTime.of(9999, 12, 31, 0, 0));
  }

  private static boolean versionAt(Connection c, long id, LocalDateTime from) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM premium_campaign k WHERE k.id = ? AND (k.effective_from = ? OR"
                + " EXISTS (SELECT 1 FROM premium_campaign_version v WHERE v.campaign_id = k.id"
                + " AND v.effective_from = ?))")) {
      ps.setLong(1, id);
      ps.setTimestamp(2, Timestamp.valueOf(from));
      ps.setTimestamp(3, Timestamp.valueOf(from));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    }
  }

  private static List<LocalDateTime> announced(
      Connection c, long id, Timestamp baseFrom, LocalDateTime now) throws SQLException {
    List<LocalDateTime> times = new ArrayList<>();
    if (baseFrom != null && baseFrom.toLocalDateTime().isAfter(now)) {
      times.add(baseFrom.toLocalDateTime());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT effective_from FROM premium_campaign_version WHERE campaign_id = ?"
                + " AND effective_from > ? ORDER BY effective_from")) {
      ps.setLong(1, id);
      ps.setTimestamp(2, Timestamp.valueOf(now));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          times.add(rs.getTimestamp(1).toLocalDateTime());
        }
      }
    }
    return times;
  }

  private static CampaignView view(
      CampaignTerms t,
      String serviceCode,
      boolean inForce,
      List<LocalDateTime> announced,
      int revision) {
    return new CampaignView(
        t.id(),
        serviceCode,
        t.name(),
        percent(t.rateBasisPoints()),
        t.channels(),
        t.startsOn(),
        t.endsOn(),
        "FIXED_DATE".equals(t.premiumExpiry()) ? t.premiumExpiresOn() : null,
        t.chargedFromCardPurchase(),
        t.bonusServiceId() != null && t.bonusServiceId() != t.serviceId(),
        t.budgetCapYen(),
        t.budgetUsedYen(),
        t.budgetRemainingYen(),
        t.effectiveFrom(),
        inForce,
        List.copyOf(announced),
        revision);
  }
}
