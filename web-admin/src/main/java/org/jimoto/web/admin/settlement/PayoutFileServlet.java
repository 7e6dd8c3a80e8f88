package org.jimoto.web.admin.settlement;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.settlement.boundary.SettlementClosing;
import org.jimoto.settlement.control.InvalidPayoutFile;

/**
 * a payout file made on the settlement page ({@code ?file=<id>}), Shift_JIS, as it was
 * written when it was made. Making a file is a form action of the page (it records which transfers
 * the bank is asked for); this download only reads. The administrator's only (web.xml;
 * SettlementClosing checks again).
 */
@WebServlet("/app/settlement/zengin")
public class PayoutFileServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject SettlementClosing closing;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long id;
    try {
      String f = request.getParameter("file");
      id = Long.parseLong(f == null ? "" : f.strip());
    } catch (NumberFormatException e) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "file as a number");
      return;
    }
    SettlementClosing.PayoutFile file;
    try {
      file = closing.payoutFileCopy(id);
    } catch (EJBAccessException e) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    } catch (RefusedException e) {
      response.sendError(
          e.refusal() == Refusal.PAYOUT_FILE_UNKNOWN
              ? HttpServletResponse.SC_NOT_FOUND
              : HttpServletResponse.SC_CONFLICT);
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
    response.setContentType("application/octet-stream");
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\"zengin-"
            + file.payoutDate().toString().replace("-", "")
            + "-"
            + file.made().sequence()
            + ".txt\"");
    response.setHeader("X-Jimoto-Transfers", Integer.toString(file.lines()));
    response.setHeader("X-Jimoto-Total-Yen", Long.toString(file.totalYen()));
    response.setContentLength(file.bytes().length);
    response.getOutputStream().write(file.bytes());
  }
}
