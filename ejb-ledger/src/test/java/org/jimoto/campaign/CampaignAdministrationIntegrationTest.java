package org.jimoto.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestQueries;
import org.jimoto.campaign.boundary.CampaignAdministration;
import org.jimoto.campaign.boundary.CampaignAdministration.Outcome;
import org.jimoto.campaign.boundary.CampaignAdministration.Problem;
import org.jimoto.campaign.boundary.CampaignForm;
import org.jimoto.campaign.boundary.CampaignView;
import org.jimoto.campaign.boundary.ServiceAdministration;
import org.jimoto.campaign.boundary.ServiceRules;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ChargeRequest;
import org.jimoto.charge.boundary.ChargeService;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.ledger.boundary.LedgerInvariants;
import org.jimoto.ledger.control.ExpiryRules;
import org.jimoto.platform.control.PlatformClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * #11 item 2: campaigns the city creates and changes, in force at their stated time, with a budget
 * cap that holds to the yen under 32 concurrent charges. Each test makes its own service (the
 * ledger suite shares one database on PostgreSQL, and the demo's campaigns must stay as they are)
 * and ends with the ledger invariant check.
 */
@ExtendWith(ArquillianExtension.class)
class CampaignAdministrationIntegrationTest {

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class, LedgerFixtures.class, AsCityAdmin.class);
  }

  @Inject CampaignAdministration campaigns;
  @Inject AsCityAdmin admin;
  @Inject ChargeService charges;
  @Inject LedgerFixtures fixtures;
  @Inject TestQueries db;
  @Inject LedgerInvariants invariants;
  @Inject DemoData demoData;
  @Resource UserTransaction utx;

  private final LocalDate today = LocalDate.now(PlatformClock.ZONE);
  private String service;

  /** A money service of its own, charged at the window in 1,000-yen units, without a premium. */
  @BeforeEach
  void ownService() {
    // The demo first: on PostgreSQL later classes share this database and expect it.
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
    service = "CT" + System.nanoTime() % 1_000_000_000_000L;
    long id = 900_000_000L + System.nanoTime() % 100_000_000L;
    fixtures.execute(
        "INSERT INTO value_service (id, code, service_type, name_ja, name_en, unit_ja, unit_en,"
            + " card_usable, created_at, chargeable, charged_valid_years) VALUES ("
            + id
            + ", '"
            + service
            + "', 1, 'テスト通貨', 'Test coin', '円', 'yen', TRUE, CURRENT_TIMESTAMP, TRUE, 2)");
    fixtures.execute(
        "INSERT INTO charge_rule (service_id, channel, min_yen, max_yen, unit_yen) VALUES ("
            + id
            + ", 'WINDOW', 1000, 100000, 1000)");
  }

  @AfterEach
  void ledgerInvariantsHold() {
    var report = invariants.check();
    assertTrue(report.ok(), report.toString());
  }

  /** A form as the screen makes it: a change carries the revision of the campaign as loaded now. */
  private CampaignForm form(Long id, String name, String rate, Long cap, LocalDateTime from)
      throws Exception {
    return form(id, name, rate, cap, from, id == null ? null : view(id).revision());
  }

  private CampaignForm form(
      Long id, String name, String rate, Long cap, LocalDateTime from, Integer basedOnRevision) {
    return new CampaignForm(
        id,
        service,
        name,
        new BigDecimal(rate),
        Set.of(),
        today.minusDays(1),
        today.plusDays(30),
        null,
        false,
        cap,
        from,
        basedOnRevision);
  }

  private Outcome save(CampaignForm form) throws Exception {
    return admin.save(form);
  }

  /** Saves; a change "now" is in force a moment later (slightly in the future): waits for it. */
  private long saved(CampaignForm form) throws Exception {
    LocalDateTime before = LocalDateTime.now(PlatformClock.ZONE);
    var saved = assertInstanceOf(Outcome.Saved.class, save(form), "saved");
    if (form.effectiveFrom() == null) {
      // Never in the past, at most the next whole second and one more (not up to 1 s back).
      assertTrue(saved.effectiveFrom().isAfter(before), saved + " after " + before);
      assertTrue(
          !saved.effectiveFrom().isAfter(before.plusSeconds(3)), saved + " soon after " + before);
      assertEquals(0, saved.effectiveFrom().getNano(), "to the second: " + saved);
      while (!LocalDateTime.now(PlatformClock.ZONE).isAfter(saved.effectiveFrom())) {
        Thread.sleep(100);
      }
    }
    return saved.campaignId();
  }

  private CampaignView view(long id) throws Exception {
    return admin.campaigns().stream().filter(v -> v.id() == id).findFirst().orElseThrow();
  }

  /** A window charge of a new resident; returns the premium it got. */
  private long premiumOfCharge(long yen) {
    long resident = (Long) fixtures.newAppMember()[0];
    var outcome =
        charges.charge(
            new ChargeRequest(
                resident, service, ChargeChannel.WINDOW, yen, "ct-" + System.nanoTime(), "clerk"));
    var done = assertInstanceOf(CreditOutcome.Done.class, outcome, String.valueOf(outcome));
    return done.credit().creditedYen() - yen;
  }

  @Test
  void aCampaignCreatedNowAppliesToTheNextChargeAndIsAuditLogged() throws Exception {
    assertEquals(0, premiumOfCharge(10_000));
    long before = db.count("audit_event WHERE action = 'CAMPAIGN_CREATED'");
    long id = saved(form(null, "テスト 5%", "5", null, null));
    assertEquals(500, premiumOfCharge(10_000));
    assertEquals(before + 1, db.count("audit_event WHERE action = 'CAMPAIGN_CREATED'"));
    assertEquals(new BigDecimal("5"), view(id).ratePercent());
    // #11 review finding 7: the audit detail says where the charged part's validity counts from.
    assertEquals(
        1L,
        db.count(
            "audit_event WHERE action = 'CAMPAIGN_CREATED' AND detail LIKE 'campaign "
                + id
                + " %charged part from charge date%'"));
  }

  /** #11 review finding 7: chargeable as the service's rule version in force says. */
  @Test
  void aCampaignNeedsAServiceChargeableByItsRulesInForce() throws Exception {
    long serviceId = fixtures.id("value_service", service);
    fixtures.execute(
        "INSERT INTO service_rule_version (id, service_id, effective_from, holding_limit_yen,"
            + " charged_valid_years, chargeable, charge_needs_verified_identity, created_by,"
            + " created_at) VALUES ("
            + (900_000_000L + System.nanoTime() % 100_000_000L)
            + ", "
            + serviceId
            + ", CURRENT_TIMESTAMP - INTERVAL '1' DAY, NULL, 2, FALSE, FALSE, 't',"
            + " CURRENT_TIMESTAMP)");
    assertEquals(
        List.of(Problem.SERVICE_NOT_CHARGEABLE),
        assertInstanceOf(Outcome.Refused.class, save(form(null, "x", "1", null, null))).problems());
  }

  /**
   * #11 review finding 7: two administrators saving a version of one campaign from the same time:
   * the second hits the unique key once the first commits, and is told so (not a 500).
   */
  @Test
  void twoSavesOfOneCampaignAtTheSameTimeSaveOneAndSayItToTheOther() throws Exception {
    long id = saved(form(null, "競合", "5", null, null));
    LocalDateTime at = LocalDateTime.now(PlatformClock.ZONE).plusMinutes(10).withNano(0);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      utx.begin();
      Future<Outcome> other;
      try {
        assertInstanceOf(Outcome.Saved.class, save(form(id, "競合 A", "6", null, at)));
        other = pool.submit(() -> save(form(id, "競合 B", "7", null, at)));
        assertTrue(db.awaitLockWaiter(20_000), "the second save waits on the first's key");
        utx.commit();
      } catch (Exception | Error e) {
        utx.rollback();
        throw e;
      }
      Outcome second = other.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(
          List.of(Problem.CHANGED_MEANWHILE),
          assertInstanceOf(Outcome.Refused.class, second).problems());
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        1L,
        db.count("premium_campaign_version WHERE campaign_id = " + id + " AND name LIKE '競合 %'"));
  }

  /**
   * #11 (lost update): an administrator saves a form loaded before another administrator's change;
   * it would silently undo that change, so it is refused with CHANGED_MEANWHILE and stores nothing.
   * A form loaded after the change saves.
   */
  @Test
  void aFormLoadedBeforeAnotherChangeIsRefusedNotSavedOverIt() throws Exception {
    long id = saved(form(null, "更新競合", "5", 1_000_000L, null));
    int loaded = view(id).revision();
    assertEquals(0, loaded, "a new campaign has not been changed yet");
    // the other administrator lowers the cap
    saved(form(id, "更新競合", "5", 500_000L, LocalDateTime.now(PlatformClock.ZONE).plusHours(1)));
    long versions = db.count("premium_campaign_version WHERE campaign_id = " + id);
    LocalDateTime later = LocalDateTime.now(PlatformClock.ZONE).plusHours(2).withNano(0);
    for (Integer stale : new Integer[] {loaded, null}) {
      assertEquals(
          List.of(Problem.CHANGED_MEANWHILE),
          assertInstanceOf(
                  Outcome.Refused.class, save(form(id, "更新競合 6%", "6", 1_000_000L, later, stale)))
              .problems(),
          "based on revision " + stale);
    }
    assertEquals(versions, db.count("premium_campaign_version WHERE campaign_id = " + id));
    assertEquals(1, view(id).revision());
    saved(form(id, "更新競合 6%", "6", 500_000L, later));
    assertEquals(2, view(id).revision());
  }

  @Test
  void aChangeTakesEffectAtItsTimeAndNotBefore() throws Exception {
    long id = saved(form(null, "テスト 10%", "10", null, null));
    LocalDateTime later = LocalDateTime.now(PlatformClock.ZONE).plusHours(1).withNano(0);
    saved(form(id, "テスト 20%", "20", null, later));
    // Announced for later: charges now keep the terms in force now.
    assertEquals(1_000, premiumOfCharge(10_000));
    CampaignView v = view(id);
    assertEquals(new BigDecimal("10"), v.ratePercent());
    assertEquals(List.of(later), v.announced());
    // A change effective now replaces the 10 % at once (the ledger reads campaigns uncached).
    saved(form(id, "テスト 15%", "15", null, null));
    assertEquals(1_500, premiumOfCharge(10_000));
    assertEquals(2, db.count("premium_campaign_version WHERE campaign_id = " + id));
  }

  @Test
  void aCampaignForOtherChannelsGivesNoPremiumAtTheWindow() throws Exception {
    var bankOnly =
        new CampaignForm(
            null,
            service,
            "銀行チャージ 5%",
            new BigDecimal("5"),
            Set.of("BANK"),
            today,
            today.plusDays(1),
            null,
            false,
            null,
            null,
            null);
    saved(bankOnly);
    assertEquals(0, premiumOfCharge(10_000));
  }

  @Test
  void badInputIsRefusedWithEveryProblemAndStoresNothing() throws Exception {
    long campaignsBefore = db.count("premium_campaign");
    var bad =
        new CampaignForm(
            null,
            service,
            " ",
            new BigDecimal("0.005"),
            Set.of("POST_OFFICE"),
            today,
            today.minusDays(1),
            null,
            false,
            -1L,
            LocalDateTime.now(PlatformClock.ZONE).minusDays(1),
            null);
    var refused = assertInstanceOf(Outcome.Refused.class, save(bad));
    assertEquals(
        List.of(
            Problem.NAME_MISSING,
            Problem.RATE_TOO_PRECISE,
            Problem.UNKNOWN_CHANNEL,
            Problem.PERIOD_REVERSED,
            Problem.BUDGET_NEGATIVE,
            Problem.EFFECTIVE_IN_PAST),
        refused.problems());
    var tooMuch = form(null, "x", "100.01", null, null);
    assertEquals(
        List.of(Problem.RATE_OUT_OF_RANGE),
        assertInstanceOf(Outcome.Refused.class, save(tooMuch)).problems());
    assertEquals(campaignsBefore, db.count("premium_campaign"));
  }

  @Test
  void onlyTheAdministratorChangesCampaigns() {
    // No CITY_ADMIN role (a clerk, an auditor, or no login): the EJB itself refuses.
    assertThrows(EJBAccessException.class, () -> campaigns.save(form(null, "x", "1", null, null)));
  }

  @Test
  void theBudgetCapHoldsToTheYenUnder32ConcurrentCharges() throws Exception {
    // 32 charges of 1,000 yen at 10 % want 3,200 yen of premium; the cap allows 1,550.
    long id = saved(form(null, "上限テスト 10%", "10", 1_550L, null));
    List<Long> residents = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      residents.add((Long) fixtures.newAppMember()[0]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Long> premiums = new ArrayList<>();
    try {
      List<Callable<CreditOutcome>> calls = new ArrayList<>();
      for (long r : residents) {
        calls.add(
            () ->
                charges.charge(
                    new ChargeRequest(
                        r,
                        service,
                        ChargeChannel.WINDOW,
                        1_000,
                        "cap-" + r + "-" + System.nanoTime(),
                        "clerk")));
      }
      for (Future<CreditOutcome> f : pool.invokeAll(calls)) {
        var done = assertInstanceOf(CreditOutcome.Done.class, f.get(), String.valueOf(f.get()));
        premiums.add(done.credit().creditedYen() - 1_000);
      }
    } finally {
      pool.shutdownNow();
    }
    long granted = premiums.stream().mapToLong(Long::longValue).sum();
    assertEquals(1_550, granted, "premium granted in all: " + premiums);
    // Every charge went through; 15 whole premiums, one part of 50 yen, the rest none.
    assertEquals(15, premiums.stream().filter(p -> p == 100).count(), premiums.toString());
    assertEquals(1, premiums.stream().filter(p -> p == 50).count(), premiums.toString());
    assertEquals(16, premiums.stream().filter(p -> p == 0).count(), premiums.toString());
    // The ledger agrees: the premium lots of this service sum to the cap.
    long lots =
        ((Number)
                db.single(
                    "SELECT COALESCE(SUM(l.amount_yen), 0) FROM value_lot l"
                        + " JOIN account a ON a.id = l.account_id JOIN value_service v ON v.id = a.service_id"
                        + " WHERE l.kind = 'PREMIUM'"
                        + " AND v.code = '"
                        + service
                        + "'"))
            .longValue();
    assertEquals(1_550, lots);
    CampaignView v = view(id);
    assertEquals(1_550, v.budgetUsedYen());
    assertEquals(0L, v.budgetRemainingYen());
    // Used up: the next charge gets no premium, and goes through.
    assertEquals(0, premiumOfCharge(1_000));
  }

  @Test
  void aChargeWhoseCappedCampaignRanOutGetsTheNextCampaignAndItsExpiry_R10_R11() throws Exception {
    // A capped 10 % campaign whose premium expires on a fixed day, and the always-on 1 % with the
    // fiscal year's end. 32 charges race for 1,550 yen of cap: each one that finds the cap used up
    // when it claims (also after it read the campaigns) is under the 1 % campaign, with its expiry.
    LocalDate fixed = today.plusDays(60);
    saved(
        new CampaignForm(
            null,
            service,
            "上限 10%",
            new BigDecimal("10"),
            Set.of(),
            today.minusDays(1),
            today.plusDays(30),
            fixed,
            false,
            1_550L,
            null,
            null));
    saved(form(null, "いつでも 1%", "1", null, null));
    LocalDate fiscal = ExpiryRules.fiscalYearEnd(today);
    List<Long> residents = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      residents.add((Long) fixtures.newAppMember()[0]);
    }
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<CreditView.Part> premiums = new ArrayList<>();
    try {
      List<Callable<CreditOutcome>> calls = new ArrayList<>();
      for (long r : residents) {
        calls.add(
            () ->
                charges.charge(
                    new ChargeRequest(
                        r,
                        service,
                        ChargeChannel.WINDOW,
                        1_000,
                        "fall-" + r + "-" + System.nanoTime(),
                        "clerk")));
      }
      for (Future<CreditOutcome> f : pool.invokeAll(calls)) {
        var done = assertInstanceOf(CreditOutcome.Done.class, f.get(), String.valueOf(f.get()));
        premiums.add(
            done.credit().parts().stream()
                .filter(p -> p.lotKind().equals("PREMIUM"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no premium: " + done.credit())));
      }
    } finally {
      pool.shutdownNow();
    }
    String all = premiums.toString();
    assertEquals(15, premiums.stream().filter(p -> p.amountYen() == 100).count(), all);
    // The partial claim keeps its campaign: the 50 yen the cap had left, with the 10 %'s expiry.
    assertEquals(1, premiums.stream().filter(p -> p.amountYen() == 50).count(), all);
    assertEquals(16, premiums.stream().filter(p -> p.amountYen() == 10).count(), all);
    for (CreditView.Part p : premiums) {
      assertEquals(p.amountYen() == 10 ? fiscal : fixed, p.expiresOn(), all);
    }
    // Used up: the next charge is under the 1 % campaign.
    assertEquals(10, premiumOfCharge(1_000));
  }

  @Test
  void aServiceChangeAsSoonAsPossiblePromisesATimeAfterEveryCacheToTheSecond() throws Exception {
    var window = new ServiceRules.ChannelRule("WINDOW", 1_000L, 5_000L, 1_000L);
    var rules = new ServiceRules(true, 50_000L, 2, false, List.of(window));
    // The caches keep the old rules and acceptance for 30 s; clocks differ by a few seconds.
    LocalDateTime before = LocalDateTime.now(PlatformClock.ZONE);
    var changed =
        assertInstanceOf(
            ServiceAdministration.Outcome.Saved.class, admin.changeRules(service, rules, null));
    assertEquals(0, changed.effectiveFrom().getNano(), changed.toString());
    assertTrue(!changed.effectiveFrom().isBefore(before.plusSeconds(35)), changed.toString());
    var accepted =
        assertInstanceOf(
            ServiceAdministration.Outcome.Saved.class, admin.setAcceptance(service, Set.of()));
    LocalDateTime after = LocalDateTime.now(PlatformClock.ZONE);
    assertEquals(0, accepted.effectiveFrom().getNano(), accepted.toString());
    assertTrue(!accepted.effectiveFrom().isBefore(after.plusSeconds(30)), accepted.toString());
  }

  /**
   * #11 (lost update): a service's rules or its accepting shops saved from a form loaded
   * before another administrator's change are refused with CHANGED_MEANWHILE, and nothing changes.
   */
  @Test
  void serviceFormsLoadedBeforeAnotherChangeAreRefusedNotSavedOverIt_R03() throws Exception {
    var window = new ServiceRules.ChannelRule("WINDOW", 1_000L, 5_000L, 1_000L);
    var rules = new ServiceRules(true, 50_000L, 2, false, List.of(window));
    int loaded =
        admin.services().stream()
            .filter(v -> v.code().equals(service))
            .findFirst()
            .orElseThrow()
            .rulesRevision();
    var later = LocalDateTime.now(PlatformClock.ZONE).plusHours(3).withNano(0);
    assertInstanceOf(
        ServiceAdministration.Outcome.Saved.class,
        admin.changeRules(service, rules, later, loaded));
    String versions =
        "service_rule_version WHERE service_id = (SELECT id FROM value_service WHERE code = '"
            + service
            + "')";
    long saved = db.count(versions);
    for (Integer stale : new Integer[] {loaded, null}) {
      assertEquals(
          List.of(ServiceAdministration.Problem.CHANGED_MEANWHILE),
          assertInstanceOf(
                  ServiceAdministration.Outcome.Refused.class,
                  admin.changeRules(service, rules, later.plusHours(1), stale))
              .problems(),
          "based on revision " + stale);
    }
    assertEquals(saved, db.count(versions));
    // Acceptance: two shops accept; one administrator removes the first, another, whose form
    // still shows both, adds a third: refused, so the first shop is not silently put back.
    String tag = "LU" + System.nanoTime() % 1_000_000;
    for (String x : List.of("A", "B", "C")) {
      fixtures.newShopWithTerminal(tag + x);
    }
    String a = "S" + tag + "A";
    String b = "S" + tag + "B";
    String c = "S" + tag + "C";
    assertInstanceOf(
        ServiceAdministration.Outcome.Saved.class,
        admin.setAcceptance(service, Set.of(a, b), Set.of()));
    assertInstanceOf(
        ServiceAdministration.Outcome.Saved.class,
        admin.setAcceptance(service, Set.of(b), Set.of(a, b)));
    assertEquals(
        List.of(ServiceAdministration.Problem.CHANGED_MEANWHILE),
        assertInstanceOf(
                ServiceAdministration.Outcome.Refused.class,
                admin.setAcceptance(service, Set.of(a, b, c), Set.of(a, b)))
            .problems());
    assertEquals(
        Set.of(b),
        admin.acceptance(service).stream()
            .filter(x -> x.accepts())
            .map(x -> x.shopCode())
            .filter(x -> Set.of(a, b, c).contains(x))
            .collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void newServiceRulesWaitForTheirTimeAndNeverReachBack_R14_R20() throws Exception {
    var window = new ServiceRules.ChannelRule("WINDOW", 1_000L, 5_000L, 1_000L);
    var rules = new ServiceRules(true, 50_000L, 2, false, List.of(window));
    // Sooner than every server's cache lets go of the old rules: refused, nothing stored.
    var soon = LocalDateTime.now(PlatformClock.ZONE).plusSeconds(5);
    assertEquals(
        List.of(ServiceAdministration.Problem.EFFECTIVE_TOO_SOON),
        assertInstanceOf(
                ServiceAdministration.Outcome.Refused.class,
                admin.changeRules(service, rules, soon))
            .problems());
    assertEquals(
        0,
        db.count(
            "service_rule_version WHERE created_by = 'test-admin' AND service_id = (SELECT id FROM value_service WHERE code = '"
                + service
                + "')"));
    // Announced for later: the window still takes 10,000 yen now (the old maximum is 100,000).
    var later = LocalDateTime.now(PlatformClock.ZONE).plusHours(2).withNano(0);
    assertInstanceOf(
        ServiceAdministration.Outcome.Saved.class, admin.changeRules(service, rules, later));
    assertEquals(0, premiumOfCharge(10_000));
    assertEquals(
        4,
        db.count(
            "charge_rule_version WHERE service_id = (SELECT id FROM value_service WHERE code = '"
                + service
                + "')"));
    // Bounds that contradict each other are refused.
    var bad =
        new ServiceRules(
            true,
            500L,
            null,
            false,
            List.of(new ServiceRules.ChannelRule("WINDOW", 1_000L, 900L, 300L)));
    assertEquals(
        List.of(
            ServiceAdministration.Problem.VALID_YEARS_INVALID,
            ServiceAdministration.Problem.BOUNDS_INVALID,
            ServiceAdministration.Problem.WINDOW_UNIT_NOT_THOUSANDS),
        assertInstanceOf(
                ServiceAdministration.Outcome.Refused.class,
                admin.changeRules(service, bad, later.plusHours(1)))
            .problems());
  }
}
