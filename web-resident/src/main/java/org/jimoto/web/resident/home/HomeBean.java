package org.jimoto.web.resident.home;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.notice.boundary.Notices;
import org.jimoto.notice.entity.Audience;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.web.i18n.LocaleBean;

/**
 * The resident's home (#10 item 2): balance per service with its expiry breakdown, the next
 * expiring amount, bonuses still to come, and the city's notices. Only translates what the ledger
 * answers for the logged-in resident.
 */
@Named("residentHome")
@RequestScoped
public class HomeBean {

  private static final String BUNDLE = "org.jimoto.web.resident.portal";

  /** A service's balance as shown: amounts already formatted with their unit. */
  public record BalanceRow(
      String code, String name, String balance, String nextExpiring, List<String> breakdown) {}

  /** A notice as shown. */
  public record NoticeRow(long id, String title, String body, String date) {}

  @Inject SecurityContext security;
  @Inject BalanceQuery balanceQuery;
  @Inject Notices notices;
  @Inject LocaleBean localeBean;

  private Optional<BalanceQuery.Overview> overview;
  private Map<String, BalanceQuery.ServiceLabel> labels;

  private Optional<BalanceQuery.Overview> overview() {
    if (overview == null) {
      Principal caller = security.getCallerPrincipal();
      overview = caller == null ? Optional.empty() : balanceQuery.ofLogin(caller.getName());
    }
    return overview;
  }

  private Map<String, BalanceQuery.ServiceLabel> labels() {
    if (labels == null) {
      labels = balanceQuery.serviceLabels();
    }
    return labels;
  }

  public List<BalanceRow> getBalances() {
    return overview().map(o -> o.balances().stream().map(this::row).toList()).orElse(List.of());
  }

  public List<String> getPendingBonuses() {
    LocalDate today = LocalDate.now(PlatformClock.ZONE);
    return overview()
        .map(
            o ->
                o.pendingBonuses().stream()
                    .map(
                        b ->
                            text(
                                "home.pending.item",
                                day(b.dueOn(), today),
                                amount(b.serviceCode(), b.amountYen()),
                                name(b.serviceCode())))
                    .toList())
        .orElse(List.of());
  }

  public List<NoticeRow> getNotices() {
    Locale locale = locale();
    var format = DateTimeFormatter.ofPattern(text("home.notices.date"), locale);
    return notices.current(Audience.RESIDENT).stream()
        .map(
            n ->
                new NoticeRow(
                    n.id(),
                    n.title().in(locale),
                    n.body().in(locale),
                    n.shownFrom().toLocalDate().format(format)))
        .toList();
  }

  private BalanceRow row(BalanceQuery.Balance b) {
    List<String> breakdown =
        b.byExpiry().stream()
            .map(
                e ->
                    text(
                        "home.expiry.item",
                        amount(b.serviceCode(), e.amountYen()),
                        date(e.expiresOn())))
            .toList();
    String next =
        b.nextExpiring()
            .map(
                e ->
                    text(
                        "home.expiry.next",
                        amount(b.serviceCode(), e.amountYen()),
                        date(e.expiresOn())))
            .orElse(null);
    return new BalanceRow(
        b.serviceCode(),
        name(b.serviceCode()),
        amount(b.serviceCode(), b.balanceYen()),
        next,
        breakdown.size() > 1 ? breakdown.subList(1, breakdown.size()) : List.of());
  }

  private String name(String serviceCode) {
    var label = labels().get(serviceCode);
    return label == null ? serviceCode : label.name().in(locale());
  }

  /** "1,000 円" / "300 pt" in the service's unit. */
  private String amount(String serviceCode, long amount) {
    var label = labels().get(serviceCode);
    LocalizedName unit = label == null ? new LocalizedName("", "") : label.unit();
    return NumberFormat.getIntegerInstance(locale()).format(amount) + " " + unit.in(locale());
  }

  private String day(LocalDate day, LocalDate today) {
    if (day.equals(today)) {
      return text("home.day.today");
    }
    if (day.equals(today.plusDays(1))) {
      return text("home.day.tomorrow");
    }
    return date(day);
  }

  private static String date(LocalDate day) {
    return day.toString(); // ISO: 2027-03-31, as the city's notices write it
  }

  private String text(String key, Object... args) {
    String pattern = ResourceBundle.getBundle(BUNDLE, locale()).getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(args);
  }

  private Locale locale() {
    return localeBean.getLocale();
  }
}
