package org.jimoto.web.layout;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jimoto.notice.boundary.MaintenanceWindows;
import org.jimoto.web.i18n.LocaleBean;
import org.jimoto.web.i18n.Messages;

/**
 * The maintenance banner of every portal: the window in force, else the next announced one
 * within a week, with the city's message in the session's language. Read from the ledger's
 * in-memory snapshot: no database read per page.
 */
@Named("maintenanceBanner")
@RequestScoped
public class MaintenanceBannerBean {

  @Inject MaintenanceWindows windows;
  @Inject LocaleBean localeBean;
  @Inject Messages messages;

  private Optional<MaintenanceWindows.View> window;

  private Optional<MaintenanceWindows.View> window() {
    if (window == null) {
      window = windows.banner();
    }
    return window;
  }

  public boolean isShown() {
    return window().isPresent();
  }

  public boolean isInForce() {
    return window().map(MaintenanceWindows.View::inForce).orElse(false);
  }

  /** "11月26日(木) 02:00 から 05:00 まで…" in the session's language. */
  public String getPeriod() {
    return window()
        .map(
            w -> {
              var format =
                  DateTimeFormatter.ofPattern(
                      messages.get("maintenance.dateTime"), localeBean.getLocale());
              String start = w.startsAt().format(format);
              String end =
                  w.endsAt().toLocalDate().equals(w.startsAt().toLocalDate())
                      ? w.endsAt().format(DateTimeFormatter.ofPattern("HH:mm"))
                      : w.endsAt().format(format);
              return messages.format(
                  w.inForce() ? "maintenance.now" : "maintenance.upcoming", start, end);
            })
        .orElse("");
  }

  public String getMessage() {
    return window().map(w -> w.message().in(localeBean.getLocale())).orElse("");
  }
}
