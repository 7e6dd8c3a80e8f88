package org.jimoto.web.resident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import org.jimoto.identity.entity.Portal;
import org.jimoto.web.security.PortalAuthenticationMechanism;

/** Form login of the Resident portal: accepts RESIDENT accounts only. */
@AutoApplySession
@LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false)
@ApplicationScoped
public class ResidentAuthenticationMechanism extends PortalAuthenticationMechanism {

  @Override
  public Portal portal() {
    return Portal.RESIDENT;
  }
}
