package org.jimoto.web.merchant.results;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.report.boundary.MerchantResults;
import org.jimoto.report.boundary.MerchantResults.Granularity;
import org.jimoto.report.boundary.MerchantResults.ServiceResults;
import org.jimoto.report.boundary.TransactionReports.Figures;
import org.jimoto.web.i18n.LocaleBean;

/**
 * The results page: the period from the URL (a plain GET form, so every view is a
 * bookmarkable link and the CSV links carry the same period), the ledger's figures per service for
 * the login's shops, and the chart of their sales. Translates only.
 */
@Named("results")
@ViewScoped
public class ResultsBean implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Bar colours of the services, in order: dark enough on white for the 3:1 of WCAG 1.4.11. */
  private static final List<String> COLOURS = List.of("#1f5fa8", "#b3471b", "#2e7d32", "#6a3d9a");

  private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("M/d");
  private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("uuuu/MM");

  @Inject MerchantResults ledger;
  @Inject SecurityContext security;
  @Inject LocaleBean localeBean;

  // The URL's parameters, as the GET form sends them.
  private String view;
  private String from;
  private String to;

  private ResultsQuery query;
  private String invalidKey;
  // Read again after a session is restored: the ledger's records are not serializable.
  private transient List<ServiceResults> services;

  /** After the view parameters are set: a wrong one shows this month's and says what was wrong. */
  public void load() {
    query();
    if (invalidKey != null) {
      FacesContext.getCurrentInstance()
          .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(invalidKey), null));
    }
  }

  private ResultsQuery query() {
    if (query == null) {
      try {
        query =
            ResultsQuery.parse(
                name ->
                    switch (name) {
                      case "view" -> view;
                      case "from" -> from;
                      case "to" -> to;
                      default -> null;
                    });
      } catch (ResultsQuery.Invalid e) {
        invalidKey = e.messageKey();
        query =
            ResultsQuery.defaults("monthly".equals(view) ? Granularity.MONTHLY : Granularity.DAILY);
      }
    }
    return query;
  }

  public List<ServiceResults> getServices() {
    if (services == null) {
      services = ledger.forMerchant(security.getCallerPrincipal().getName(), query().period());
    }
    return services;
  }

  public boolean isDaily() {
    return query().daily();
  }

  /** The value of the form's inputs: a date ({@code 2024-02-13}) or a month ({@code 2024-02}). */
  public String getFromValue() {
    return query().format(query().from());
  }

  public String getToValue() {
    return query().format(query().to());
  }

  public LocalDate getFromDate() {
    return query().from();
  }

  public LocalDate getToDate() {
    return query().to();
  }

  public List<Operation> getOperations() {
    return MerchantResults.OPERATIONS;
  }

  /** The column names of the seed's screen (付与, 利用, 付与キャンセル, …). */
  public String operationName(Operation op) {
    return text("results.op." + op.name());
  }

  public String serviceName(ServiceResults r) {
    return localeBean.isJapanese() ? r.service().nameJa() : r.service().nameEn();
  }

  public String typeName(ServiceResults r) {
    return text("results.serviceType." + r.service().serviceType());
  }

  /** "1,300 (2件)": an operation's amount and count, as the seed's screen shows them. */
  public String cell(Figures figures, Operation op) {
    return text(figures.amount(op), figures.count(op));
  }

  public String sales(Figures figures) {
    return text(figures.sales().amountYen(), figures.sales().count());
  }

  private String text(long yen, long count) {
    return java.text.MessageFormat.format(text("results.cell"), yen, count);
  }

  /** A line's period as the table names it: 2024/02/13 (火) or 2024年02月 / Feb 2024. */
  public String periodLabel(LocalDate start) {
    Locale locale = localeBean.getLocale();
    return DateTimeFormatter.ofPattern(
            text(isDaily() ? "results.dayPattern" : "results.monthPattern"), locale)
        .format(start);
  }

  public String csvUrl(String encoding) {
    return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
        + "/app/results.csv?"
        + query().toParameters()
        + ("sjis".equals(encoding) ? "&encoding=sjis" : "");
  }

  /** The other view's link (日次 / 月次) with its default period. */
  public String viewUrl(String other) {
    return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
        + "/app/results.xhtml?view="
        + other;
  }

  /**
   * The chart's Chart.js configuration (p:chart): the sales of each service per day or month, as
   * bars. Built with JSON-P, so names are escaped as JSON; PrimeFaces puts it in its nonce-carrying
   * script.
   */
  public String getChartJson() {
    List<ServiceResults> all = getServices();
    JsonArrayBuilder labels = Json.createArrayBuilder();
    if (!all.isEmpty()) {
      for (var line : all.get(0).lines()) {
        labels.add((isDaily() ? DAY_LABEL : MONTH_LABEL).format(line.start()));
      }
    }
    JsonArrayBuilder datasets = Json.createArrayBuilder();
    for (int i = 0; i < all.size(); i++) {
      ServiceResults r = all.get(i);
      JsonArrayBuilder data = Json.createArrayBuilder();
      r.lines().forEach(line -> data.add(line.sales().amountYen()));
      String colour = COLOURS.get(i % COLOURS.size());
      datasets.add(
          Json.createObjectBuilder()
              .add("label", serviceName(r))
              .add("data", data)
              .add("backgroundColor", colour)
              .add("borderColor", colour));
    }
    return Json.createObjectBuilder()
        .add("type", "bar")
        .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
        .add(
            "options",
            Json.createObjectBuilder()
                .add("animation", false)
                .add("responsive", true)
                .add("maintainAspectRatio", false)
                .add(
                    "plugins",
                    Json.createObjectBuilder()
                        .add(
                            "title",
                            Json.createObjectBuilder()
                                .add("display", true)
                                .add("text", text("results.chart.title"))))
                .add(
                    "scales",
                    Json.createObjectBuilder()
                        .add("y", Json.createObjectBuilder().add("beginAtZero", true))))
        .build()
        .toString();
  }

  private String text(String key) {
    return ResourceBundle.getBundle(
            "org.jimoto.web.merchant.portal",
            localeBean.getLocale(),
            ResultsBean.class.getClassLoader())
        .getString(key);
  }

  public String getView() {
    return view;
  }

  public void setView(String view) {
    this.view = view;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }
}
