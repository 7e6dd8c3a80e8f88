package org.jimoto.web.admin.dashboard;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.ResourceBundle;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.report.boundary.CityDashboard;
import org.jimoto.web.i18n.LocaleBean;

/**
 * The unused-balance report (未使用残高) at a base date as CSV ({@code
 * /admin/app/unused-balance.csv?date=2026-09-30}), for the city's staff (the /app/* constraint). A
 * date that is no date, or is in the future, is refused with a message and no file.
 */
@WebServlet("/app/unused-balance.csv")
public class UnusedBalanceCsvServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The base dates of the Payment Services Act's reports: 31 March and 30 September. */
  private static final MonthDay MARCH_END = MonthDay.of(3, 31);

  private static final MonthDay SEPTEMBER_END = MonthDay.of(9, 30);

  @Inject transient CityDashboard dashboard;

  /** A past or today's date (yyyy-MM-dd), or empty. */
  static Optional<LocalDate> parse(String text) {
    if (text == null || text.length() != 10) {
      return Optional.empty();
    }
    try {
      LocalDate date = LocalDate.parse(text);
      return date.isAfter(LocalDate.now(PlatformClock.ZONE)) || date.getYear() < 2000
          ? Optional.empty()
          : Optional.of(date);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The latest 31 March or 30 September before today. */
  static LocalDate defaultBaseDate(LocalDate today) {
    LocalDate september = SEPTEMBER_END.atYear(today.getYear());
    LocalDate march = MARCH_END.atYear(today.getYear());
    if (september.isBefore(today)) {
      return september;
    }
    return march.isBefore(today) ? march : SEPTEMBER_END.atYear(today.getYear() - 1);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<LocalDate> date = parse(request.getParameter("date"));
    if (date.isEmpty()) {
      Object locale =
          request.getSession(false) == null
              ? null
              : request.getSession(false).getAttribute(LocaleBean.SESSION_ATTRIBUTE);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("text/plain;charset=UTF-8");
      response
          .getWriter()
          .write(
              ResourceBundle.getBundle(
                      "org.jimoto.web.admin.portal",
                      locale instanceof java.util.Locale l ? l : java.util.Locale.JAPANESE)
                  .getString("dashboard.unused.invalid"));
      return;
    }
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(
        "Content-Disposition", "attachment; filename=\"unused-balance-" + date.get() + ".csv\"");
    dashboard.writeUnusedCsv(date.get(), response.getOutputStream());
  }
}
