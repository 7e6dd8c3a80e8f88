package org.jimoto.web.admin.campaign;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jimoto.campaign.boundary.ServiceAdministration;
import org.jimoto.campaign.boundary.ServiceAdministration.Outcome;
import org.jimoto.campaign.boundary.ServiceAdministration.Problem;
import org.jimoto.campaign.boundary.ServiceAdministration.ShopAcceptance;
import org.jimoto.campaign.boundary.ServiceRules;
import org.jimoto.campaign.boundary.ServiceView;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.settlement.boundary.PublishedCalendars;
import org.jimoto.web.i18n.LocaleBean;

/**
 * Services (R-02, #11 item 2): the list with the rules in force, and for CITY_ADMIN a new service,
 * a new version of a service's charge rules from a stated time, and the shops that accept it
 * . {@code ?service=CODE} chooses the service the forms below the list change.
 */
@Named("services")
@RequestScoped
public class ServicesBean {

  /** One channel's row in the form: offered, and its bounds. */
  public static final class ChannelRow {
    private final String channel;
    private boolean offered;
    private Long minYen;
    private Long maxYen;
    private Long unitYen;

    ChannelRow(String channel) {
      this.channel = channel;
    }

    public String getChannel() {
      return channel;
    }

    public boolean isOffered() {
      return offered;
    }

    public void setOffered(boolean offered) {
      this.offered = offered;
    }

    public Long getMinYen() {
      return minYen;
    }

    public void setMinYen(Long minYen) {
      this.minYen = minYen;
    }

    public Long getMaxYen() {
      return maxYen;
    }

    public void setMaxYen(Long maxYen) {
      this.maxYen = maxYen;
    }

    public Long getUnitYen() {
      return unitYen;
    }

    public void setUnitYen(Long unitYen) {
      this.unitYen = unitYen;
    }
  }

  @Inject ServiceAdministration administration;
  @Inject PublishedCalendars publishedCalendars;
  @Inject LocaleBean localeBean;

  private List<ServiceView> list;
  private String selected;
  private String code;
  private int type = 1;
  private String nameJa;
  private String nameEn;
  private String unitJa = "円";
  private String unitEn = "yen";
  private boolean cardUsable;
  private boolean chargeable = true;
  private Integer chargedValidYears = 2;
  private Long holdingLimitYen = 100_000L;
  private boolean needsIdentity;
  private String effectiveFrom;
  private final List<ChannelRow> rows = new ArrayList<>();
  private List<String> acceptingShops = new ArrayList<>();
  // what the forms were loaded from, posted back so that a save never undoes a change made since
  private Integer rulesRevision;
  private String acceptedAsLoaded = "";
  private List<ShopAcceptance> shops;

  // #12 item 1: the service's published payout calendar, uploaded as CSV
  private transient jakarta.servlet.http.Part calendarFile;
  private String calendarReason;
  private List<PublishedCalendars.Row> calendarRows;

  public ServicesBean() {
    for (ChargeChannel ch : ChargeChannel.values()) {
      rows.add(new ChannelRow(ch.name()));
    }
  }

  /**
   * The chosen service comes from the address ({@code ?service=}) or, on a post, from the form's
   * hidden field: it must be known before the forms are decoded, since it decides which of their
   * buttons are rendered.
   */
  @PostConstruct
  void chosen() {
    var params = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap();
    String code = params.get("service");
    if (code == null || code.isBlank()) {
      code = params.get("selectedService");
    }
    selected = code == null || code.isBlank() ? null : code.strip();
  }

  /**
   * With {@code ?service=CODE}: the rule form starts from that service's newest rules (an announced
   * version included: saving must not undo it), the shop form from the shops accepting it now.
   */
  public void load() {
    if (selected == null || FacesContext.getCurrentInstance().isPostback()) {
      return;
    }
    loadRules();
    loadShops();
  }

  private void loadRules() {
    administration
        .forEditing(selected)
        .ifPresent(
            s -> {
              rulesRevision = s.rulesRevision();
              chargeable = s.rules().chargeable();
              chargedValidYears = s.rules().chargedValidYears();
              holdingLimitYen = s.rules().holdingLimitYen();
              needsIdentity = s.rules().chargeNeedsVerifiedIdentity();
              for (ChannelRow row : rows) {
                row.offered = false;
                s.rules().channels().stream()
                    .filter(r -> r.channel().equals(row.channel))
                    .findFirst()
                    .ifPresent(
                        r -> {
                          row.offered = true;
                          row.minYen = r.minYen();
                          row.maxYen = r.maxYen();
                          row.unitYen = r.unitYen();
                        });
              }
            });
  }

  private void loadShops() {
    acceptingShops =
        new ArrayList<>(
            getShops().stream()
                .filter(ShopAcceptance::accepts)
                .map(ShopAcceptance::shopCode)
                .toList());
    acceptedAsLoaded = String.join(",", acceptingShops);
  }

  private ServiceRules rules() {
    List<ServiceRules.ChannelRule> channels = new ArrayList<>();
    for (ChannelRow row : rows) {
      if (row.offered) {
        channels.add(
            new ServiceRules.ChannelRule(row.channel, row.minYen, row.maxYen, row.unitYen));
      }
    }
    return new ServiceRules(
        chargeable, holdingLimitYen, chargedValidYears, needsIdentity, List.copyOf(channels));
  }

  public String create() {
    return done(
        administration.create(code, type, nameJa, nameEn, unitJa, unitEn, cardUsable, rules()),
        "service.created");
  }

  public String changeRules() {
    LocalDateTime from = null;
    if (effectiveFrom != null && !effectiveFrom.isBlank()) {
      try {
        from = LocalDateTime.parse(effectiveFrom.strip(), CampaignsBean.MINUTES);
      } catch (DateTimeParseException e) {
        CampaignTexts.error(localeBean.getLocale(), "campaign.effectiveFrom.invalid");
        return null;
      }
    }
    String next =
        done(
            administration.changeRules(selected, rules(), from, rulesRevision),
            "service.rulesChanged");
    if (next == null && selected != null) {
      loadShops(); // the shop form was not posted: show it as it is, not empty
    }
    return next;
  }

  public Integer getRulesRevision() {
    return rulesRevision;
  }

  public void setRulesRevision(Integer rulesRevision) {
    this.rulesRevision = rulesRevision;
  }

  public String getAcceptedAsLoaded() {
    return acceptedAsLoaded;
  }

  public void setAcceptedAsLoaded(String acceptedAsLoaded) {
    this.acceptedAsLoaded = acceptedAsLoaded;
  }

  public String saveAcceptance() {
    String next =
        done(
            administration.setAcceptance(
                selected,
                new HashSet<>(acceptingShops),
                acceptedAsLoaded == null || acceptedAsLoaded.isBlank()
                    ? Set.of()
                    : Set.of(acceptedAsLoaded.split(","))),
            "service.acceptanceChanged");
    if (next == null && selected != null) {
      loadRules(); // the rule form was not posted: show it as it is, not with defaults
    }
    return next;
  }

  private String done(Outcome outcome, String savedKey) {
    var locale = localeBean.getLocale();
    if (outcome instanceof Outcome.Refused refused) {
      for (Problem p : refused.problems()) {
        CampaignTexts.error(locale, "service.problem." + p.name());
      }
      return null;
    }
    var saved = (Outcome.Saved) outcome;
    CampaignTexts.info(
        locale, savedKey, saved.serviceCode(), saved.effectiveFrom().format(CampaignsBean.SECONDS));
    return "/app/services?faces-redirect=true&service=" + saved.serviceCode();
  }

  public List<ServiceView> getList() {
    if (list == null) {
      list = administration.services();
    }
    return list;
  }

  public List<ShopAcceptance> getShops() {
    if (shops == null) {
      shops = selected == null ? List.of() : administration.acceptance(selected);
    }
    return shops;
  }

  public String channelName(String channel) {
    return ChargeChannel.valueOf(channel).displayName().in(localeBean.getLocale());
  }

  public String rulesText(ServiceView s) {
    var locale = localeBean.getLocale();
    List<String> parts = new ArrayList<>();
    for (ServiceRules.ChannelRule r : s.rules().channels()) {
      parts.add(
          CampaignTexts.text(
              locale,
              "service.channelRule",
              channelName(r.channel()),
              r.minYen(),
              r.maxYen(),
              r.unitYen()));
    }
    return parts.isEmpty()
        ? CampaignTexts.text(locale, "service.noChannel")
        : String.join(" / ", parts);
  }

  public String minutes(LocalDateTime t) {
    return t == null ? "—" : t.format(CampaignsBean.MINUTES);
  }

  public List<ChannelRow> getRows() {
    return rows;
  }

  public String getSelected() {
    return selected;
  }

  public void setSelected(String selected) {
    this.selected = selected;
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public int getType() {
    return type;
  }

  public void setType(int type) {
    this.type = type;
  }

  public String getNameJa() {
    return nameJa;
  }

  public void setNameJa(String nameJa) {
    this.nameJa = nameJa;
  }

  public String getNameEn() {
    return nameEn;
  }

  public void setNameEn(String nameEn) {
    this.nameEn = nameEn;
  }

  public String getUnitJa() {
    return unitJa;
  }

  public void setUnitJa(String unitJa) {
    this.unitJa = unitJa;
  }

  public String getUnitEn() {
    return unitEn;
  }

  public void setUnitEn(String unitEn) {
    this.unitEn = unitEn;
  }

  public boolean isCardUsable() {
    return cardUsable;
  }

  public void setCardUsable(boolean cardUsable) {
    this.cardUsable = cardUsable;
  }

  public boolean isChargeable() {
    return chargeable;
  }

  public void setChargeable(boolean chargeable) {
    this.chargeable = chargeable;
  }

  public Integer getChargedValidYears() {
    return chargedValidYears;
  }

  public void setChargedValidYears(Integer chargedValidYears) {
    this.chargedValidYears = chargedValidYears;
  }

  public Long getHoldingLimitYen() {
    return holdingLimitYen;
  }

  public void setHoldingLimitYen(Long holdingLimitYen) {
    this.holdingLimitYen = holdingLimitYen;
  }

  public boolean isNeedsIdentity() {
    return needsIdentity;
  }

  public void setNeedsIdentity(boolean needsIdentity) {
    this.needsIdentity = needsIdentity;
  }

  public String getEffectiveFrom() {
    return effectiveFrom;
  }

  public void setEffectiveFrom(String effectiveFrom) {
    this.effectiveFrom = effectiveFrom;
  }

  public List<String> getAcceptingShops() {
    return acceptingShops;
  }

  public void setAcceptingShops(List<String> acceptingShops) {
    this.acceptingShops = acceptingShops == null ? new ArrayList<>() : acceptingShops;
  }

  // #12 item 1: the published payout calendar (売上金振込スケジュール)

  /** The most bytes read of an upload: more than the ledger takes, which then refuses it. */
  private static final int MAX_FILE_BYTES = 1024 * 1024;

  /**
   * Uploads the chosen CSV as the service's published calendar; the ledger checks it and says what
   * is wrong, line by line.
   */
  public String uploadCalendar() throws java.io.IOException {
    var locale = localeBean.getLocale();
    String csv = null;
    if (calendarFile != null) {
      try (var in = calendarFile.getInputStream()) {
        csv = decode(in.readNBytes(MAX_FILE_BYTES + 1));
      } finally {
        calendarFile.delete();
        calendarFile = null;
      }
    }
    var outcome = publishedCalendars.upload(selected, csv, calendarReason);
    if (outcome instanceof PublishedCalendars.Outcome.Refused refused) {
      for (var f : refused.findings()) {
        CampaignTexts.error(
            locale, "payoutCalendar.problem." + f.problem().name(), findingArguments(locale, f));
      }
      return null;
    }
    var saved = (PublishedCalendars.Outcome.Saved) outcome;
    CampaignTexts.info(
        locale,
        "payoutCalendar.saved",
        saved.serviceCode(),
        saved.rows(),
        saved.undecided(),
        saved.decidedRuns());
    return "/app/services?faces-redirect=true&service=" + saved.serviceCode();
  }

  /**
   * A finding's message arguments: {0} the line, {1} the detail as the ledger gives it, and for a
   * code in it the staff's language: a bank closure ({2} the date, {3} WEEKEND, YEAR_END or
   * NATIONAL_HOLIDAY with the holiday's name) or a schedule kind ({2}).
   */
  static Object[] findingArguments(java.util.Locale locale, PublishedCalendars.Finding f) {
    String[] parts = f.detail().split(" ", 3);
    return switch (f.problem()) {
      case PAYOUT_ON_BANK_HOLIDAY ->
          parts.length < 2
              ? new Object[] {f.line(), f.detail(), f.detail(), ""}
              : new Object[] {
                f.line(),
                f.detail(),
                parts[0],
                CampaignTexts.text(
                    locale, "payoutCalendar.closure." + parts[1], parts.length > 2 ? parts[2] : "")
              };
      case NOT_SEMI_MONTHLY_SERVICE ->
          new Object[] {
            f.line(),
            f.detail(),
            CampaignTexts.text(locale, "payoutCalendar.schedule." + f.detail())
          };
      default -> new Object[] {f.line(), f.detail()};
    };
  }

  /**
   * The file's text: UTF-8 (a byte order mark dropped), or else Shift_JIS as Excel saves a CSV on a
   * Japanese PC (未定 typed there).
   */
  static String decode(byte[] bytes) {
    try {
      String text =
          java.nio.charset.StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
              .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (java.nio.charset.CharacterCodingException notUtf8) {
      return new String(bytes, java.nio.charset.Charset.forName("windows-31j"));
    }
  }

  /** The chosen service's published rows, in date order. */
  public List<PublishedCalendars.Row> getCalendarRows() {
    if (calendarRows == null) {
      calendarRows = selected == null ? List.of() : publishedCalendars.rows(selected);
    }
    return calendarRows;
  }

  public String payoutText(java.time.LocalDate payout) {
    return payout == null
        ? CampaignTexts.text(localeBean.getLocale(), "payoutCalendar.undecided")
        : payout.toString();
  }

  public jakarta.servlet.http.Part getCalendarFile() {
    return calendarFile;
  }

  public void setCalendarFile(jakarta.servlet.http.Part calendarFile) {
    this.calendarFile = calendarFile;
  }

  public String getCalendarReason() {
    return calendarReason;
  }

  public void setCalendarReason(String calendarReason) {
    this.calendarReason = calendarReason;
  }
}
