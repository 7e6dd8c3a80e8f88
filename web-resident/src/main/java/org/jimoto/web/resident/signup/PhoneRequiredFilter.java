package org.jimoto.web.resident.signup;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jimoto.resident.boundary.ResidentPhones;

/**
 * money is moved only by a resident whose logins take the SMS code. A resident without a
 * confirmed phone (one who left the sign-up before its phone step and logged in with the password
 * alone) is sent from the money pages to register one first (#10 identity review).
 */
@WebFilter(
    filterName = "jimotoPhoneRequired",
    urlPatterns = {
      "/app/charge.xhtml",
      "/app/card-move.xhtml",
      "/app/scan.xhtml",
      "/app/myqr.xhtml",
      "/pay.xhtml"
    })
public class PhoneRequiredFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  static final String PHONE_PAGE = "/app/phone.xhtml?required=true";

  @Inject transient ResidentPhones phones;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    var principal = request.getUserPrincipal();
    if (principal != null && !phones.hasConfirmedPhone(principal.getName())) {
      response.sendRedirect(request.getContextPath() + PHONE_PAGE);
      return;
    }
    chain.doFilter(request, response);
  }
}
