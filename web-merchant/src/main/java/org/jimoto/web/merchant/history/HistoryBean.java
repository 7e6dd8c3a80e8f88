package org.jimoto.web.merchant.history;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.merchant.boundary.MerchantScopes;
import org.jimoto.merchant.boundary.MerchantScopes.Choice;
import org.jimoto.payment.boundary.MerchantCancellations;
import org.jimoto.payment.boundary.MerchantCancellations.Check;
import org.jimoto.payment.boundary.MerchantCancellations.Details;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.report.boundary.TransactionReports;
import org.jimoto.report.boundary.TransactionReports.Cursor;
import org.jimoto.report.boundary.TransactionReports.Page;
import org.jimoto.report.boundary.TransactionReports.Row;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The history page: filters in the URL (bookmarkable, and the CSV link carries the same),
 * the count and total of the filter, a lazy list paged by key when going page by page, and the
 * cancellation with its confirmation. Translates only: the ledger scopes everything to the
 * login and decides every cancellation.
 */
@Named("history")
@ViewScoped
public class HistoryBean implements Serializable {

  private static final long serialVersionUID = 1L;
  static final int PAGE_SIZE = 50;

  @Inject TransactionReports reports;
  @Inject MerchantScopes scopes;
  @Inject MerchantCancellations cancellations;
  @Inject SecurityContext security;

  // The filter's fields, as the form and the URL carry them.
  private String from;
  private String to;
  private String uid;
  private String tranId;
  private String service;
  private String shop;
  private String terminal;
  private String operation;
  private String status;
  private String page;

  private HistoryQuery query = HistoryQuery.today();
  // Read again after a session is restored: the ledger's records are not serializable.
  private transient Page figures;
  private final RowModel model = new RowModel();

  // The tranId survives a session restore; its details are read again from the ledger.
  private String toCancelTran;
  private transient Details toCancel;
  private boolean matched;
  private String reason;
  private String refusal;

  @PostConstruct
  void defaults() {
    from = HistoryQuery.MINUTE.format(query.from());
    to = HistoryQuery.MINUTE.format(query.to());
  }

  /** After the view parameters are set: read them (a wrong one keeps today's list and says so). */
  public void load() {
    apply();
  }

  /** The search button: the filter as entered. */
  public void search() {
    apply();
  }

  private void apply() {
    try {
      query =
          HistoryQuery.parse(
              Map.of(
                      "from", nz(from),
                      "to", nz(to),
                      "uid", nz(uid),
                      "tranId", nz(tranId),
                      "service", nz(service),
                      "shop", nz(shop),
                      "terminal", nz(terminal),
                      "operation", nz(operation),
                      "status", nz(status))
                  ::get);
    } catch (HistoryQuery.Invalid e) {
      error(e.messageKey());
      return;
    }
    figures = null;
    model.reset();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private String login() {
    return security.getCallerPrincipal().getName();
  }

  /** The count and figures of the whole filter, read once per filter. */
  public Page getFigures() {
    if (figures == null) {
      figures = reports.searchForMerchant(login(), query.filter(), null, 0, 1);
    }
    return figures;
  }

  /** Total of the listed rows' amounts, cancellations subtracted. */
  public long getTotalYen() {
    return getFigures().netYen();
  }

  /** The first row of the page in the URL's {@code page} (1-based), for a bookmarked page. */
  public int getFirst() {
    try {
      int p = page == null ? 1 : Integer.parseInt(page);
      return Math.max(0, (p - 1) * PAGE_SIZE);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public String csvUrl(String encoding) {
    FacesContext faces = FacesContext.getCurrentInstance();
    return faces.getExternalContext().getRequestContextPath()
        + "/app/history.csv?"
        + query.toParameters()
        + ("sjis".equals(encoding) ? "&encoding=sjis" : "");
  }

  public List<Choice> getShops() {
    return scopes.shops(login());
  }

  public List<Choice> getTerminals() {
    return scopes.terminals(login());
  }

  public List<Choice> getServices() {
    return scopes.services(login());
  }

  public List<Operation> getOperations() {
    return List.of(Operation.USE, Operation.USE_CANCEL);
  }

  public String operationName(Operation op) {
    return "ja".equals(locale().getLanguage()) ? op.nameJa() : op.nameEn();
  }

  /** Only a payment row still active may offer a cancel (the ledger decides the rest). */
  public boolean cancellable(Row row) {
    return row.operation() == Operation.USE && row.status() == 1 && !row.closed();
  }

  // ------------------------------------------------------------------ cancellation

  /** The confirmation: what would be cancelled, or why it cannot be. */
  public void prepareCancel(String tran) {
    toCancel = null;
    toCancelTran = null;
    refusal = null;
    matched = false;
    reason = null;
    Check check = cancellations.check(login(), tran);
    if (check instanceof Check.Cancellable c) {
      toCancel = c.details();
      toCancelTran = toCancel.tranId();
    } else if (check instanceof Check.Refused r) {
      refusal = r.refusal().message(locale());
    }
  }

  public void confirmCancel() {
    if (toCancelTran == null) {
      FacesContext.getCurrentInstance()
          .addMessage(
              null,
              new FacesMessage(FacesMessage.SEVERITY_ERROR, text("history.cancel.expired"), null));
      return;
    }
    if (getToCancel() == null) { // restored, and no longer cancellable: say why
      FacesContext.getCurrentInstance()
          .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal, null));
      return;
    }
    if (!matched) {
      FacesContext.getCurrentInstance()
          .addMessage(
              "cancelForm:matched",
              new FacesMessage(
                  FacesMessage.SEVERITY_ERROR, text("history.cancel.notMatched"), null));
      FacesContext.getCurrentInstance().validationFailed(); // the dialog stays open
      return;
    }
    PaymentOutcome outcome = cancellations.cancel(login(), toCancel.tranId(), reason);
    if (outcome instanceof PaymentOutcome.Refused r) {
      FacesContext.getCurrentInstance()
          .addMessage(
              null, new FacesMessage(FacesMessage.SEVERITY_ERROR, r.message(locale()), null));
    } else {
      FacesContext.getCurrentInstance()
          .addMessage(
              null,
              new FacesMessage(
                  FacesMessage.SEVERITY_INFO,
                  java.text.MessageFormat.format(
                      text("history.cancel.done"), toCancel.tranId(), toCancel.amountYen()),
                  null));
      figures = null;
      model.reset();
    }
    toCancel = null;
    toCancelTran = null;
  }

  private Locale locale() {
    return FacesContext.getCurrentInstance().getViewRoot().getLocale();
  }

  private String text(String key) {
    return ResourceBundle.getBundle(
            "org.jimoto.web.merchant.portal", locale(), HistoryBean.class.getClassLoader())
        .getString(key);
  }

  private void error(String key) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key), null));
  }

  /**
   * The lazy list: the next page after the one shown is read by key (from its last row), any other
   * by offset; the count is the filter's, read once.
   */
  public class RowModel extends LazyDataModel<Row> {
    private static final long serialVersionUID = 1L;
    private int lastFirst = -1;
    private transient Cursor lastKey;

    void reset() {
      lastFirst = -1;
      lastKey = null;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) Math.min(Integer.MAX_VALUE, getFigures().count());
    }

    @Override
    public List<Row> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      Cursor after = lastKey != null && first == lastFirst + pageSize ? lastKey : null;
      List<Row> rows = reports.rowsForMerchant(login(), query.filter(), after, first, pageSize);
      lastFirst = first;
      lastKey = rows.isEmpty() ? null : rows.get(rows.size() - 1).key();
      setRowCount((int) Math.min(Integer.MAX_VALUE, getFigures().count()));
      return rows;
    }

    @Override
    public String getRowKey(Row row) {
      return row.tranId();
    }
  }

  public RowModel getModel() {
    return model;
  }

  /**
   * The payment the dialog asks about. After a session restore (the details are transient) it is
   * read again from the ledger here, so the dialog's fields are still rendered when the confirm
   * postback is decoded: otherwise Faces would skip them and the confirm would do nothing.
   */
  public Details getToCancel() {
    if (toCancel == null && toCancelTran != null) {
      Check check = cancellations.check(login(), toCancelTran);
      if (check instanceof Check.Cancellable c) {
        toCancel = c.details();
      } else {
        refusal =
            check instanceof Check.Refused r
                ? r.refusal().message(locale())
                : text("history.cancel.expired");
        toCancelTran = null;
      }
    }
    return toCancel;
  }

  public String getRefusal() {
    return refusal;
  }

  public boolean isMatched() {
    return matched;
  }

  public void setMatched(boolean matched) {
    this.matched = matched;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason == null || reason.isBlank() ? null : reason.strip();
  }

  public LocalDateTime getFromTime() {
    return query.from();
  }

  public LocalDateTime getToTime() {
    return query.to();
  }

  // Filter fields.

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

  public String getUid() {
    return uid;
  }

  public void setUid(String uid) {
    this.uid = uid;
  }

  public String getTranId() {
    return tranId;
  }

  public void setTranId(String tranId) {
    this.tranId = tranId;
  }

  public String getService() {
    return service;
  }

  public void setService(String service) {
    this.service = service;
  }

  public String getShop() {
    return shop;
  }

  public void setShop(String shop) {
    this.shop = shop;
  }

  public String getTerminal() {
    return terminal;
  }

  public void setTerminal(String terminal) {
    this.terminal = terminal;
  }

  public String getOperation() {
    return operation;
  }

  public void setOperation(String operation) {
    this.operation = operation;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getPage() {
    return page;
  }

  public void setPage(String page) {
    this.page = page;
  }
}
