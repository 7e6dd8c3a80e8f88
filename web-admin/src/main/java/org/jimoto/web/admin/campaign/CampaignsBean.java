package org.jimoto.web.admin.campaign;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jimoto.campaign.boundary.CampaignAdministration;
import org.jimoto.campaign.boundary.CampaignAdministration.Outcome;
import org.jimoto.campaign.boundary.CampaignAdministration.Problem;
import org.jimoto.campaign.boundary.CampaignAdministration.ServiceChoice;
import org.jimoto.campaign.boundary.CampaignForm;
import org.jimoto.campaign.boundary.CampaignView;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.web.i18n.LocaleBean;

/**
 * Premium campaigns (#11 item 2): the list with budget used and remaining, and for CITY_ADMIN the
 * form that creates a campaign or a new version of one. The ledger checks the role and the input.
 */
@Named("campaigns")
@RequestScoped
public class CampaignsBean {

  static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** A saved change's time to the second: a change "as soon as possible" is seconds away. */
  static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Inject CampaignAdministration administration;
  @Inject LocaleBean localeBean;

  private List<CampaignView> list;
  private Long editId;
  private Long campaignId;
  private Integer basedOnRevision;
  private String serviceCode;
  private String name;
  private BigDecimal ratePercent;
  private List<String> channels = new ArrayList<>();
  private LocalDate startsOn = today();
  private LocalDate endsOn = today().plusMonths(1);
  private LocalDate fixedPremiumExpiry;
  private boolean chargedFromCardPurchase;
  private Long budgetCapYen;
  private String effectiveFrom;

  private static LocalDate today() {
    return LocalDate.now(ZoneId.of("Asia/Tokyo"));
  }

  /** With {@code ?edit=id}: the form starts from that campaign's terms in force. */
  public void load() {
    if (editId == null || FacesContext.getCurrentInstance().isPostback()) {
      return;
    }
    getList().stream()
        .filter(v -> v.id() == editId)
        .findFirst()
        .ifPresent(
            v -> {
              campaignId = v.id();
              basedOnRevision = v.revision();
              serviceCode = v.serviceCode();
              name = v.name();
              ratePercent = v.ratePercent();
              channels = new ArrayList<>(v.channels());
              startsOn = v.startsOn();
              endsOn = v.endsOn();
              fixedPremiumExpiry = v.fixedPremiumExpiry();
              chargedFromCardPurchase = v.chargedFromCardPurchase();
              budgetCapYen = v.budgetCapYen();
            });
  }

  public String save() {
    var locale = localeBean.getLocale();
    LocalDateTime from = null;
    if (effectiveFrom != null && !effectiveFrom.isBlank()) {
      try {
        from = LocalDateTime.parse(effectiveFrom.strip(), MINUTES);
      } catch (DateTimeParseException e) {
        CampaignTexts.error(locale, "campaign.effectiveFrom.invalid");
        return null;
      }
    }
    Outcome outcome =
        administration.save(
            new CampaignForm(
                campaignId,
                serviceCode,
                name,
                ratePercent,
                new LinkedHashSet<>(channels),
                startsOn,
                endsOn,
                fixedPremiumExpiry,
                chargedFromCardPurchase,
                budgetCapYen,
                from,
                basedOnRevision));
    if (outcome instanceof Outcome.Refused refused) {
      for (Problem p : refused.problems()) {
        CampaignTexts.error(locale, "campaign.problem." + p.name());
      }
      return null;
    }
    var saved = (Outcome.Saved) outcome;
    CampaignTexts.info(
        locale,
        "campaign.saved",
        String.valueOf(saved.campaignId()),
        saved.effectiveFrom().format(SECONDS));
    return "/app/campaigns?faces-redirect=true";
  }

  public List<CampaignView> getList() {
    if (list == null) {
      list = administration.campaigns();
    }
    return list;
  }

  public List<ServiceChoice> getServices() {
    return administration.services();
  }

  public List<String> getAllChannels() {
    return java.util.Arrays.stream(ChargeChannel.values()).map(Enum::name).toList();
  }

  /** A channel in the page's language. */
  public String channelName(String channel) {
    return ChargeChannel.valueOf(channel).displayName().in(localeBean.getLocale());
  }

  public String channelsText(CampaignView v) {
    if (v.channels().isEmpty()) {
      return CampaignTexts.text(localeBean.getLocale(), "campaign.channels.all");
    }
    return String.join(", ", v.channels().stream().map(this::channelName).toList());
  }

  public String minutes(LocalDateTime t) {
    return t == null ? "—" : t.format(MINUTES);
  }

  public boolean isEditing() {
    return campaignId != null;
  }

  public Long getEditId() {
    return editId;
  }

  public Integer getBasedOnRevision() {
    return basedOnRevision;
  }

  public void setBasedOnRevision(Integer basedOnRevision) {
    this.basedOnRevision = basedOnRevision;
  }

  public void setEditId(Long editId) {
    this.editId = editId;
  }

  public Long getCampaignId() {
    return campaignId;
  }

  public void setCampaignId(Long campaignId) {
    this.campaignId = campaignId;
  }

  public String getServiceCode() {
    return serviceCode;
  }

  public void setServiceCode(String serviceCode) {
    this.serviceCode = serviceCode;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public BigDecimal getRatePercent() {
    return ratePercent;
  }

  public void setRatePercent(BigDecimal ratePercent) {
    this.ratePercent = ratePercent;
  }

  public List<String> getChannels() {
    return channels;
  }

  public void setChannels(List<String> channels) {
    this.channels = channels == null ? new ArrayList<>() : channels;
  }

  public LocalDate getStartsOn() {
    return startsOn;
  }

  public void setStartsOn(LocalDate startsOn) {
    this.startsOn = startsOn;
  }

  public LocalDate getEndsOn() {
    return endsOn;
  }

  public void setEndsOn(LocalDate endsOn) {
    this.endsOn = endsOn;
  }

  public LocalDate getFixedPremiumExpiry() {
    return fixedPremiumExpiry;
  }

  public void setFixedPremiumExpiry(LocalDate fixedPremiumExpiry) {
    this.fixedPremiumExpiry = fixedPremiumExpiry;
  }

  public boolean isChargedFromCardPurchase() {
    return chargedFromCardPurchase;
  }

  public void setChargedFromCardPurchase(boolean chargedFromCardPurchase) {
    this.chargedFromCardPurchase = chargedFromCardPurchase;
  }

  public Long getBudgetCapYen() {
    return budgetCapYen;
  }

  public void setBudgetCapYen(Long budgetCapYen) {
    this.budgetCapYen = budgetCapYen;
  }

  public String getEffectiveFrom() {
    return effectiveFrom;
  }

  public void setEffectiveFrom(String effectiveFrom) {
    this.effectiveFrom = effectiveFrom;
  }
}
