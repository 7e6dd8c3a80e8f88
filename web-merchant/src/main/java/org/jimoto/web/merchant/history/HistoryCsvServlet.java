package org.jimoto.web.merchant.history;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.report.boundary.TransactionReports;
import org.jimoto.report.boundary.TransactionReports.CsvEncoding;
import org.jimoto.web.i18n.LocaleBean;

/**
 * The history as the R-71 CSV, with the page's filters ({@link HistoryQuery}): UTF-8 with a
 * byte-order mark by default, {@code encoding=sjis} for Windows-31J. The ledger streams the
 * rows from a database cursor straight into the response, so a download of any size takes constant
 * memory; it sees only what the logged-in merchant may see. Under /app/, so only a merchant
 * login reaches it (web.xml) and a login that must first change its password does not.
 */
@WebServlet("/app/history.csv")
public class HistoryCsvServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd-HHmm");

  @Inject TransactionReports reports;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Principal caller = request.getUserPrincipal();
    if (caller == null) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    HistoryQuery query;
    CsvEncoding encoding;
    try {
      query = HistoryQuery.parse(request::getParameter);
      encoding = encoding(request.getParameter("encoding"));
    } catch (HistoryQuery.Invalid e) {
      refuse(request, response, e.messageKey());
      return;
    }
    response.setContentType(
        "text/csv; charset=" + (encoding == CsvEncoding.SHIFT_JIS ? "Shift_JIS" : "UTF-8"));
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\"transactions-"
            + FILE_TIME.format(LocalDateTime.now(PlatformClock.ZONE))
            + (encoding == CsvEncoding.SHIFT_JIS ? "-sjis" : "")
            + ".csv\"");
    response.setHeader("Cache-Control", "no-store");
    // The response's own buffer sends what is written as it fills: nothing holds the whole file.
    reports.exportCsvForMerchant(
        caller.getName(), query.filter(), encoding, response.getOutputStream());
  }

  private static CsvEncoding encoding(String value) throws HistoryQuery.Invalid {
    if (value == null || value.isBlank() || value.equalsIgnoreCase("utf8")) {
      return CsvEncoding.UTF8_BOM;
    }
    if (value.equalsIgnoreCase("sjis")) {
      return CsvEncoding.SHIFT_JIS;
    }
    throw new HistoryQuery.Invalid("history.invalid.encoding");
  }

  /** 400 with the message in the session's language (plain text: it is a download link). */
  private static void refuse(HttpServletRequest request, HttpServletResponse response, String key)
      throws IOException {
    Object chosen =
        request.getSession(false) == null
            ? null
            : request.getSession(false).getAttribute(LocaleBean.SESSION_ATTRIBUTE);
    Locale locale =
        chosen instanceof Locale l ? l : LocaleBean.preferred(request.getHeader("Accept-Language"));
    ResourceBundle bundle =
        ResourceBundle.getBundle(
            "org.jimoto.web.merchant.portal", locale, HistoryCsvServlet.class.getClassLoader());
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("text/plain; charset=UTF-8");
    response.getWriter().write(bundle.getString(key));
  }
}
