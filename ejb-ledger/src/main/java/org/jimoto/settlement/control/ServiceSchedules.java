package org.jimoto.settlement.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * The schedule a service is closed on, by its {@code value_service.settlement_schedule} (V28, V33):
 * R-50 semi-monthly, paid on the next closing day (a bank holiday moving it earlier, seed 003) or
 * on the date the city published for the period (ISECA, seed 000; {@code payout_calendar_row}),
 * R-51 weekly (Friday close, Tuesday of the week after next) or R-52 monthly (7 business days after
 * the month end), over the deployment's business calendar.
 */
@ApplicationScoped
public class ServiceSchedules {

  /** The schedule kinds the V33 check constraint allows. */
  public enum Kind {
    SEMI_MONTHLY,
    WEEKLY,
    MONTHLY,
    /** Semi-monthly, paid by the calendar the city publishes (R-50, seed 000: 未定 = undecided). */
    PUBLISHED
  }

  /** Mitaka points are paid within 7 business days of the month-end close. */
  static final int MONTHLY_BUSINESS_DAYS = 7;

  @Inject BusinessDays businessDays;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /** A service's published calendar as read at its upload revision. */
  private record Cached(int revision, PublishedPayoutCalendar calendar) {}

  private final Map<Long, Cached> published = new ConcurrentHashMap<>();

  /**
   * The schedule of a kind that needs no service's data (every kind but {@link Kind#PUBLISHED}).
   *
   * @throws IllegalArgumentException for PUBLISHED: use {@link #of(long, Kind)}
   */
  public SettlementSchedule of(Kind kind) {
    BusinessCalendar calendar = businessDays.calendar();
    return switch (kind) {
      case SEMI_MONTHLY ->
          new SemiMonthlySchedule(
              new SemiMonthlySchedule.NextClosingDay(HolidayShift.PREVIOUS_BUSINESS_DAY, calendar));
      case WEEKLY -> WeeklySchedule.fridayCloseTuesdayWeekAfterNext(calendar, null, null);
      case MONTHLY -> new MonthlySchedule(MONTHLY_BUSINESS_DAYS, calendar);
      case PUBLISHED ->
          throw new IllegalArgumentException("a published calendar is a service's: of(id, kind)");
    };
  }

  /**
   * The schedule of the service {@code serviceId}, whose kind is {@code kind}: for PUBLISHED a
   * semi-monthly schedule paid by its published rows (a period they do not list is undecided). The
   * rows are kept while the service's {@code payout_calendar_revision} stays the same, which costs
   * one indexed read per call; an upload on any server raises it.
   */
  public SettlementSchedule of(long serviceId, Kind kind) {
    if (kind != Kind.PUBLISHED) {
      return of(kind);
    }
    return new SemiMonthlySchedule(publishedCalendar(serviceId));
  }

  /** The service's published calendar as stored now (no rows: every period undecided). */
  public PublishedPayoutCalendar publishedCalendar(long serviceId) {
    try (Connection c = dataSource.getConnection()) {
      int revision = revision(c, serviceId);
      Cached cached = published.get(serviceId);
      if (cached != null && cached.revision() == revision) {
        return cached.calendar();
      }
      PublishedPayoutCalendar calendar = PublishedPayoutCalendar.of(rows(c, serviceId));
      // a slower reader of an older revision must not replace a newer one
      published.merge(
          serviceId,
          new Cached(revision, calendar),
          (old, now) -> old.revision() > now.revision() ? old : now);
      return calendar;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Forgets what this server read of the service's calendar (after its upload). */
  public void forget(long serviceId) {
    published.remove(serviceId);
  }

  private static int revision(Connection c, long serviceId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT payout_calendar_revision FROM value_service WHERE id = ?")) {
      ps.setLong(1, serviceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no value service " + serviceId);
        }
        return rs.getInt(1);
      }
    }
  }

  /** The service's stored rows in date order. */
  public static List<PublishedPayoutCalendar.Row> rows(Connection c, long serviceId)
      throws SQLException {
    List<PublishedPayoutCalendar.Row> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT period_start, period_end, payout_date FROM payout_calendar_row"
                + " WHERE service_id = ? ORDER BY period_start")) {
      ps.setLong(1, serviceId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Date payout = rs.getDate(3);
          rows.add(
              new PublishedPayoutCalendar.Row(
                  ClosingPeriod.of(rs.getDate(1).toLocalDate(), rs.getDate(2).toLocalDate()),
                  payout == null ? null : payout.toLocalDate()));
        }
      }
    }
    return rows;
  }
}
