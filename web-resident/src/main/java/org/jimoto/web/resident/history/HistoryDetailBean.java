package org.jimoto.web.resident.history;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.payment.boundary.ResidentPayments;
import org.jimoto.report.boundary.TransactionReports;
import org.jimoto.report.boundary.TransactionReports.ResidentTransfer;
import org.jimoto.report.boundary.TransactionReports.Row;
import org.jimoto.web.resident.pay.PortalText;

/**
 * One transaction of the resident's (#10 item 6): {@code /app/history-detail.xhtml?tran=<tranId>}.
 * Another resident's tranId, edited into the address, is answered as an unknown one: 404 and
 * nothing of it shown.
 */
@Named("historyDetail")
@RequestScoped
public class HistoryDetailBean {

  @Inject TransactionReports reports;
  @Inject ResidentPayments payments;

  private String tran;
  private ResidentTransfer transfer;
  private Map<String, LocalizedName> serviceNames;

  public void load() {
    Optional<ResidentTransfer> found = reports.transferForResident(PortalText.login(), tran);
    transfer = found.orElse(null);
    serviceNames = payments.serviceNames();
    if (transfer == null) {
      FacesContext.getCurrentInstance()
          .getExternalContext()
          .setResponseStatus(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  public Row getRow() {
    return transfer == null ? null : transfer.row();
  }

  public java.util.List<Row> getCancellations() {
    return transfer == null ? java.util.List.of() : transfer.cancellations();
  }

  /** An amount with thousands separators (2,930). */
  public String yen(long amount) {
    return String.format(java.util.Locale.ROOT, "%,d", amount);
  }

  public String time(Row row) {
    return HistoryBean.TIME.format(row.createdAt());
  }

  public String operation(Row row) {
    return Operations.name(row.operation(), PortalText.locale());
  }

  public String serviceName(String code) {
    LocalizedName name = serviceNames == null ? null : serviceNames.get(code);
    return name == null ? code : name.in(PortalText.locale());
  }

  public String getTran() {
    return tran;
  }

  public void setTran(String tran) {
    this.tran = tran;
  }
}
