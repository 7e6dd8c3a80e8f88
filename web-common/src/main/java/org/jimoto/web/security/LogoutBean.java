package org.jimoto.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/** Ends the session of the current portal only. */
@Named("logout")
@RequestScoped
public class LogoutBean {

  public void submit() throws ServletException, IOException {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    ((HttpServletRequest) external.getRequest()).logout();
    external.invalidateSession();
    external.redirect(external.getRequestContextPath() + "/login.xhtml?loggedOut=true");
  }
}
