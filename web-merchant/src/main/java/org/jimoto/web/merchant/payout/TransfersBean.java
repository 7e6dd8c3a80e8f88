package org.jimoto.web.merchant.payout;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jimoto.settlement.boundary.SettlementStatements;
import org.jimoto.settlement.boundary.SettlementStatements.Transfer;
import org.jimoto.statement.control.StatementPdf;
import org.jimoto.web.i18n.LocaleBean;

/** The login's closings with what each pays and when (振込履歴), newest first. */
@Named("transfers")
@RequestScoped
public class TransfersBean {

  @Inject SettlementStatements statements;
  @Inject SecurityContext security;
  @Inject LocaleBean localeBean;

  private static final DateTimeFormatter EN_DATE =
      DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

  private List<Transfer> list;

  public List<Transfer> getList() {
    if (list == null) {
      list = statements.transfers(security.getCallerPrincipal().getName());
    }
    return list;
  }

  private Locale locale() {
    return localeBean.getLocale();
  }

  public String serviceName(Transfer t) {
    return "ja".equals(locale().getLanguage()) ? t.serviceNameJa() : t.serviceNameEn();
  }

  public String yen(long amount) {
    return NumberFormat.getIntegerInstance(locale()).format(amount);
  }

  /** A date as the portal writes it, or "undecided" (a published calendar's 未定). */
  public String date(LocalDate date) {
    if (date == null) {
      return text("transfers.undecided");
    }
    return "ja".equals(locale().getLanguage())
        ? StatementPdf.ERA_DATE.format(date) // 令和元年8月15日, as the statement writes it
        : EN_DATE.format(date);
  }

  /** DUE, PAID, FAILED, CARRIED_OVER or NONE, in words. */
  public String state(Transfer t) {
    return text("transfers.state." + t.payoutState());
  }

  /**
   * why the bank could not transfer, and the transfer the amount was carried over into (its
   * date and sales period), in the reader's language.
   */
  public String failure(Transfer t) {
    if (t.failureReason() == null) {
      return "";
    }
    String reason =
        java.text.MessageFormat.format(text("transfers.failure.reason"), t.failureReason());
    if (t.carriedToPeriodEnd() == null) {
      return reason
          + " "
          + java.text.MessageFormat.format(text("transfers.failure.next"), new Object[0]);
    }
    return reason
        + " "
        + java.text.MessageFormat.format(
            text("transfers.failure.carriedTo"),
            date(t.carriedToPayoutDate()),
            date(t.carriedToPeriodStart()),
            date(t.carriedToPeriodEnd()));
  }

  /** the amount the bank could not transfer (paid by the closing it is carried into). */
  public String failedAmount(Transfer t) {
    return java.text.MessageFormat.format(text("transfers.amount.failed"), yen(t.payableYen()));
  }

  /** this period's sales and the amount carried in from a failed transfer, apart. */
  public String carriedIn(Transfer t) {
    return java.text.MessageFormat.format(
        text("transfers.amount.carriedIn"), yen(t.salesYen()), yen(t.carriedInYen()));
  }

  private String text(String key) {
    return ResourceBundle.getBundle(
            "org.jimoto.web.merchant.portal", locale(), TransfersBean.class.getClassLoader())
        .getString(key);
  }
}
