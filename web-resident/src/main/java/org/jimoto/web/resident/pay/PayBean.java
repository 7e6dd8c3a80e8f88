package org.jimoto.web.resident.pay;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.payment.boundary.ResidentPayments;
import org.jimoto.payment.boundary.ResidentPayments.Option;
import org.jimoto.payment.boundary.ResidentPayments.PayPlace;
import org.jimoto.payment.boundary.ResidentPayments.Where;

/**
 * The pay page a store QR code opens (R-30, {@code /pay.xhtml?t=<token>}) or the scanner sends to
 * ({@code ?code=<terminal code>}): amount per service (two for a combined payment, R-33), a
 * confirmation to show the staff, the payment, and the completion screen with a live clock.
 *
 * <p>One attempt has one idempotency key, made when the confirmation is shown and kept until the
 * ledger answers: a press of "pay" sent again after a lost answer, or a double click, gets the same
 * payment back and pays once. Every refusal is the ledger's, shown by its code in the page's
 * language, and changes nothing.
 */
@Named("pay")
@ViewScoped
public class PayBean implements Serializable {

  private static final long serialVersionUID = 1L;

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss");

  public enum Step {
    AMOUNT,
    CONFIRM,
    DONE
  }

  @Inject transient ResidentPayments payments;

  // view parameters
  private String token;
  private String code;

  private PayPlace place;
  private Refusal placeRefusal;
  private Step step = Step.AMOUNT;
  private final Map<String, String> amounts = new LinkedHashMap<>();
  private List<PaymentRequest.Leg> legs = List.of();
  private String attemptKey;
  private Refusal refusal;
  private Object[] refusalArgs = new Object[0];
  private PaymentView paid;

  /** Reads the till from the QR code's token or the typed code (view action, GET only). */
  public void load() {
    try {
      place = payments.place(PortalText.login(), where());
      placeRefusal = null;
    } catch (RefusedException e) {
      place = null;
      placeRefusal = e.refusal();
    }
  }

  private Where where() {
    return token != null && !token.isBlank() ? Where.token(token) : Where.code(code);
  }

  /** The amounts typed become the payment's legs; the confirmation gets a new attempt key. */
  public void confirm() {
    refusal = null;
    if (place == null || step != Step.AMOUNT) {
      return;
    }
    List<PaymentRequest.Leg> typed = new ArrayList<>();
    for (Option option : place.options()) {
      if (!option.accepted()) {
        continue;
      }
      OptionalLong yen = Amounts.parse(amounts.get(option.serviceCode()));
      if (yen.isEmpty() || yen.getAsLong() == 0) {
        continue;
      }
      if (yen.getAsLong() < 0) {
        PortalText.error("pay.amount.invalid", option.name().in(PortalText.locale()));
        return;
      }
      typed.add(new PaymentRequest.Leg(option.serviceCode(), yen.getAsLong()));
    }
    if (typed.isEmpty()) {
      PortalText.error("pay.amount.none");
      return;
    }
    legs = List.copyOf(typed);
    attemptKey = UUID.randomUUID().toString();
    step = Step.CONFIRM;
  }

  /** Back to the amounts: the next confirmation is a new attempt. */
  public void back() {
    if (step == Step.CONFIRM) {
      step = Step.AMOUNT;
      attemptKey = null;
    }
  }

  /**
   * Pays with the attempt's key. A second press while the first is under way waits for it and then
   * finds the attempt done; one sent after a lost answer gets the ledger's replay.
   */
  public synchronized void submit() {
    if (step != Step.CONFIRM || attemptKey == null) {
      return;
    }
    PaymentOutcome outcome = payments.pay(PortalText.login(), where(), attemptKey, legs);
    if (outcome instanceof PaymentOutcome.Done done) {
      paid = done.payment();
      refusal = null;
      step = Step.DONE;
    } else if (outcome instanceof PaymentOutcome.Refused refused) {
      // Nothing was paid: the resident changes the amounts, and the next try is a new attempt.
      refusal = refused.refusal();
      refusalArgs = refused.args();
      attemptKey = null;
      step = Step.AMOUNT;
    }
  }

  // ------------------------------------------------------------------ what the page shows

  /** The till's refusal (unknown or retired QR code or terminal code), in the page's language. */
  public String getPlaceRefusalMessage() {
    if (placeRefusal == null) {
      return null;
    }
    boolean typed = token == null || token.isBlank();
    return switch (placeRefusal) {
      case STORE_QR_UNKNOWN ->
          typed ? PortalText.get("pay.code.unknown") : placeRefusal.message(PortalText.locale());
      case STORE_QR_RETIRED ->
          typed ? PortalText.get("pay.code.retired") : placeRefusal.message(PortalText.locale());
      case UNKNOWN_RESIDENT -> PortalText.get("pay.appMembersOnly");
      default -> placeRefusal.message(PortalText.locale());
    };
  }

  /** The payment's refusal, by its code, in the page's language (follows the language switch). */
  public String getRefusalMessage() {
    return refusal == null ? null : refusal.message(PortalText.locale(), refusalArgs);
  }

  public String getRefusalCode() {
    return refusal == null ? null : refusal.name();
  }

  public String shopName() {
    return place == null ? "" : place.shopName().in(PortalText.locale());
  }

  public List<Option> getAcceptedOptions() {
    return place == null ? List.of() : place.options().stream().filter(Option::accepted).toList();
  }

  public List<Option> getRefusedOptions() {
    return place == null ? List.of() : place.options().stream().filter(o -> !o.accepted()).toList();
  }

  public String name(Option option) {
    return option.name().in(PortalText.locale());
  }

  public String unit(Option option) {
    return option.unit().in(PortalText.locale());
  }

  public String notAccepted(Option option) {
    return option.notAcceptedMessage(PortalText.locale());
  }

  /** A service's name and unit by its code, for the legs of the confirmation and the completion. */
  public String serviceName(String serviceCode) {
    return option(serviceCode).map(this::name).orElse(serviceCode);
  }

  public String serviceUnit(String serviceCode) {
    return option(serviceCode).map(this::unit).orElse("");
  }

  private java.util.Optional<Option> option(String serviceCode) {
    return place == null
        ? java.util.Optional.empty()
        : place.options().stream().filter(o -> o.serviceCode().equals(serviceCode)).findFirst();
  }

  /** An amount with thousands separators (2,930). */
  public String yen(long amount) {
    return String.format(java.util.Locale.ROOT, "%,d", amount);
  }

  public long getTotalYen() {
    return legs.stream().mapToLong(PaymentRequest.Leg::amountYen).sum();
  }

  public boolean isCombined() {
    return legs.size() > 1;
  }

  public String getPaidAt() {
    return paid == null ? "" : TIME.format(paid.createdAt());
  }

  // ------------------------------------------------------------------ fields

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public PayPlace getPlace() {
    return place;
  }

  public Step getStep() {
    return step;
  }

  public Map<String, String> getAmounts() {
    return amounts;
  }

  public List<PaymentRequest.Leg> getLegs() {
    return legs;
  }

  public PaymentView getPaid() {
    return paid;
  }
}
