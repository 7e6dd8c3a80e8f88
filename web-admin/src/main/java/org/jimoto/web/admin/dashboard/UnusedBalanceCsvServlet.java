package org.jimoto.web.admin.dashboard;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.ResourceBundle;
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

  @Inject transient CityDashboard dashboard;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<LocalDate> date = dashboard.unusedBaseDate(request.getParameter("date"));
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
