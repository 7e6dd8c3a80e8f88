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

/**
 * /app/audit.xhtml?from=&amp;to=&amp;actor=&amp;action=: the audit log, newest first, and the same
 * filter's CSV link. A GET form, so a filtered view can be bookmarked and the CSV follows it.
 */
@Named("auditLog")
@RequestScoped
public class AuditLogBean {

  @Inject AuditTrail trail;

  private LocalDate from;
  private LocalDate to;
  private String actor;
  private String action;
  private List<Event> events;

  public List<Event> getEvents() {
    if (events == null) {
      try {
        events = trail.find(new Filter(from, to, actor, action));
      } catch (EJBAccessException e) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(
            null,
            new FacesMessage(
                FacesMessage.SEVERITY_ERROR,
                faces
                    .getApplication()
                    .getResourceBundle(faces, "portal")
                    .getString("window.notAllowed"),
                null));
        events = List.of();
      }
    }
    return events;
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
        + encode(action);
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

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }
}
