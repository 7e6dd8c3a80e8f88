package org.jimoto.campaign.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.campaign.boundary.ServiceAdministration.Outcome;
import org.jimoto.campaign.boundary.ServiceAdministration.Problem;
import org.jimoto.campaign.boundary.ServiceAdministration.ShopAcceptance;
import org.jimoto.campaign.boundary.ServiceRules;
import org.jimoto.campaign.boundary.ServiceView;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.control.Catalog;
import org.jimoto.ledger.control.IdAllocator;
import org.jimoto.ledger.control.SqlDialect;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * The work behind {@link org.jimoto.campaign.boundary.ServiceAdministration} (which checks the
 * role): Value services for the city (R-02, #11 item 2): a new service, a new version of its charge
 * rules in force from a stated time, and which shops accept it
 * . Every change is audit-logged. The boundary lets CITY_ADMIN change; CITY_CLERK and
 * CITY_AUDITOR read.
 *
 * <p>The ledger keeps services in memory for {@link Catalog#CACHE_MILLIS}, and until the next
 * announced version. A new version therefore takes effect no sooner than that after it is saved:
 * every server has by then let go of what it read before, and the screen states the time.
 */
@Dependent
public class ServiceEditor {

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");
  private static final long MAX_YEN = 10_000_000L;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject AuditLog audit;
  @Inject Clock clock;
  @Resource TransactionSynchronizationRegistry transactions;

  /** Every service with its rules in force now. */
  public List<ServiceView> services() {
    LocalDateTime now = now();
    try (Connection c = dataSource.getConnection()) {
      List<ServiceView> views = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT v.id, v.code, v.service_type, v.name_ja, v.name_en, v.unit_ja, v.unit_en,"
                  + " v.card_usable, (SELECT COUNT(*) FROM shop_accepted_service a"
                  + " WHERE a.service_id = v.id) FROM value_service v ORDER BY v.id")) {
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long id = rs.getLong(1);
            views.add(
                new ServiceView(
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getBoolean(8),
                    rules(c, id, now),
                    since(c, id, now),
                    announced(c, id, now),
                    rs.getLong(9),
                    rulesRevision(c, id)));
          }
        }
      }
      return views;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** a new service, in force at once (nothing older to replace); audit-logged. */
  public Outcome create(
      String code,
      int type,
      String nameJa,
      String nameEn,
      String unitJa,
      String unitEn,
      boolean cardUsable,
      ServiceRules rules,
      String actor) {
    LocalDateTime now = now();
    List<Problem> problems = new ArrayList<>();
    String c0 = code == null ? "" : code.strip();
    if (!CODE.matcher(c0).matches()) {
      problems.add(Problem.CODE_INVALID);
    }
    if (type < 1 || type > 3) {
      problems.add(Problem.TYPE_INVALID);
    }
    if (blank(nameJa) || blank(nameEn)) {
      problems.add(Problem.NAME_MISSING);
    }
    if (blank(unitJa) || blank(unitEn)) {
      problems.add(Problem.UNIT_MISSING);
    }
    problems.addAll(check(rules));
    try (Connection c = dataSource.getConnection()) {
      if (problems.isEmpty() && serviceId(c, c0) != null) {
        problems.add(Problem.CODE_TAKEN);
      }
      if (!problems.isEmpty()) {
        return new Outcome.Refused(List.copyOf(problems));
      }
      SqlDialect dialect = SqlDialect.of(c);
      long id = IdAllocator.next(c, dialect, "value_service_seq");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO value_service (id, code, service_type, name_ja, name_en, unit_ja,"
                  + " unit_en, card_usable, created_at, holding_limit_yen, charged_valid_years,"
                  + " chargeable, charge_needs_verified_identity)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, id);
        ps.setString(2, c0);
        ps.setInt(3, type);
        ps.setString(4, nameJa.strip());
        ps.setString(5, nameEn.strip());
        ps.setString(6, unitJa.strip());
        ps.setString(7, unitEn.strip());
        ps.setBoolean(8, cardUsable);
        ps.setTimestamp(9, Timestamp.valueOf(now));
        ps.setObject(10, rules.holdingLimitYen(), java.sql.Types.BIGINT);
        ps.setObject(11, rules.chargedValidYears(), java.sql.Types.INTEGER);
        ps.setBoolean(12, rules.chargeable());
        ps.setBoolean(13, rules.chargeNeedsVerifiedIdentity());
        ps.executeUpdate();
      }
      for (ServiceRules.ChannelRule r : rules.channels()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO charge_rule (service_id, channel, min_yen, max_yen, unit_yen)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
          ps.setLong(1, id);
          ps.setString(2, r.channel());
          ps.setLong(3, r.minYen());
          ps.setLong(4, r.maxYen());
          ps.setLong(5, r.unitYen());
          ps.executeUpdate();
        }
      }
      audit.record(
          Portal.ADMIN, actor, "SERVICE_CREATED", "service " + c0 + ": " + describe(rules), null);
      return new Outcome.Saved(c0, now);
    } catch (SQLException e) {
      return changedMeanwhile(e);
    }
  }

  /**
   * A new version of the service's charge rules from {@code effectiveFrom} (null: as soon as
   * possible), at the earliest {@link Catalog#CACHE_MILLIS} from now; audit-logged.
   */
  public Outcome changeRules(
      String code,
      ServiceRules rules,
      LocalDateTime effectiveFrom,
      Integer basedOnRevision,
      String actor) {
    LocalDateTime now = now();
    LocalDateTime earliest = now.plusSeconds(Catalog.CACHE_MILLIS / 1000 + 1);
    // As soon as possible: when every server's cache has let go of the old rules, with a margin
    // for the servers' clocks, to the second (the time the page shows).
    LocalDateTime from = effectiveFrom == null ? promisedAfterCaches() : effectiveFrom;
    List<Problem> problems = new ArrayList<>(check(rules));
    if (from.isBefore(earliest)) {
      problems.add(Problem.EFFECTIVE_TOO_SOON);
    }
    try (Connection c = dataSource.getConnection()) {
      Long id = lockedServiceId(c, code);
      if (id == null) {
        problems.add(Problem.UNKNOWN_SERVICE);
      } else if (!Integer.valueOf(rulesRevision(c, id)).equals(basedOnRevision)) {
        // saved since the form was loaded: it would silently undo that change (lost update, #11)
        problems.add(Problem.CHANGED_MEANWHILE);
      } else if (versionAt(c, id, from)) {
        problems.add(Problem.VERSION_AT_THAT_TIME);
      }
      if (!problems.isEmpty()) {
        return new Outcome.Refused(List.copyOf(problems));
      }
      SqlDialect dialect = SqlDialect.of(c);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO service_rule_version (id, service_id, effective_from,"
                  + " holding_limit_yen, charged_valid_years, chargeable,"
                  + " charge_needs_verified_identity, created_by, created_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setLong(1, IdAllocator.next(c, dialect, "service_rule_version_seq"));
        ps.setLong(2, id);
        ps.setTimestamp(3, Timestamp.valueOf(from));
        ps.setObject(4, rules.holdingLimitYen(), java.sql.Types.BIGINT);
        ps.setObject(5, rules.chargedValidYears(), java.sql.Types.INTEGER);
        ps.setBoolean(6, rules.chargeable());
        ps.setBoolean(7, rules.chargeNeedsVerifiedIdentity());
        ps.setString(8, actor);
        ps.setTimestamp(9, Timestamp.valueOf(now));
        ps.executeUpdate();
      }
      for (ChargeChannel channel : ChargeChannel.values()) {
        ServiceRules.ChannelRule r =
            rules.channels().stream()
                .filter(x -> x.channel().equals(channel.name()))
                .findFirst()
                .orElse(null);
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO charge_rule_version (id, service_id, channel, effective_from, offered,"
                    + " min_yen, max_yen, unit_yen, created_by, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setLong(1, IdAllocator.next(c, dialect, "charge_rule_version_seq"));
          ps.setLong(2, id);
          ps.setString(3, channel.name());
          ps.setTimestamp(4, Timestamp.valueOf(from));
          ps.setBoolean(5, r != null);
          ps.setLong(6, r == null ? 1 : r.minYen());
          ps.setLong(7, r == null ? 1 : r.maxYen());
          ps.setLong(8, r == null ? 1 : r.unitYen());
          ps.setString(9, actor);
          ps.setTimestamp(10, Timestamp.valueOf(now));
          ps.executeUpdate();
        }
      }
      audit.record(
          Portal.ADMIN,
          actor,
          "SERVICE_RULES_CHANGED",
          "service " + code + " from " + from + ": " + describe(rules),
          null);
      return new Outcome.Saved(code, from);
    } catch (SQLException e) {
      return changedMeanwhile(e);
    }
  }

  /**
   * The service's id, its row locked until the transaction ends (no key update: charges still
   * insert rows that reference it), so two changes of one service take turns and the second sees
   * the first's; null if there is no such service.
   */
  private static Long lockedServiceId(Connection c, String code) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM value_service WHERE code = ?" + SqlDialect.of(c).forNoKeyUpdate())) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  /**
   * How many times the service's charge rules were changed: rule versions are only ever added, so
   * the count tells whether a form loaded earlier still shows the newest rules (#11).
   */
  private static int rulesRevision(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM service_rule_version WHERE service_id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * Another administrator created the same service, or saved a version from the same time, at the
   * same moment: ours hit the unique key. Rolled back and said plainly, not a 500 (#11 review 7).
   */
  private Outcome changedMeanwhile(SQLException e) {
    if (!otherSaveFirst(e)) {
      throw new IllegalStateException(e);
    }
    transactions.setRollbackOnly();
    return new Outcome.Refused(List.of(Problem.CHANGED_MEANWHILE));
  }

  /**
   * Only a unique-key violation (23505) means another save came first; any other integrity error
   * (NOT NULL 23502, CHECK 23514, foreign key 23503) is a fault, not "changed meanwhile" (#11
   * review 2).
   */
  static boolean otherSaveFirst(SQLException e) {
    return SqlDialect.UNIQUE_VIOLATION.equals(e.getSQLState());
  }

  /** every shop, and whether it accepts the service. */
  public List<ShopAcceptance> acceptance(String code) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT s.code, s.name, (SELECT COUNT(*) FROM shop_accepted_service a"
                    + " JOIN value_service v ON v.id = a.service_id"
                    + " WHERE a.shop_id = s.id AND v.code = ?) FROM shop s ORDER BY s.code")) {
      ps.setString(1, code);
      ps.setMaxRows(1_000);
      List<ShopAcceptance> list = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          list.add(new ShopAcceptance(rs.getString(1), rs.getString(2), rs.getLong(3) > 0));
        }
      }
      return list;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * the shops that accept the service from now on. Payments read a shop's acceptance with its
   * terminal, kept for {@link Catalog#CACHE_MILLIS}: the change is in force on every server by the
   * returned time. Audit-logged with what was added and removed.
   */
  public Outcome setAcceptance(
      String code, Set<String> shopCodes, Set<String> acceptedAsLoaded, String actor) {
    LocalDateTime now = now();
    try (Connection c = dataSource.getConnection()) {
      Long id = lockedServiceId(c, code);
      if (id == null) {
        return new Outcome.Refused(List.of(Problem.UNKNOWN_SERVICE));
      }
      Set<String> before = new HashSet<>();
      Set<String> known = new HashSet<>();
      for (ShopAcceptance a : acceptance(code)) {
        known.add(a.shopCode());
        if (a.accepts()) {
          before.add(a.shopCode());
        }
      }
      if (!known.containsAll(shopCodes)) {
        return new Outcome.Refused(List.of(Problem.UNKNOWN_SHOP));
      }
      if (!before.equals(acceptedAsLoaded)) {
        // another administrator changed the list since this form was loaded: saving the form's
        // list would silently undo that (lost update, #11)
        return new Outcome.Refused(List.of(Problem.CHANGED_MEANWHILE));
      }
      Set<String> added = new HashSet<>(shopCodes);
      added.removeAll(before);
      Set<String> removed = new HashSet<>(before);
      removed.removeAll(shopCodes);
      for (String shop : added) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO shop_accepted_service (shop_id, service_id)"
                    + " SELECT id, ? FROM shop WHERE code = ?")) {
          ps.setLong(1, id);
          ps.setString(2, shop);
          ps.executeUpdate();
        }
      }
      for (String shop : removed) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "DELETE FROM shop_accepted_service WHERE service_id = ?"
                    + " AND shop_id = (SELECT id FROM shop WHERE code = ?)")) {
          ps.setLong(1, id);
          ps.setString(2, shop);
          ps.executeUpdate();
        }
      }
      if (!added.isEmpty() || !removed.isEmpty()) {
        audit.record(
            Portal.ADMIN,
            actor,
            "SERVICE_ACCEPTANCE_CHANGED",
            "service "
                + code
                + ": accepted by "
                + new java.util.TreeSet<>(added)
                + ", no longer by "
                + new java.util.TreeSet<>(removed),
            null);
      }
      // Promised after the write, so that a slow write does not make the promise early.
      return new Outcome.Saved(code, promisedAfterCaches());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Seconds allowed for the servers' clocks differing and for the commit. */
  static final long CLOCK_MARGIN_SECONDS = 5;

  /**
   * The moment by which a change written now is in force on every server: the caches' lifetime and
   * a margin from now, rounded up to the second.
   */
  private LocalDateTime promisedAfterCaches() {
    LocalDateTime exact = LocalDateTime.now(clock);
    LocalDateTime seconds = exact.truncatedTo(ChronoUnit.SECONDS);
    if (seconds.isBefore(exact)) {
      seconds = seconds.plusSeconds(1);
    }
    return seconds.plusSeconds(Catalog.CACHE_MILLIS / 1000 + CLOCK_MARGIN_SECONDS);
  }

  private LocalDateTime now() {
    return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank() || s.strip().length() > 100;
  }

  static List<Problem> check(ServiceRules rules) {
    List<Problem> problems = new ArrayList<>();
    if (rules.chargedValidYears() != null
        && (rules.chargedValidYears() < 1 || rules.chargedValidYears() > 10)) {
      problems.add(Problem.VALID_YEARS_INVALID);
    }
    if (rules.chargeable() && rules.chargedValidYears() == null) {
      problems.add(Problem.VALID_YEARS_INVALID); // a charged part needs its validity
    }
    if (rules.holdingLimitYen() != null
        && (rules.holdingLimitYen() <= 0 || rules.holdingLimitYen() > MAX_YEN)) {
      problems.add(Problem.HOLDING_LIMIT_INVALID);
    }
    Set<String> known = new HashSet<>();
    Arrays.stream(ChargeChannel.values()).forEach(ch -> known.add(ch.name()));
    Set<String> seen = new HashSet<>();
    for (ServiceRules.ChannelRule r : rules.channels()) {
      if (!known.contains(r.channel()) || !seen.add(r.channel())) {
        problems.add(Problem.UNKNOWN_CHANNEL);
      } else if (r.minYen() == null || r.maxYen() == null || r.unitYen() == null) {
        problems.add(Problem.BOUNDS_MISSING);
      } else if (r.minYen() <= 0
          || r.unitYen() <= 0
          || r.maxYen() < r.minYen()
          || r.maxYen() > MAX_YEN
          || r.minYen() % r.unitYen() != 0
          || (rules.holdingLimitYen() != null && r.minYen() > rules.holdingLimitYen())) {
        problems.add(Problem.BOUNDS_INVALID);
      }
      if (r.unitYen() != null && r.unitYen() > 0) {
        // the city window takes cash in 1,000-yen units (seed 000 「1000円単位」).
        if (ChargeChannel.WINDOW.name().equals(r.channel()) && r.unitYen() % 1_000 != 0) {
          problems.add(Problem.WINDOW_UNIT_NOT_THOUSANDS);
        }
        // the most per charge must itself be a chargeable amount.
        if (r.maxYen() != null && r.maxYen() % r.unitYen() != 0) {
          problems.add(Problem.MAX_NOT_IN_UNITS);
        }
      }
    }
    if (rules.chargeable() && rules.channels().isEmpty()) {
      problems.add(Problem.CHARGEABLE_WITHOUT_CHANNEL);
    }
    return problems.stream().distinct().toList();
  }

  private static String describe(ServiceRules r) {
    StringBuilder s =
        new StringBuilder()
            .append(r.chargeable() ? "chargeable" : "not chargeable")
            .append(", holding limit ")
            .append(r.holdingLimitYen() == null ? "none" : r.holdingLimitYen() + " yen")
            .append(", charged part valid ")
            .append(r.chargedValidYears())
            .append(" years, My Number verification ")
            .append(r.chargeNeedsVerifiedIdentity() ? "required" : "not required");
    for (ServiceRules.ChannelRule c : r.channels()) {
      s.append(", ")
          .append(c.channel())
          .append(' ')
          .append(c.minYen())
          .append("..")
          .append(c.maxYen())
          .append(" by ")
          .append(c.unitYen());
    }
    return s.toString();
  }

  private static Long serviceId(Connection c, String code) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM value_service WHERE code = ?")) {
      ps.setString(1, code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static boolean versionAt(Connection c, long id, LocalDateTime from) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM service_rule_version WHERE service_id = ? AND effective_from = ?")) {
      ps.setLong(1, id);
      ps.setTimestamp(2, Timestamp.valueOf(from));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    }
  }

  /** The rules in force at {@code at}: the newest version then, or the service's own row. */
  private static ServiceRules rules(Connection c, long id, LocalDateTime at) throws SQLException {
    ServiceRules base = null;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT chargeable, holding_limit_yen, charged_valid_years,"
                + " charge_needs_verified_identity FROM service_rule_version"
                + " WHERE service_id = ? AND effective_from <= ? ORDER BY effective_from DESC")) {
      ps.setLong(1, id);
      ps.setTimestamp(2, Timestamp.valueOf(at));
      ps.setMaxRows(1);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          base = rules(rs);
        }
      }
    }
    if (base == null) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT chargeable, holding_limit_yen, charged_valid_years,"
                  + " charge_needs_verified_identity FROM value_service WHERE id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          base = rules(rs);
        }
      }
    }
    Catalog catalog = new Catalog(c);
    List<ServiceRules.ChannelRule> channels = new ArrayList<>();
    for (ChargeChannel ch : ChargeChannel.values()) {
      catalog
          .chargeRule(id, ch.name())
          .ifPresent(
              r ->
                  channels.add(
                      new ServiceRules.ChannelRule(
                          ch.name(), r.minYen(), r.maxYen(), r.unitYen())));
    }
    return new ServiceRules(
        base.chargeable(),
        base.holdingLimitYen(),
        base.chargedValidYears(),
        base.chargeNeedsVerifiedIdentity(),
        List.copyOf(channels));
  }

  private static ServiceRules rules(ResultSet rs) throws SQLException {
    long limit = rs.getLong(2);
    Long holding = rs.wasNull() ? null : limit;
    int years = rs.getInt(3);
    Integer valid = rs.wasNull() ? null : years;
    return new ServiceRules(rs.getBoolean(1), holding, valid, rs.getBoolean(4), List.of());
  }

  private static LocalDateTime since(Connection c, long id, LocalDateTime now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT MAX(effective_from) FROM service_rule_version"
                + " WHERE service_id = ? AND effective_from <= ?")) {
      ps.setLong(1, id);
      ps.setTimestamp(2, Timestamp.valueOf(now));
      try (ResultSet rs = ps.executeQuery()) {
        Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
        return t == null ? null : t.toLocalDateTime();
      }
    }
  }

  private static List<LocalDateTime> announced(Connection c, long id, LocalDateTime now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT effective_from FROM service_rule_version WHERE service_id = ?"
                + " AND effective_from > ? ORDER BY effective_from")) {
      ps.setLong(1, id);
      ps.setTimestamp(2, Timestamp.valueOf(now));
      List<LocalDateTime> times = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          times.add(rs.getTimestamp(1).toLocalDateTime());
        }
      }
      return times;
    }
  }
}
