package org.jimoto.web.admin.dashboard;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.Serializable;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import org.jimoto.ledger.boundary.LedgerChecks;
import org.jimoto.ledger.boundary.LedgerChecks.CheckRun;
import org.jimoto.merchant.boundary.ProfileRefusal;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.report.boundary.CityDashboard;
import org.jimoto.report.boundary.CityDashboard.Activity;
import org.jimoto.report.boundary.CityDashboard.DayFigures;
import org.jimoto.report.boundary.CityDashboard.ServiceBalance;
import org.jimoto.report.boundary.CityDashboard.Totals;
import org.jimoto.web.i18n.LocaleBean;

/**
 * The dashboard page: what the ledger's {@link CityDashboard} and {@link LedgerChecks} answer, for
 * the last {@link #DAYS} days, and the base date of the unused-balance CSV. Translates only.
 */
@Named("dashboard")
@ViewScoped
public class DashboardBean implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The days the chart and the activity cover, today included. */
  public static final int DAYS = 30;

  private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("M/d");

  @Inject transient CityDashboard ledger;
  @Inject transient LedgerChecks checks;
  @Inject LocaleBean localeBean;

  private String baseDate;

  private transient List<ServiceBalance> outstanding;
  private transient List<DayFigures> days;
  private transient Activity activity;
  private transient Optional<CheckRun> lastCheck;

  private static LocalDate today() {
    return LocalDate.now(PlatformClock.ZONE);
  }

  public List<ServiceBalance> getOutstanding() {
    if (outstanding == null) {
      outstanding = ledger.outstanding();
    }
    return outstanding;
  }

  public List<DayFigures> getDays() {
    if (days == null) {
      days = ledger.daily(today().minusDays(DAYS - 1), today());
    }
    return days;
  }

  public Activity getActivity() {
    if (activity == null) {
      activity = ledger.activity(today().minusDays(DAYS - 1), today());
    }
    return activity;
  }

  public CheckRun getLastCheck() {
    if (lastCheck == null) {
      lastCheck = checks.last();
    }
    return lastCheck.orElse(null);
  }

  /** Runs the ledger check now, as the signed-in staff member, and shows its result. */
  public void runCheck() {
    FacesContext faces = FacesContext.getCurrentInstance();
    CheckRun run = checks.runNow(faces.getExternalContext().getUserPrincipal().getName());
    lastCheck = Optional.of(run);
    faces.addMessage(
        null,
        new FacesMessage(
            run.ok() ? FacesMessage.SEVERITY_INFO : FacesMessage.SEVERITY_ERROR,
            text(run.ok() ? "dashboard.check.passed" : "dashboard.check.failed"),
            null));
  }

  public String getBaseDate() {
    if (baseDate == null) {
      baseDate = ledger.defaultUnusedBaseDate().toString();
    }
    return baseDate;
  }

  public void setBaseDate(String baseDate) {
    this.baseDate = baseDate;
  }

  /** The CSV's link for the chosen base date (checked again by the servlet). */
  public String getUnusedCsvUrl() {
    return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
        + "/app/unused-balance.csv?date="
        + ledger.unusedBaseDate(getBaseDate()).orElseGet(ledger::defaultUnusedBaseDate);
  }

  /** Re-renders the link for a new base date, or says what is wrong with it. */
  public void chooseBaseDate() {
    if (ledger.unusedBaseDate(baseDate).isEmpty()) {
      FacesContext.getCurrentInstance()
          .addMessage(
              "unusedForm:baseDate",
              new FacesMessage(
                  FacesMessage.SEVERITY_ERROR, text("dashboard.unused.invalid"), null));
    }
  }

  public String serviceName(ServiceBalance b) {
    return b.name().in(localeBean.getLocale());
  }

  public String categoryName(String category) {
    return ProfileRefusal.label(localeBean.getLocale(), "category." + category);
  }

  public String yen(long amount) {
    return NumberFormat.getIntegerInstance(localeBean.getLocale()).format(amount);
  }

  /** The period's sums (the ledger's rule: payments net of their cancels). */
  public Totals getTotals() {
    return Totals.of(getDays());
  }

  public int getDayCount() {
    return DAYS;
  }

  /** Bars of charges, payments (net of cancels) and expiries per day (p:chart, Chart.js). */
  public String getChartJson() {
    JsonArrayBuilder labels = Json.createArrayBuilder();
    JsonArrayBuilder charged = Json.createArrayBuilder();
    JsonArrayBuilder used = Json.createArrayBuilder();
    JsonArrayBuilder expired = Json.createArrayBuilder();
    for (DayFigures d : getDays()) {
      labels.add(DAY_LABEL.format(d.day()));
      charged.add(d.charges().amountYen());
      used.add(d.uses().amountYen() - d.useCancels().amountYen());
      expired.add(d.expiries().amountYen());
    }
    return Json.createObjectBuilder()
        .add("type", "bar")
        .add(
            "data",
            Json.createObjectBuilder()
                .add("labels", labels)
                .add(
                    "datasets",
                    Json.createArrayBuilder()
                        .add(dataset(text("dashboard.chart.charges"), charged, "#1f5fa8"))
                        .add(dataset(text("dashboard.chart.uses"), used, "#2e7d32"))
                        .add(dataset(text("dashboard.chart.expiries"), expired, "#b3471b"))))
        .add(
            "options",
            Json.createObjectBuilder()
                .add("animation", false)
                .add("responsive", true)
                .add("maintainAspectRatio", false))
        .build()
        .toString();
  }

  private static jakarta.json.JsonObjectBuilder dataset(
      String label, JsonArrayBuilder data, String colour) {
    return Json.createObjectBuilder()
        .add("label", label)
        .add("data", data)
        .add("backgroundColor", colour)
        .add("borderColor", colour);
  }

  private String text(String key) {
    return ResourceBundle.getBundle("org.jimoto.web.admin.portal", localeBean.getLocale())
        .getString(key);
  }
}
