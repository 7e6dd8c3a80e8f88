package org.jimoto.web.admin.maintenance;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.ResourceBundle;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.notice.boundary.CityMaintenance;
import org.jimoto.notice.boundary.MaintenanceWindows;
import org.jimoto.web.i18n.LocaleBean;

/** Announces and cancels maintenance windows; lists the ones not over. */
@Named("maintenance")
@ViewScoped
public class MaintenanceBean implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");

  @Inject CityMaintenance maintenance;
  @Inject LocaleBean localeBean;

  private String startsAt;
  private String endsAt;
  private String messageJa;
  private String messageEn;
  private String note;
  private transient List<MaintenanceWindows.View> windows;

  private String emergencyReason;
  private long minLeadHours;

  /** The earliest start without an emergency reason, rounded up to the next minute. */
  @PostConstruct
  void init() {
    Duration lead = maintenance.minimumLead();
    minLeadHours = lead.toHours();
    LocalDateTime start =
        LocalDateTime.now(ZoneId.of("Asia/Tokyo"))
            .plus(lead)
            .plusMinutes(1)
            .truncatedTo(ChronoUnit.MINUTES);
    startsAt = start.format(INPUT);
    endsAt = start.plusHours(1).format(INPUT);
  }

  public long getMinLeadSeconds() {
    return MaintenanceWindows.MIN_LEAD.toSeconds();
  }

  public long getMinLeadHours() {
    return minLeadHours;
  }

  public String getEmergencyReason() {
    return emergencyReason;
  }

  public void setEmergencyReason(String emergencyReason) {
    this.emergencyReason = emergencyReason;
  }

  public List<MaintenanceWindows.View> getWindows() {
    if (windows == null) {
      windows = maintenance.upcoming();
    }
    return windows;
  }

  /**
   * Announces; on success redirects (the banner of the page that answers the post was read before
   * the window existed), keeping the message.
   */
  public String announce() {
    LocalDateTime start;
    LocalDateTime end;
    try {
      // yyyy-MM-ddTHH:mm, or with seconds (the input's step allows them)
      start = LocalDateTime.parse(startsAt == null ? "" : startsAt.strip());
      end = LocalDateTime.parse(endsAt == null ? "" : endsAt.strip());
    } catch (DateTimeParseException e) {
      error(Refusal.PERIOD_INVALID.message(localeBean.getLocale()));
      return null;
    }
    try {
      var w =
          maintenance.announce(
              start, end, new LocalizedName(messageJa, messageEn), note, emergencyReason);
      info(text("maintenance.announced", w.id()));
      return again();
    } catch (RefusedException e) {
      error(e.refusal().message(localeBean.getLocale(), e.args()));
      return null;
    }
  }

  public String cancel(long id) {
    try {
      maintenance.cancel(id);
      info(text("maintenance.cancelled", id));
      return again();
    } catch (RefusedException e) {
      error(e.refusal().message(localeBean.getLocale(), e.args()));
      windows = null;
      return null;
    }
  }

  /** The page again, by a redirect, with this request's messages. */
  private static String again() {
    FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    return "/app/maintenance.xhtml?faces-redirect=true";
  }

  public String period(MaintenanceWindows.View w) {
    return w.startsAt().format(SHOWN) + " – " + w.endsAt().format(SHOWN);
  }

  public String message(MaintenanceWindows.View w) {
    return w.message().in(localeBean.getLocale());
  }

  private String text(String key, Object... args) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "portal");
    return new MessageFormat(bundle.getString(key), localeBean.getLocale()).format(args);
  }

  private static void error(String message) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
  }

  private static void info(String message) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
  }

  public String getStartsAt() {
    return startsAt;
  }

  public void setStartsAt(String startsAt) {
    this.startsAt = startsAt;
  }

  public String getEndsAt() {
    return endsAt;
  }

  public void setEndsAt(String endsAt) {
    this.endsAt = endsAt;
  }

  public String getMessageJa() {
    return messageJa;
  }

  public void setMessageJa(String messageJa) {
    this.messageJa = messageJa;
  }

  public String getMessageEn() {
    return messageEn;
  }

  public void setMessageEn(String messageEn) {
    this.messageEn = messageEn;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = note;
  }
}
