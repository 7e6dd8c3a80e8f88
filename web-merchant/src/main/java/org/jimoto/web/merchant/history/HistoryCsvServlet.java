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
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.report.boundary.ExportsBusy;
import org.jimoto.report.boundary.TransactionReports;
import org.jimoto.report.boundary.TransactionReports.CsvEncoding;
import org.jimoto.web.merchant.CsvDownload;

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
    try {
      query = HistoryQuery.parse(request::getParameter);
    } catch (HistoryQuery.Invalid e) {
      CsvDownload.refuse(request, response, e.messageKey());
      return;
    }
    CsvEncoding encoding = CsvDownload.encoding(request.getParameter("encoding"));
    if (encoding == null) {
      CsvDownload.refuse(request, response, "history.invalid.encoding");
      return;
    }
    CsvDownload.start(
        response,
        "transactions-" + FILE_TIME.format(LocalDateTime.now(PlatformClock.ZONE)),
        encoding);
    // The response's own buffer sends what is written as it fills: nothing holds the whole file.
    try {
      reports.exportCsvForMerchant(
          caller.getName(), query.filter(), encoding, response.getOutputStream());
    } catch (ExportsBusy busy) { // refused before a byte was written
      response.reset();
      response.setHeader("Retry-After", "10");
      CsvDownload.refuse(
          request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "history.csv.busy");
    }
  }
}
