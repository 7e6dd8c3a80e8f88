package org.jimoto.web.resident.history;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.payment.boundary.ResidentPayments;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.report.boundary.TransactionReports;
import org.jimoto.report.boundary.TransactionReports.Filter;
import org.jimoto.report.boundary.TransactionReports.Row;
import org.jimoto.web.resident.pay.PortalText;

/**
 * The resident's history (#10 item 6): a period of days and a service to narrow it, newest first,
 * at most {@link #PAGE} rows. A cancellation names the transaction it reversed; a cancelled one
 * says so. The ledger limits the list to the login's resident: there is no id to edit.
 */
@Named("history")
@ViewScoped
public class HistoryBean implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Rows shown at once; a longer period is narrowed by the resident. */
  static final int PAGE = 200;

  /** The longest period one list covers. */
  static final int MAX_DAYS = 366;

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm");

  @Inject transient TransactionReports reports;
  @Inject transient ResidentPayments payments;

  private String from;
  private String to;
  private String service;
  private TransactionReports.Page page;
  private Map<String, LocalizedName> serviceNames;

  /** The last three months, every service. */
  public void load() {
    LocalDate today = LocalDate.now(PlatformClock.ZONE);
    if (from == null) {
      from = today.minusMonths(3).toString();
    }
    if (to == null) {
      to = today.toString();
    }
    serviceNames = payments.serviceNames();
    search();
  }

  public void search() {
    LocalDate first;
    LocalDate last;
    try {
      first = LocalDate.parse(from == null ? "" : from.strip());
      last = LocalDate.parse(to == null ? "" : to.strip());
    } catch (DateTimeParseException e) {
      PortalText.error("pay.history.period.invalid");
      page = null;
      return;
    }
    if (last.isBefore(first) || first.plusDays(MAX_DAYS).isBefore(last)) {
      PortalText.error("pay.history.period.range", MAX_DAYS);
      page = null;
      return;
    }
    String code = service == null || service.isBlank() ? null : service;
    if (code != null && !serviceNames.containsKey(code)) {
      code = null;
      service = null;
    }
    Filter filter =
        new Filter(
            first.atStartOfDay(),
            last.plusDays(1).atStartOfDay(),
            null,
            null,
            code,
            null,
            null,
            null,
            null);
    page = reports.searchForResident(PortalText.login(), filter, null, 0, PAGE);
  }

  public List<Row> getRows() {
    return page == null ? List.of() : page.rows();
  }

  public boolean isMore() {
    return page != null && page.count() > page.rows().size();
  }

  public long getCount() {
    return page == null ? 0 : page.count();
  }

  /** An amount with thousands separators (2,930). */
  public String yen(long amount) {
    return String.format(java.util.Locale.ROOT, "%,d", amount);
  }

  public String time(Row row) {
    return TIME.format(row.createdAt());
  }

  public String operation(Row row) {
    return Operations.name(row.operation(), PortalText.locale());
  }

  public String serviceName(String code) {
    LocalizedName name = serviceNames == null ? null : serviceNames.get(code);
    return name == null ? code : name.in(PortalText.locale());
  }

  public String place(Row row) {
    return row.shopName() == null ? "" : row.shopName();
  }

  public List<String> getServiceCodes() {
    return serviceNames == null ? List.of() : List.copyOf(serviceNames.keySet());
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

  public String getService() {
    return service;
  }

  public void setService(String service) {
    this.service = service;
  }
}
