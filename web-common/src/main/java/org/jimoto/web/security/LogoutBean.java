package org.jimoto.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Ends the session of the current portal only. */
@Named("logout")
@RequestScoped
public class LogoutBean {

  // Instance: the server root (web-root) has no portal mechanism, and no login.
  @Inject Instance<PortalAuthenticationMechanism> mechanism;

  /** Also ends this device's "keep me signed in" (#9 item 1); other devices stay signed in. */
  public void submit() throws ServletException, IOException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    mechanism
        .get()
        .forgetDevice(
            (HttpServletRequest) external.getRequest(),
            (HttpServletResponse) external.getResponse());
    ((HttpServletRequest) external.getRequest()).logout();
    external.invalidateSession();
    external.redirect(external.getRequestContextPath() + "/login.xhtml?loggedOut=true");
  }
}
