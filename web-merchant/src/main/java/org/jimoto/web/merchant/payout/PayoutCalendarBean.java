package org.jimoto.web.merchant.payout;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.jimoto.settlement.boundary.PayoutCalendar;
import org.jimoto.settlement.boundary.PayoutCalendar.ServiceCalendar;
import org.jimoto.web.i18n.LocaleBean;

/**
 * The public payout calendar page (支払スケジュール, #12 item 6): each service's next periods with their
 * close and payout dates, from the ledger's schedules. Dates are written as the transfer history
 * writes them ({@link TransfersBean#date}).
 */
@Named("payoutCalendar")
@RequestScoped
public class PayoutCalendarBean {

  /** Periods shown per service: about three months of a semi-monthly schedule. */
  static final int PERIODS = 6;

  @Inject PayoutCalendar calendar;
  @Inject LocaleBean localeBean;

  private List<ServiceCalendar> calendars;

  public List<ServiceCalendar> getCalendars() {
    if (calendars == null) {
      calendars = calendar.upcoming(PERIODS).stream().filter(c -> !c.rows().isEmpty()).toList();
    }
    return calendars;
  }

  public String serviceName(ServiceCalendar c) {
    return "ja".equals(localeBean.getLocale().getLanguage()) ? c.nameJa() : c.nameEn();
  }
}
