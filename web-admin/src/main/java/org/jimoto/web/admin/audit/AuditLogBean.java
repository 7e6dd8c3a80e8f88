package org.jimoto.web.admin.audit;

import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.jimoto.audit.boundary.AuditTrail;
import org.jimoto.audit.boundary.AuditTrail.Event;
import org.jimoto.audit.boundary.AuditTrail.Filter;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;

/**
 * /app/audit.xhtml?from=&amp;to=&amp;actor=&amp;action=&amp;reason=: the audit log, newest first,
 * and the same filter's CSV link. A GET form, so a filtered view can be bookmarked and the CSV
 * follows it. The reason is required: reading the log is itself logged with it.
 */
@Named("auditLog")
@RequestScoped
public class AuditLogBean {

  @Inject AuditTrail trail;

  private LocalDate from;
  private LocalDate to;
  private String actor;
  private String action;
  private String reason;
  private List<Event> events;

  /**
   * The page's view action: reads the log with the reason given. Without one nothing is read
   * and nothing logged; a submitted form without one is told why (ja/en).
   */
  public void load() {
    FacesContext faces = FacesContext.getCurrentInstance();
    events = List.of();
    if (reason == null || reason.isBlank()) {
      if (faces.getExternalContext().getRequestParameterMap().containsKey("reason")) {
        error(faces, Refusal.REASON_MISSING.message(faces.getViewRoot().getLocale()));
      }
      return;
    }
    try {
      events = trail.find(new Filter(from, to, actor, action), reason);
    } catch (RefusedException e) {
      error(faces, e.refusal().message(faces.getViewRoot().getLocale(), e.args()));
    } catch (EJBAccessException e) {
      error(
          faces,
          faces.getApplication().getResourceBundle(faces, "portal").getString("window.notAllowed"));
    }
  }

  private static void error(FacesContext faces, String text) {
    faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
  }

  public List<Event> getEvents() {
    return events == null ? List.of() : events;
  }

  /** The CSV of the filter shown, relative to /app/. */
  public String getCsvLink() {
    return "audit.csv?from="
        + (from == null ? "" : from)
        + "&to="
        + (to == null ? "" : to)
        + "&actor="
        + encode(actor)
        + "&action="
        + encode(action)
        + "&reason="
        + encode(reason);
  }

  private static String encode(String s) {
    return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public int getMaxPage() {
    return AuditTrail.MAX_PAGE;
  }

  public LocalDate getFrom() {
    return from;
  }

  public void setFrom(LocalDate from) {
    this.from = from;
  }

  public LocalDate getTo() {
    return to;
  }

  public void setTo(LocalDate to) {
    this.to = to;
  }

  public String getActor() {
    return actor;
  }

  public void setActor(String actor) {
    this.actor = actor;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }
}
