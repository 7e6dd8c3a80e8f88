package org.jimoto.web.admin.settlement;

import static org.jimoto.web.i18n.PortalMessages.error;
import static org.jimoto.web.i18n.PortalMessages.info;
import static org.jimoto.web.i18n.PortalMessages.text;

import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.List;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.settlement.boundary.SettlementClosing;
import org.jimoto.settlement.boundary.SettlementClosing.PayoutDateFiles;
import org.jimoto.settlement.boundary.SettlementClosing.RunView;
import org.jimoto.settlement.control.InvalidPayoutFile;
import org.jimoto.web.i18n.LocaleBean;

/**
 * The payout files (振込ファイル, R-54) of the selected run's payout date: those made, with their
 * download, and the button that makes the next one from what is due and in no file yet.
 */
@Named("payoutFiles")
@ViewScoped
public class PayoutFilesBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject SettlementBean settlement;
  @Inject SettlementClosing closing;
  @Inject LocaleBean localeBean;

  private transient PayoutDateFiles files;
  private transient List<PayoutDateFiles> unsentDates;

  /** The payout dates whose due transfers are not all in a file yet, whichever run is open. */
  public List<PayoutDateFiles> getUnsentDates() {
    if (unsentDates == null) {
      unsentDates = closing.unsentPayoutDates();
    }
    return unsentDates;
  }

  /** The selected run's files; null when it has no payout date yet or is not closed. */
  public PayoutDateFiles getOfSelected() {
    RunView run = settlement.getSelected();
    if (run == null || !run.closed() || run.payoutDate() == null) {
      return null;
    }
    if (files == null || !files.payoutDate().equals(run.payoutDate())) {
      files = closing.payoutFiles(run.payoutDate());
    }
    return files;
  }

  /** Makes the next file of the selected run's payout date. */
  public void make() {
    PayoutDateFiles of = getOfSelected();
    if (of != null) {
      make(of.payoutDate());
    }
  }

  /** Makes the next file of a payout date. */
  public void make(LocalDate payoutDate) {
    try {
      var file = closing.payoutFile(payoutDate);
      if (file.made() == null) {
        info(text("settlement.files.nothing", payoutDate.toString()));
      } else {
        info(
            text(
                "settlement.files.made",
                String.valueOf(file.made().sequence()),
                payoutDate.toString(),
                String.valueOf(file.lines()),
                yen(file.totalYen())));
      }
    } catch (RefusedException e) {
      error(e.refusal().message(localeBean.getLocale(), e.args()));
    } catch (EJBException e) {
      Throwable t = e;
      while (t != null && !(t instanceof InvalidPayoutFile)) {
        t = t.getCause();
      }
      if (t == null) {
        throw e;
      }
      error(text("settlement.files.invalid", t.getMessage()));
    }
    files = null;
    unsentDates = null;
  }

  /** The shops left out for want of a bank account, for the warning. */
  public String getMissingAccounts() {
    PayoutDateFiles of = getOfSelected();
    return of == null ? "" : String.join(", ", of.missingAccount());
  }

  public String yen(long amount) {
    return NumberFormat.getIntegerInstance(localeBean.getLocale()).format(amount);
  }
}
