package org.jimoto.web.admin.settlement;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.jimoto.settlement.boundary.SettlementClosing;
import org.jimoto.settlement.control.InvalidPayoutFile;

/**
 * the Zengin 総合振込 file of a payout date ({@code ?date=2026-05-15}), Shift_JIS, checked by the
 * ledger before it is sent. The administrator's only (web.xml; SettlementClosing checks again).
 */
@WebServlet("/app/settlement/zengin")
public class PayoutFileServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject SettlementClosing closing;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    LocalDate date;
    try {
      String d = request.getParameter("date");
      date = LocalDate.parse(d == null ? "" : d.strip());
    } catch (DateTimeParseException e) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "date as 2026-05-15");
      return;
    }
    SettlementClosing.PayoutFile file;
    try {
      file = closing.payoutFile(date);
    } catch (EJBAccessException e) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    } catch (EJBException e) {
      // The ledger's check refused the file (InvalidPayoutFile, a system exception there).
      Throwable t = e;
      while (t != null && !(t instanceof InvalidPayoutFile)) {
        t = t.getCause();
      }
      if (t == null) {
        throw e;
      }
      response.sendError(HttpServletResponse.SC_CONFLICT, t.getMessage());
      return;
    }
    if (file.lines() == 0) {
      response.sendError(HttpServletResponse.SC_CONFLICT, "no transfer due on " + date);
      return;
    }
    response.setContentType("application/octet-stream");
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\"zengin-" + date.toString().replace("-", "") + ".txt\"");
    response.setHeader("X-Jimoto-Transfers", Integer.toString(file.lines()));
    response.setHeader("X-Jimoto-Total-Yen", Long.toString(file.totalYen()));
    response.setContentLength(file.bytes().length);
    response.getOutputStream().write(file.bytes());
  }
}
