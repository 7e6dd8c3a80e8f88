package org.jimoto.web.admin.notice;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.text.MessageFormat;
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
import org.jimoto.notice.boundary.CityNotices;
import org.jimoto.notice.boundary.Notices;
import org.jimoto.notice.entity.Audience;
import org.jimoto.web.i18n.LocaleBean;

/** Publishes, corrects and withdraws notices (#11 item 6). */
@Named("notices")
@ViewScoped
public class NoticesBean implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");

  @Inject CityNotices notices;
  @Inject LocaleBean localeBean;

  /** The notice being corrected, or null for a new one. */
  private Long editing;

  private String audience = Audience.RESIDENT.name();
  private String titleJa;
  private String titleEn;
  private String bodyJa;
  private String bodyEn;
  private String shownFrom;
  private String shownUntil;
  private transient List<Notices.View> list;

  public NoticesBean() {
    LocalDateTime now = LocalDateTime.now(ZoneId.of("Asia/Tokyo")).truncatedTo(ChronoUnit.MINUTES);
    shownFrom = now.format(INPUT);
    shownUntil = now.plusDays(14).format(INPUT);
  }

  public List<Notices.View> getList() {
    if (list == null) {
      list = notices.notOver();
    }
    return list;
  }

  public List<String> getAudiences() {
    return List.of(Audience.RESIDENT.name(), Audience.MERCHANT.name());
  }

  public String audienceLabel(Object a) {
    return text("notices.audience." + a);
  }

  public String period(Notices.View n) {
    return n.shownFrom().format(SHOWN) + " – " + n.shownUntil().format(SHOWN);
  }

  public String title(Notices.View n) {
    return n.title().in(localeBean.getLocale());
  }

  public String save() {
    LocalDateTime from;
    LocalDateTime until;
    try {
      from = LocalDateTime.parse(shownFrom == null ? "" : shownFrom.strip());
      until = LocalDateTime.parse(shownUntil == null ? "" : shownUntil.strip());
    } catch (DateTimeParseException e) {
      error(Refusal.PERIOD_INVALID.message(localeBean.getLocale()));
      return null;
    }
    var title = new LocalizedName(titleJa, titleEn);
    var body = new LocalizedName(bodyJa, bodyEn);
    try {
      Audience a = Audience.valueOf(audience);
      Notices.View saved =
          editing == null
              ? notices.publish(a, title, body, from, until)
              : notices.revise(editing, a, title, body, from, until);
      info(text(editing == null ? "notices.published" : "notices.revised", saved.id()));
      return again();
    } catch (RefusedException e) {
      error(e.refusal().message(localeBean.getLocale(), e.args()));
      return null;
    }
  }

  /** Loads a notice into the form to correct it. */
  public void edit(Notices.View n) {
    editing = n.id();
    audience = n.audience().name();
    titleJa = n.title().ja();
    titleEn = n.title().en();
    bodyJa = n.body().ja();
    bodyEn = n.body().en();
    shownFrom = n.shownFrom().format(INPUT);
    shownUntil = n.shownUntil().format(INPUT);
  }

  public String withdraw(long id) {
    try {
      notices.withdraw(id);
      info(text("notices.withdrawn", id));
      return again();
    } catch (RefusedException e) {
      error(e.refusal().message(localeBean.getLocale(), e.args()));
      list = null;
      return null;
    }
  }

  private static String again() {
    FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    return "/app/notices.xhtml?faces-redirect=true";
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

  public Long getEditing() {
    return editing;
  }

  public String getAudience() {
    return audience;
  }

  public void setAudience(String audience) {
    this.audience = audience;
  }

  public String getTitleJa() {
    return titleJa;
  }

  public void setTitleJa(String titleJa) {
    this.titleJa = titleJa;
  }

  public String getTitleEn() {
    return titleEn;
  }

  public void setTitleEn(String titleEn) {
    this.titleEn = titleEn;
  }

  public String getBodyJa() {
    return bodyJa;
  }

  public void setBodyJa(String bodyJa) {
    this.bodyJa = bodyJa;
  }

  public String getBodyEn() {
    return bodyEn;
  }

  public void setBodyEn(String bodyEn) {
    this.bodyEn = bodyEn;
  }

  public String getShownFrom() {
    return shownFrom;
  }

  public void setShownFrom(String shownFrom) {
    this.shownFrom = shownFrom;
  }

  public String getShownUntil() {
    return shownUntil;
  }

  public void setShownUntil(String shownUntil) {
    this.shownUntil = shownUntil;
  }
}
