package org.jimoto.web.admin.audit;

import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jimoto.audit.boundary.AuditTrail;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.report.boundary.ExportsBusy;
import org.jimoto.web.i18n.LocaleBean;

/**
 * The audit log as CSV (R-94, #11 item 5), with the page's filters, UTF-8 with a byte-order mark
 * for Excel. The ledger streams the rows from a database cursor into the response. Under
 * /app/, and web.xml and the ledger let only the auditor and the administrator read it.
 */
@WebServlet("/app/audit.csv")
public class AuditCsvServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd-HHmm");

  @Inject AuditTrail trail;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    AuditTrail.Filter filter;
    try {
      filter =
          new AuditTrail.Filter(
              date(request.getParameter("from")),
              date(request.getParameter("to")),
              request.getParameter("actor"),
              request.getParameter("action"));
    } catch (DateTimeParseException e) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "dates as 2026-04-01");
      return;
    }
    response.setContentType("text/csv; charset=UTF-8");
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\"audit-"
            + FILE_TIME.format(LocalDateTime.now(PlatformClock.ZONE))
            + ".csv\"");
    try {
      trail.exportCsv(filter, request.getParameter("reason"), response.getOutputStream());
    } catch (EJBAccessException e) {
      response.reset();
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
    } catch (RefusedException refused) { // no reason: nothing written, nothing logged
      response.reset();
      response.setStatus(refused.refusal().httpStatus());
      response.setContentType("text/plain; charset=UTF-8");
      response.getWriter().write(refused.refusal().message(locale(request), refused.args()));
    } catch (ExportsBusy busy) { // refused before a byte was written (#11 finding 6)
      response.reset();
      response.setHeader("Retry-After", "10");
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setContentType("text/plain; charset=UTF-8");
      response.getWriter().write(busyMessage(request));
    }
  }

  /** "An export is running" in the session's language (ja default, en). */
  private static String busyMessage(HttpServletRequest request) {
    return ResourceBundle.getBundle(
            "org.jimoto.web.admin.portal", locale(request), AuditCsvServlet.class.getClassLoader())
        .getString("audit.csv.busy");
  }

  /** The session's language (ja default, en). */
  private static Locale locale(HttpServletRequest request) {
    Object chosen =
        request.getSession(false) == null
            ? null
            : request.getSession(false).getAttribute(LocaleBean.SESSION_ATTRIBUTE);
    return chosen instanceof Locale l
        ? l
        : LocaleBean.preferred(request.getHeader("Accept-Language"));
  }

  private static LocalDate date(String s) {
    return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
  }
}
