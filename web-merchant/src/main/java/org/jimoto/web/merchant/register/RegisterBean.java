package org.jimoto.web.merchant.register;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.UUID;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.payment.boundary.RegisterPayments;
import org.jimoto.payment.boundary.RegisterPayments.Available;
import org.jimoto.payment.boundary.RegisterPayments.CardRead;
import org.jimoto.payment.boundary.RegisterPayments.Till;
import org.jimoto.payment.boundary.RegisterPayments.TillService;
import org.jimoto.resident.entity.CardCode;

/**
 * The register screen (レジ, R-31) and its live feed. The clerk reads the customer's QR code
 * (camera or a USB scanner typing into the field) or keys in a card's 8 digits, sees a card's
 * available balance, enters the tax-inclusive amount and takes the payment; the result stays on
 * screen, large, until the next customer. Beside it, the shop's payments of the day, pushed as they
 * arrive ({@link LiveFeed}).
 *
 * <p>Translates only. The terminal the page acts as is chosen here, remembered on the device (a
 * cookie) and in the URL, and every call names it to {@link RegisterPayments}, which checks it
 * against the login's shops. One idempotency key per attempt: made when the payer is
 * read, sent with every press of the pay button until the next customer, so a double click or a
 * resubmitted form pays once.
 */
@Named("register")
@ViewScoped
public class RegisterBean implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The device's terminal, as a cookie of this portal's path (a till stays one terminal). */
  static final String TILL_COOKIE = "jimoto_till";

  private static final int TILL_COOKIE_SECONDS = 400 * 24 * 3600;

  /** What the page shows: reading the payer, entering the amount, the result. */
  public enum Step {
    READ,
    AMOUNT,
    RESULT
  }

  @Inject RegisterPayments register;
  @Inject SecurityContext security;

  private String terminal;
  private String chosenTerminal;
  private Step step = Step.READ;
  private String payerInput;
  private String payer;
  private boolean card;
  private String service;
  private String amount;
  private String attemptKey;

  // The ledger's records are read again after a restored session (not serializable).
  private transient List<Till> tills;
  private transient List<Available> cardBalances;
  private transient PaymentView paid;

  // The payments this till took itself (the latest few): the feed shows them without a chime.
  private final java.util.ArrayDeque<String> ownPayments = new java.util.ArrayDeque<>();
  private Refusal refusal;
  private transient Object[] refusalArgs;
  private final Set<String> feedSeen = new HashSet<>();
  private transient List<FeedItem> feed;

  // ------------------------------------------------------------------ the terminal

  /** After the view parameter: the URL's terminal, else the device's, else the first one. */
  public void load() {
    Optional<Till> chosen = till(terminal).or(() -> till(cookieTerminal()));
    List<Till> all = getTills();
    terminal =
        chosen.map(Till::terminalCode).orElse(all.isEmpty() ? null : all.get(0).terminalCode());
    chosenTerminal = terminal;
    // What is already on the list when the page opens is not news.
    getFeed().forEach(i -> feedSeen.add(i.paymentId()));
    feed = null;
  }

  /** The till picker: acts as that terminal from now on, on this device. */
  public String chooseTerminal() throws IOException {
    Optional<Till> chosen = till(chosenTerminal);
    if (chosen.isEmpty()) {
      error("register.terminal.unknown");
      return null;
    }
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    var request = (HttpServletRequest) external.getRequest();
    var cookie = new Cookie(TILL_COOKIE, chosen.get().terminalCode());
    cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
    cookie.setHttpOnly(true);
    cookie.setSecure(request.isSecure());
    cookie.setMaxAge(TILL_COOKIE_SECONDS);
    ((HttpServletResponse) external.getResponse()).addCookie(cookie);
    return "/app/register.xhtml?faces-redirect=true&terminal="
        + URLEncoder.encode(chosen.get().terminalCode(), StandardCharsets.UTF_8);
  }

  private String cookieTerminal() {
    Object cookie =
        FacesContext.getCurrentInstance()
            .getExternalContext()
            .getRequestCookieMap()
            .get(TILL_COOKIE);
    return cookie instanceof Cookie c ? c.getValue() : null;
  }

  private Optional<Till> till(String code) {
    if (code == null || code.isBlank()) {
      return Optional.empty();
    }
    return getTills().stream().filter(t -> t.terminalCode().equals(code.strip())).findFirst();
  }

  public List<Till> getTills() {
    if (tills == null) {
      tills = register.tills(login());
    }
    return tills;
  }

  /** The terminal this page acts as; null if the login has none. */
  public Till getTill() {
    return till(terminal).orElse(null);
  }

  // ------------------------------------------------------------------ step 1: the payer

  /** Reads what the scanner, the camera or the clerk put in the field. */
  public void read() {
    clearResult();
    String input = normalized(payerInput);
    if (input.isEmpty()) {
      error("register.payer.empty");
      return;
    }
    if (input.contains("/") || input.contains(":")) {
      // The shop's own QR (a URL of the resident portal) sits beside the till: not a customer's.
      error("register.payer.shopQr");
      return;
    }
    Till till = getTill();
    if (till == null) {
      error("register.terminal.none");
      return;
    }
    card = CardCode.looksLikeCard(input);
    cardBalances = null;
    if (card) {
      CardRead read = register.readCard(login(), till.terminalCode(), input);
      if (read instanceof CardRead.Refused r) {
        refuse(r.refusal(), new Object[0]);
        return;
      }
      cardBalances = ((CardRead.Card) read).balances();
    }
    payer = input;
    payerInput = null;
    attemptKey = "register-" + UUID.randomUUID();
    service = defaultService(till);
    amount = null;
    step = Step.AMOUNT;
  }

  /** A card's first service with a balance; else the first the payer can use here. */
  private String defaultService(Till till) {
    if (card && cardBalances != null) {
      return cardBalances.stream()
          .filter(b -> b.yen() > 0)
          .map(b -> b.service().code())
          .findFirst()
          .orElse(cardBalances.isEmpty() ? null : cardBalances.get(0).service().code());
    }
    return till.services().isEmpty() ? null : till.services().get(0).code();
  }

  /** The services the payer can pay with here: a card only card-usable ones. */
  public List<TillService> getServices() {
    Till till = getTill();
    if (till == null) {
      return List.of();
    }
    return till.services().stream().filter(s -> !card || s.cardUsable()).toList();
  }

  /** A card's available balance in a service; null for an app member (their phone shows it). */
  public Long available(String serviceCode) {
    if (!card || serviceCode == null) {
      return null;
    }
    if (cardBalances == null) { // after a restored session: read again
      Till till = getTill();
      CardRead read = register.readCard(login(), till.terminalCode(), payer);
      cardBalances = read instanceof CardRead.Card c ? c.balances() : List.of();
    }
    return cardBalances.stream()
        .filter(b -> b.service().code().equals(serviceCode))
        .map(Available::yen)
        .findFirst()
        .orElse(0L);
  }

  // ------------------------------------------------------------------ step 2: the payment

  /** Takes the payment with this attempt's key: pressed twice, it still pays once. */
  public void pay() {
    if (payer == null || attemptKey == null) {
      step = Step.READ;
      error("register.payer.empty");
      return;
    }
    Long yen = yen(amount);
    if (yen == null) {
      error("register.amount.invalid");
      return;
    }
    Till till = getTill();
    if (till == null) {
      error("register.terminal.none");
      return;
    }
    refusal = null;
    PaymentOutcome outcome =
        register.pay(login(), till.terminalCode(), attemptKey, payer, service, yen);
    if (outcome instanceof PaymentOutcome.Refused r) {
      refuse(r.refusal(), r.args());
      return;
    }
    paid = ((PaymentOutcome.Done) outcome).payment();
    ownPayments.addFirst(paid.paymentId());
    if (ownPayments.size() > 20) {
      ownPayments.removeLast();
    }
    step = Step.RESULT;
    feed = null;
  }

  /** The tax-inclusive amount as typed: full-width digits, commas, ¥ and 円 are fine. */
  static Long yen(String text) {
    String digits =
        normalized(text).replace(",", "").replace("¥", "").replace("\\", "").replace("円", "");
    if (!digits.matches("[0-9]{1,12}")) {
      return null;
    }
    return Long.parseLong(digits);
  }

  private static String normalized(String text) {
    return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
  }

  /** The next customer: a new attempt from the start. */
  public void next() {
    clearResult();
    step = Step.READ;
    payer = null;
    payerInput = null;
    card = false;
    cardBalances = null;
    service = null;
    amount = null;
    attemptKey = null;
  }

  private void clearResult() {
    paid = null;
    refusal = null;
    refusalArgs = null;
  }

  private void refuse(Refusal why, Object[] args) {
    refusal = why;
    refusalArgs = args;
    if (isReadAgain()) { // an expired QR code, a refused card: the payer is read again
      step = Step.READ;
      payer = null;
      card = false;
      cardBalances = null;
      attemptKey = null;
    }
  }

  /** The refusal in the page's language (it follows a language switch). */
  public String getRefusalMessage() {
    return refusal == null ? null : refusal.message(locale(), args());
  }

  private Object[] args() {
    return refusalArgs == null ? new Object[0] : refusalArgs;
  }

  /** Refusals after which the payer must be read again (not fixed by another amount). */
  public boolean isReadAgain() {
    return refusal == Refusal.UNKNOWN_RESIDENT
        || refusal == Refusal.CARD_REFUSED
        || refusal == Refusal.CARDS_NOT_TAKEN_HERE
        || refusal == Refusal.CARD_CODE_MISTYPED;
  }

  /** The remaining balance after the payment, in the paid service. */
  public Long getBalanceAfter() {
    if (paid == null || paid.legs().isEmpty()) {
      return null;
    }
    return paid.legs().get(0).balanceAfterYen();
  }

  /** A service as the radio button says it: for a card with its available balance. */
  public String serviceLabel(TillService s) {
    String name = s.name().in(locale());
    Long available = available(s.code());
    return available == null
        ? name
        : text("register.service.available", name, formatYen(available), s.unit().in(locale()));
  }

  /** Yen with the thousands separator (1,200). */
  public String formatYen(Long yen) {
    return yen == null ? "" : java.text.NumberFormat.getIntegerInstance(Locale.JAPAN).format(yen);
  }

  /** The services of a feed item, in the page's language (it follows a language switch). */
  public String serviceNames(FeedItem item) {
    return String.join(" + ", item.serviceCodes().stream().map(this::serviceName).toList());
  }

  /** An amount with its unit: 1,200円, 1,200 yen. */
  public String yenText(Long yen) {
    return text("register.yenAmount", formatYen(yen));
  }

  public String serviceName(String code) {
    Till till = getTill();
    return (till == null ? List.<TillService>of() : till.services())
        .stream()
            .filter(s -> s.code().equals(code))
            .map(s -> s.name().in(locale()))
            .findFirst()
            .orElse(code);
  }

  public String unit(String code) {
    Till till = getTill();
    return (till == null ? List.<TillService>of() : till.services())
        .stream()
            .filter(s -> s.code().equals(code))
            .map(s -> s.unit().in(locale()))
            .findFirst()
            .orElse("");
  }

  // ------------------------------------------------------------------ the live feed

  /** One payment in the feed. */
  public record FeedItem(
      String paymentId,
      java.time.LocalDateTime time,
      long amountYen,
      String terminalName,
      List<String> serviceCodes,
      boolean cancelled,
      boolean fresh) {}

  /**
   * Today's payments at this shop, the newest first; those arrived since the page opened marked.
   */
  public List<FeedItem> getFeed() {
    if (feed == null) {
      Till till = getTill();
      List<FeedItem> items = new ArrayList<>();
      if (till != null) {
        for (PaymentView p : register.todaysPayments(login(), till.terminalCode())) {
          items.add(
              new FeedItem(
                  p.paymentId(),
                  p.createdAt(),
                  p.amountYen(),
                  terminalName(p.terminalCode()),
                  p.legs().stream().map(PaymentView.Leg::serviceCode).toList(),
                  !"COMPLETED".equals(p.status()),
                  !feedSeen.contains(p.paymentId())));
        }
      }
      feed = items;
    }
    return feed;
  }

  /** The push said a payment arrived: read the list again on this request. */
  public void refreshFeed() {
    if (feed != null) {
      feed.forEach(i -> feedSeen.add(i.paymentId()));
    }
    feed = null;
  }

  /** The newest payment's id, for the page's script to chime when it changes. */
  public String getFeedLatest() {
    return getFeed().isEmpty() ? "" : getFeed().get(0).paymentId();
  }

  /** Whether the newest payment in the feed is one this till took: the page does not chime. */
  public boolean isFeedLatestOwn() {
    return ownPayments.contains(getFeedLatest());
  }

  private String terminalName(String code) {
    return getTills().stream()
        .filter(t -> t.terminalCode().equals(code))
        .map(Till::terminalName)
        .findFirst()
        .orElse(code); // a retired terminal's payments of today
  }

  // ------------------------------------------------------------------ plumbing

  private String login() {
    return security.getCallerPrincipal().getName();
  }

  private Locale locale() {
    return FacesContext.getCurrentInstance().getViewRoot().getLocale();
  }

  String text(String key, Object... args) {
    String pattern =
        ResourceBundle.getBundle(
                "org.jimoto.web.merchant.portal", locale(), RegisterBean.class.getClassLoader())
            .getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(args);
  }

  private void error(String key) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key), null));
  }

  // ------------------------------------------------------------------ fields

  public String getTerminal() {
    return terminal;
  }

  public void setTerminal(String terminal) {
    this.terminal = terminal;
  }

  public String getChosenTerminal() {
    return chosenTerminal;
  }

  public void setChosenTerminal(String chosenTerminal) {
    this.chosenTerminal = chosenTerminal;
  }

  public Step getStep() {
    return step;
  }

  public String getPayerInput() {
    return payerInput;
  }

  public void setPayerInput(String payerInput) {
    this.payerInput = payerInput;
  }

  public String getPayer() {
    return payer;
  }

  public boolean isCard() {
    return card;
  }

  public String getService() {
    return service;
  }

  public void setService(String service) {
    this.service = service;
  }

  public String getAmount() {
    return amount;
  }

  public void setAmount(String amount) {
    this.amount = amount;
  }

  public PaymentView getPaid() {
    return paid;
  }

  public Refusal getRefusal() {
    return refusal;
  }
}
