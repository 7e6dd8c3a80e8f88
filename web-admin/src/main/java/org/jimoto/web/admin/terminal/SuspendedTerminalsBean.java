package org.jimoto.web.admin.terminal;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.text.MessageFormat;
import java.util.List;
import java.util.Optional;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.merchant.boundary.TerminalSuspensions;
import org.jimoto.merchant.boundary.TerminalSuspensions.SuspendedTerminal;

/**
 * The alert on the city's home page (#8 finding 5): terminals suspended for guessing card or QR
 * codes, and lifting a suspension with a reason (city administrators only; audited by the ledger).
 */
@Named("suspendedTerminals")
@RequestScoped
public class SuspendedTerminalsBean {

  @Inject TerminalSuspensions suspensions;

  private List<SuspendedTerminal> list;
  private String reason;

  public List<SuspendedTerminal> getList() {
    if (list == null) {
      list = suspensions.suspended();
    }
    return list;
  }

  public boolean isMayLift() {
    return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("CITY_ADMIN");
  }

  public void lift(String terminalCode) {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!isMayLift()) {
      return;
    }
    String actor = faces.getExternalContext().getUserPrincipal().getName();
    Optional<Refusal> refused = suspensions.lift(terminalCode, actor, reason);
    if (refused.isPresent()) {
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR,
              refused.get().message(faces.getViewRoot().getLocale()),
              null));
      return;
    }
    list = null;
    reason = null;
    faces.addMessage(
        null,
        new FacesMessage(
            FacesMessage.SEVERITY_INFO,
            MessageFormat.format(
                faces
                    .getApplication()
                    .getResourceBundle(faces, "portal")
                    .getString("suspended.lifted"),
                terminalCode),
            null));
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
