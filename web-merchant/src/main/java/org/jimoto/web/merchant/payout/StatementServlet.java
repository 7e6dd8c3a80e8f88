package org.jimoto.web.merchant.payout;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import org.jimoto.settlement.boundary.SettlementStatements;
import org.jimoto.statement.control.Statement;
import org.jimoto.statement.control.StatementPdf;
import org.jimoto.web.merchant.CsvDownload;

/**
 * A closing's statement as PDF ({@code /merchant/app/statement.pdf?line=…}, R-73). The ledger gives
 * it only for the login's own shops: any other line is "not found", as a line that does not
 * exist, so ids cannot be probed.
 */
@WebServlet("/app/statement.pdf")
public class StatementServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient SettlementStatements statements;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Principal caller = request.getUserPrincipal();
    if (caller == null) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    long line;
    try {
      line = Long.parseLong(request.getParameter("line"));
    } catch (NumberFormatException e) {
      CsvDownload.refuse(
          request, response, HttpServletResponse.SC_NOT_FOUND, "transfers.statement.notFound");
      return;
    }
    Optional<Statement> statement = statements.statement(caller.getName(), line);
    if (statement.isEmpty()) {
      CsvDownload.refuse(
          request, response, HttpServletResponse.SC_NOT_FOUND, "transfers.statement.notFound");
      return;
    }
    byte[] pdf = StatementPdf.render(statement.get());
    response.setContentType("application/pdf");
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\"statement-" + statement.get().statementNumber() + ".pdf\"");
    response.setContentLength(pdf.length);
    response.getOutputStream().write(pdf);
  }
}
