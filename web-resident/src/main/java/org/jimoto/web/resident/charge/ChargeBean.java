package org.jimoto.web.resident.charge;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ResidentCharges;
import org.jimoto.charge.boundary.ResidentCharges.ChannelRule;
import org.jimoto.charge.boundary.ResidentCharges.Preview;
import org.jimoto.charge.boundary.ResidentCharges.ServiceOption;
import org.jimoto.charge.boundary.ResidentCharges.Start;
import org.jimoto.ledger.boundary.Refusal;

/**
 * The charge page (#10 item 3, R-20..R-23): the service and the channel, their limits before the
 * resident types, the ledger's live preview of the premium, then off to the bank's or the card
 * company's page. Rules and figures all come from {@link ResidentCharges}.
 */
@Named("charge")
@ViewScoped
public class ChargeBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ResidentCharges charges;
  @Inject SecurityContext security;
  @Inject ChargeTexts texts;

  private List<ServiceOption> options;
  private List<ResidentCharges.UnfinishedOrder> unfinished;
  private String serviceCode;
  private ChargeChannel channel = ChargeChannel.BANK;
  private String amount;
  private Refusal refusal;

  @PostConstruct
  void init() {
    options = charges.options(login());
    unfinished = charges.unfinished(login());
    if (!options.isEmpty()) {
      serviceCode = options.get(0).code();
    }
  }

  private String login() {
    return security.getCallerPrincipal().getName();
  }

  /** The resident's orders still being confirmed (V19): never shown as failed. */
  public List<String> getUnfinished() {
    return unfinished.stream() // formatted per request: the language may have been switched
        .map(
            o ->
                texts.text(
                    "home.charge.unfinished.line",
                    o.createdAt().withSecond(0).withNano(0).toString().replace('T', ' '),
                    texts.name(o.channel().displayName()),
                    options.stream()
                        .filter(s -> s.code().equals(o.serviceCode()))
                        .findFirst()
                        .map(s -> texts.amount(o.amountYen(), s.unit()))
                        .orElse(String.valueOf(o.amountYen())),
                    texts.text("home.charge.unfinished." + o.status().name())))
        .toList();
  }

  public List<ServiceOption> getOptions() {
    return options;
  }

  public Optional<ServiceOption> selected() {
    return options.stream().filter(o -> o.code().equals(serviceCode)).findFirst();
  }

  public ServiceOption getService() {
    return selected().orElse(null);
  }

  public List<ChargeChannel> getChannels() {
    return selected()
        .map(o -> o.channels().stream().map(ChannelRule::channel).toList())
        .orElse(List.of());
  }

  public String channelLabel(ChargeChannel c) {
    return texts.text("home.charge.channel." + c.name());
  }

  public String serviceLabel(ServiceOption o) {
    return texts.name(o.name());
  }

  /** the service needs a verified identity that the resident does not have yet. */
  public boolean isIdentityMissing() {
    return selected().map(ServiceOption::blockedByIdentity).orElse(false);
  }

  public String getIdentityMessage() {
    return selected().map(o -> texts.refusal(Refusal.IDENTITY_NOT_VERIFIED, o.name())).orElse("");
  }

  /** The limits of the chosen service and channel, before anything is typed. */
  public List<String> getLimits() {
    Optional<ServiceOption> o = selected();
    if (o.isEmpty()) {
      return List.of();
    }
    ServiceOption s = o.get();
    var unit = s.unit();
    var rule = s.channels().stream().filter(r -> r.channel() == channel).findFirst();
    var lines = new java.util.ArrayList<String>();
    rule.ifPresent(
        r ->
            lines.add(
                texts.text(
                    "home.charge.limit.perCharge",
                    texts.amount(r.minYen(), unit),
                    texts.amount(r.maxYen(), unit),
                    texts.amount(r.unitYen(), unit))));
    if (s.holdingLimitYen() != null) {
      lines.add(
          texts.text(
              "home.charge.limit.holding",
              texts.amount(s.holdingLimitYen(), unit),
              texts.amount(s.balanceYen(), unit),
              texts.amount(s.roomYen(), unit)));
    }
    return lines;
  }

  private PreviewView preview;

  /** The preview of the last typed amount (computed by {@link #updatePreview()}). */
  public PreviewView getPreview() {
    return preview;
  }

  /** Asks the ledger again: the resident typed, or chose another service or channel. */
  public void updatePreview() {
    preview = computePreview();
  }

  /** The ledger's answer for the typed amount: the premium and bonus lines, or its refusal. */
  private PreviewView computePreview() {
    Optional<Long> yen = parsedAmount();
    if (yen.isEmpty() || serviceCode == null || isIdentityMissing()) {
      return null;
    }
    var unit = selected().map(ServiceOption::unit).orElseThrow();
    Preview p = charges.preview(login(), serviceCode, channel, yen.get());
    if (p instanceof Preview.Refused r) {
      return new PreviewView(List.of(), texts.refusal(r.refusal(), r.args()));
    }
    var ok = (Preview.Ok) p;
    var lines = new java.util.ArrayList<String>();
    if (ok.premiumYen() > 0) {
      lines.add(
          texts.text(
              "home.charge.preview.premium",
              texts.percent(ok.premiumRateBasisPoints()),
              texts.amount(ok.premiumYen(), unit),
              ok.premiumExpiresOn().toString()));
    } else {
      lines.add(texts.text("home.charge.preview.noPremium"));
    }
    for (var b : ok.bonuses()) {
      lines.add(
          texts.text(
              "home.charge.preview.bonus",
              texts.percent(b.rateBasisPoints()),
              texts.amount(b.amountYen(), b.unit()),
              texts.name(b.serviceName()),
              texts.day(b.dueOn())));
    }
    lines.add(
        texts.text(
            "home.charge.preview.charged",
            texts.amount(ok.amountYen(), unit),
            ok.chargedExpiresOn().toString()));
    lines.add(texts.text("home.charge.preview.after", texts.amount(ok.balanceAfterYen(), unit)));
    return new PreviewView(List.copyOf(lines), null);
  }

  /** What the preview shows: lines of a possible charge, or the reason it is not possible. */
  public record PreviewView(List<String> lines, String refusal) {}

  /** Opens the order at the provider and sends the resident to its page. */
  public void start() throws IOException {
    Optional<Long> yen = parsedAmount();
    FacesContext faces = FacesContext.getCurrentInstance();
    if (yen.isEmpty()) {
      faces.addMessage(
          "chargeForm:amount",
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR, texts.text("home.charge.amountInvalid"), null));
      return;
    }
    Start start = charges.start(login(), serviceCode, channel, yen.get());
    if (start instanceof Start.Refused r) {
      refusal = r.refusal();
      faces.addMessage(
          null,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR, texts.refusal(r.refusal(), r.args()), null));
      return;
    }
    var opened = (Start.Opened) start;
    String page = opened.channel() == ChargeChannel.BANK ? "/sim/bank.xhtml" : "/sim/card.xhtml";
    faces
        .getExternalContext()
        .redirect(
            faces.getExternalContext().getRequestContextPath() + page + "?s=" + opened.sessionId());
  }

  /** Digits only (full-width digits and separators allowed): the ledger judges the rest. */
  private Optional<Long> parsedAmount() {
    if (amount == null) {
      return Optional.empty();
    }
    String digits =
        java.text.Normalizer.normalize(amount, java.text.Normalizer.Form.NFKC)
            .replaceAll("[\\s,円]", "");
    if (!digits.matches("\\d{1,9}")) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(digits));
  }

  public boolean isAmountMistyped() {
    return amount != null && !amount.isBlank() && parsedAmount().isEmpty();
  }

  public Refusal getRefusal() {
    return refusal;
  }

  public String getServiceCode() {
    return serviceCode;
  }

  public void setServiceCode(String serviceCode) {
    this.serviceCode = serviceCode;
  }

  public ChargeChannel getChannel() {
    return channel;
  }

  public void setChannel(ChargeChannel channel) {
    this.channel = channel;
  }

  public String getAmount() {
    return amount;
  }

  public void setAmount(String amount) {
    this.amount = amount;
  }

  public String getSubmitLabel() {
    return texts.text("home.charge.submit." + channel.name());
  }
}
