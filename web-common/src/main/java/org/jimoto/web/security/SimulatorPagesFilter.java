package org.jimoto.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jimoto.platform.boundary.Simulators;

/**
 * The simulators' pages (#10 security review) exist only in simulator (demo) mode ({@code
 * jimoto.simulators}); otherwise they answer 404, as pages that are not there. With init-param
 * {@code loopback-only=true} (the SMS and mail inboxes, which show everybody's one-time codes and
 * sign-up links) they answer only clients on this machine ({@link ClientAddress#fromLoopback}), 404
 * to anyone else. Declared with its URL patterns in each portal's web.xml.
 */
public class SimulatorPagesFilter extends HttpFilter {

  @Inject Simulators simulators;

  private boolean loopbackOnly;

  @Override
  public void init() {
    loopbackOnly = Boolean.parseBoolean(getInitParameter("loopback-only"));
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!served(request)) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    chain.doFilter(request, response);
  }

  private boolean served(HttpServletRequest request) {
    return simulators.on() && (!loopbackOnly || ClientAddress.fromLoopback(request));
  }
}
