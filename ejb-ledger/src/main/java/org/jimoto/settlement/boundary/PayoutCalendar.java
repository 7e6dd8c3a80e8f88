package org.jimoto.settlement.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jimoto.platform.boundary.DatabaseMigrator;
import org.jimoto.settlement.control.BusinessCalendar;
import org.jimoto.settlement.control.ClosingPeriod;
import org.jimoto.settlement.control.PayoutDate;
import org.jimoto.settlement.control.ServiceSchedules;
import org.jimoto.settlement.control.SettlementSchedule;

/**
 * The published payout calendar (支払スケジュール, #12 item 6, R-50..R-52): for each service, its closing
 * periods from the current one on, each with its close date and payout date, as the schedule and
 * the business calendar give them. Public: a shop thinking of joining reads it before it has a
 * login, as the cities publish theirs.
 */
@Stateless
@PermitAll
public class PayoutCalendar {

  /**
   * One period of a service: sales from {@code first} to {@code last} are paid on {@code payout}.
   */
  public record Row(LocalDate first, LocalDate last, LocalDate closeDate, LocalDate payout) {

    /** Not decided (a published calendar's 未定, or beyond the holiday list's last year). */
    public boolean payoutUndecided() {
      return payout == null;
    }
  }

  /** A service's schedule and its next periods. */
  public record ServiceCalendar(
      String code, String nameJa, String nameEn, String schedule, List<Row> rows) {}

  /** The most periods shown per service. */
  public static final int MAX_PERIODS = 12;

  @Inject ServiceSchedules schedules;
  @Inject Clock clock;

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  /** Every service's current period and the ones after it, {@code periods} in all (1..12). */
  public List<ServiceCalendar> upcoming(int periods) {
    int n = Math.max(1, Math.min(MAX_PERIODS, periods));
    LocalDate today = LocalDate.now(clock);
    List<ServiceCalendar> calendars = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT code, name_ja, name_en, settlement_schedule, id FROM value_service"
                    + " ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        var kind = ServiceSchedules.Kind.valueOf(rs.getString(4));
        // PUBLISHED: the city's rows, 未定 where it wrote so or has not published the period yet
        SettlementSchedule schedule = schedules.of(rs.getLong(5), kind);
        List<Row> rows = new ArrayList<>();
        try {
          ClosingPeriod period = schedule.periodOf(today);
          for (int i = 0; i < n; i++) {
            rows.add(
                new Row(
                    period.first(), period.last(), period.closeDate(), payout(schedule, period)));
            period = schedule.next(period);
          }
        } catch (IllegalArgumentException notRunning) {
          // the service does not run today (a weekly service's span): no periods to publish
        }
        calendars.add(
            new ServiceCalendar(
                rs.getString(1), rs.getString(2), rs.getString(3), kind.name(), List.copyOf(rows)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return calendars;
  }

  private static LocalDate payout(SettlementSchedule schedule, ClosingPeriod period) {
    try {
      return schedule.payoutDate(period) instanceof PayoutDate.Scheduled s ? s.date() : null;
    } catch (BusinessCalendar.NotCovered e) {
      return null; // the holiday list does not reach that far: not guessed
    }
  }
}
