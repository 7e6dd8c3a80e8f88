package org.jimoto.web.merchant.results;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.format.DateTimeFormatter;
import org.jimoto.report.boundary.MerchantResults;
import org.jimoto.report.boundary.TransactionReports.CsvEncoding;
import org.jimoto.web.merchant.CsvDownload;

/**
 * The results as seed 004's 日別実績CSV or 月別実績CSV, for the page's period ({@link
 * ResultsQuery}): UTF-8 with a byte-order mark, or {@code encoding=sjis}. Only the logged-in
 * merchant's shops; under /app/, so only a merchant login reaches it.
 */
@WebServlet("/app/results.csv")
public class ResultsCsvServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter FILE_DAY = DateTimeFormatter.ofPattern("uuuuMMdd");
  private static final DateTimeFormatter FILE_MONTH = DateTimeFormatter.ofPattern("uuuuMM");

  @Inject MerchantResults results;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Principal caller = request.getUserPrincipal();
    if (caller == null) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    ResultsQuery query;
    try {
      query = ResultsQuery.parse(request::getParameter);
    } catch (ResultsQuery.Invalid e) {
      CsvDownload.refuse(request, response, e.messageKey());
      return;
    }
    CsvEncoding encoding = CsvDownload.encoding(request.getParameter("encoding"));
    if (encoding == null) {
      CsvDownload.refuse(request, response, "history.invalid.encoding");
      return;
    }
    DateTimeFormatter f = query.daily() ? FILE_DAY : FILE_MONTH;
    CsvDownload.start(
        response,
        (query.daily() ? "results-daily-" : "results-monthly-")
            + f.format(query.from())
            + "-"
            + f.format(query.to()),
        encoding);
    results.exportCsvForMerchant(
        caller.getName(), query.period(), encoding, response.getOutputStream());
  }
}
