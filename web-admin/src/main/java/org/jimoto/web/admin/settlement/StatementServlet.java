package org.jimoto.web.admin.settlement;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jimoto.settlement.boundary.SettlementStatements;
import org.jimoto.statement.control.Statement;
import org.jimoto.statement.control.StatementPdf;

/**
 * A shop's statement of one close as PDF ({@code /admin/app/settlement/statement.pdf?run=…&shop=…},
 * R-73), for the administrator and the auditor (web.xml; the ledger checks the roles again).
 */
@WebServlet("/app/settlement/statement.pdf")
public class StatementServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject transient SettlementStatements statements;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<Statement> statement;
    try {
      statement =
          statements.statementForCity(
              Long.parseLong(request.getParameter("run")),
              Long.parseLong(request.getParameter("shop")));
    } catch (NumberFormatException e) {
      statement = Optional.empty();
    }
    if (statement.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
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
