package org.jimoto.web.admin.settlement;

import static org.jimoto.web.i18n.PortalMessages.error;
import static org.jimoto.web.i18n.PortalMessages.info;
import static org.jimoto.web.i18n.PortalMessages.text;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.settlement.boundary.SettlementClosing;
import org.jimoto.settlement.boundary.SettlementClosing.LineView;
import org.jimoto.settlement.boundary.SettlementClosing.RunView;
import org.jimoto.settlement.boundary.SettlementClosing.ServiceOption;
import org.jimoto.settlement.boundary.SettlementResults;
import org.jimoto.settlement.boundary.SettlementResults.FileOutcome;
import org.jimoto.settlement.control.PayoutResultFile;
import org.jimoto.web.i18n.LocaleBean;

/**
 * The closes with their progress; the administrator starts one and takes the file.
 */
@Named("settlement")
@ViewScoped
public class SettlementBean implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int SHOWN_RUNS = 50;

  @Inject SettlementClosing closing;
  @Inject LocaleBean localeBean;
  @Inject SettlementResults results;

  private String service;

  /**
   * A day in the period to close, yyyy-MM-dd; a month ago by default, a period that is over on
   * every schedule (R-50..R-52).
   */
  private String day = LocalDate.now(PlatformClock.ZONE).minusMonths(1).toString();

  private Long selectedRun;
  private transient List<RunView> runs;
  private transient List<ServiceOption> services;
  private transient List<LineView> lines;

  // #12 results: the failure reason typed per line, and the bank's result file.
  private final HashMap<Long, String> reasons = new HashMap<>();
  private transient Part upload;
  private byte[] resultFile;
  private String resultFileName;
  private transient FileOutcome resultCheck;

  public List<RunView> getRuns() {
    if (runs == null) {
      runs = closing.runs(SHOWN_RUNS);
    }
    return runs;
  }

  /** Whether a close is still working: the page then polls for its progress. */
  public boolean isAnyRunning() {
    return getRuns().stream().anyMatch(r -> !r.closed());
  }

  public void refresh() {
    runs = null;
    lines = null;
  }

  public List<ServiceOption> getServices() {
    if (services == null) {
      services = closing.services();
    }
    return services;
  }

  public String serviceName(ServiceOption s) {
    return (Locale.JAPANESE.getLanguage().equals(localeBean.getLocale().getLanguage())
            ? s.nameJa()
            : s.nameEn())
        + " ("
        + s.code()
        + ")";
  }

  public String closeNow() {
    LocalDate date;
    try {
      date = LocalDate.parse(day == null ? "" : day.strip());
    } catch (DateTimeParseException e) {
      error(text("settlement.dayInvalid"));
      return null;
    }
    try {
      RunView run = closing.start(service, date);
      info(
          text(
              run.closed() ? "settlement.alreadyClosed" : "settlement.started",
              run.serviceCode(),
              run.periodStart().toString(),
              run.periodEnd().toString()));
      selectedRun = run.id();
      refresh();
      return null;
    } catch (RefusedException e) {
      error(e.refusal().message(localeBean.getLocale(), e.args()));
      return null;
    }
  }

  public void select(long runId) {
    selectedRun = runId;
    lines = null;
  }

  public RunView getSelected() {
    return selectedRun == null
        ? null
        : getRuns().stream().filter(r -> r.id() == selectedRun).findFirst().orElse(null);
  }

  /**
   * Whether a line's transfer can have a bank result: its run closed, the transfer in a payout file
   * whose transfer date has come (the ledger refuses the others; the buttons are not offered).
   */
  public boolean acceptsResult(LineView line) {
    RunView run = getSelected();
    return run != null && run.closed() && line.acceptsResult(LocalDate.now(PlatformClock.ZONE));
  }

  public List<LineView> getLines() {
    if (lines == null) {
      lines = selectedRun == null ? List.of() : closing.lines(selectedRun);
    }
    return lines;
  }

  /** the bank paid this line's transfer (the ledger posts it and mails the shop). */
  public void markPaid(long lineId) {
    try {
      results.markPaid(lineId);
      info(text("settlement.result.paid", String.valueOf(lineId)));
      reasons.remove(lineId); // a reason typed beside it must not reach a later correction
    } catch (RefusedException e) {
      error(e.refusal().message(localeBean.getLocale(), e.args()));
    }
    refresh();
  }

  /** the bank could not make this line's transfer; the reason is shown to the merchant. */
  public void markFailed(long lineId) {
    try {
      results.markFailed(lineId, reasons.get(lineId));
      info(text("settlement.result.failed", String.valueOf(lineId)));
      reasons.remove(lineId);
    } catch (RefusedException e) {
      error(e.refusal().message(localeBean.getLocale(), e.args()));
    }
    refresh();
  }

  /**
   * #12 payout: a result recorded by mistake can be corrected: a FAILED line not yet
   * carried over (to PAID), a PAID line (back to DUE). The ledger decides; this only offers.
   */
  public boolean correctable(LineView l) {
    return l.carriedToLineId() == null
        && ("FAILED".equals(l.payoutState()) || "PAID".equals(l.payoutState()));
  }

  /** A FAILED line the bank did pay after all: corrected to PAID with a reason (audited). */
  public void correctToPaid(long lineId) {
    correction(lineId, () -> results.correctToPaid(lineId, reasons.get(lineId)), "toPaidDone");
  }

  /** A PAID result recorded by mistake: reversed to DUE with a reason (audited). */
  public void reversePaid(long lineId) {
    correction(lineId, () -> results.reversePaid(lineId, reasons.get(lineId)), "reversed");
  }

  private void correction(long lineId, Runnable action, String done) {
    try {
      action.run();
      info(text("settlement.correct." + done, String.valueOf(lineId)));
      reasons.remove(lineId);
    } catch (RefusedException e) {
      error(e.refusal().message(localeBean.getLocale(), e.args()));
    }
    refresh();
  }

  /**
   * What a result or correction button asks before it acts: shop, amount and the date the bank was
   * asked to transfer it on (its payout file's), else the payout date.
   */
  public String confirmText(String key, LineView l) {
    RunView run = getSelected();
    String date =
        l.fileTransferDate() != null
            ? l.fileTransferDate().toString()
            : run == null || run.payoutDate() == null
                ? text("settlement.undecided")
                : run.payoutDate().toString();
    return text(key, l.shopName() + " (" + l.shopCode() + ")", l.netDueYen(), date);
  }

  public HashMap<Long, String> getReasons() {
    return reasons;
  }

  /** Reads the bank's result file and lists every error; records nothing. */
  public void checkResultFile() throws IOException {
    resultCheck = null;
    resultFile = null;
    if (upload == null || upload.getSize() == 0) {
      error(
          org.jimoto.ledger.boundary.Refusal.RESULT_FILE_UNREADABLE.message(
              localeBean.getLocale()));
      return;
    }
    try (InputStream in = upload.getInputStream()) {
      resultFile = in.readNBytes(PayoutResultFile.MAX_BYTES + 1);
      resultFileName = upload.getSubmittedFileName();
    } finally {
      upload.delete();
      upload = null;
    }
    resultCheck = results.check(resultFile);
  }

  /** Applies the checked file: every row, or nothing while any row has an error. */
  public void applyResultFile() {
    if (resultFile == null) {
      return;
    }
    resultCheck = results.apply(resultFile);
    if (resultCheck.ok()) {
      info(
          text(
              "settlement.file.applied",
              resultCheck.recorded(),
              resultCheck.unchanged(),
              resultCheck.paidYen(),
              resultCheck.failedYen()));
      resultFile = null;
      resultCheck = null;
    }
    refresh();
  }

  public void cancelResultFile() {
    resultFile = null;
    resultCheck = null;
  }

  public FileOutcome getResultCheck() {
    return resultCheck;
  }

  public String getResultFileName() {
    return resultFileName;
  }

  public List<String> getResultProblems() {
    return resultCheck == null
        ? List.of()
        : resultCheck.problems().stream().map(p -> p.message(localeBean.getLocale())).toList();
  }

  public Part getUpload() {
    return upload;
  }

  public void setUpload(Part upload) {
    this.upload = upload;
  }

  public String getService() {
    return service;
  }

  public void setService(String service) {
    this.service = service;
  }

  public String getDay() {
    return day;
  }

  public void setDay(String day) {
    this.day = day;
  }
}
