package org.jimoto.web.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.jimoto.web.layout.MenuEntry;
import org.jimoto.web.layout.PortalMenu;

/**
 * The admin portal's navigation. An entry appears once its page exists in this WAR; add a new
 * screen's entry here (#11 builds the portal's screens).
 */
@ApplicationScoped
public class AdminMenu implements PortalMenu {

  private static final List<MenuEntry> ENTRIES =
      List.of(
          entry("home", "/app/home.xhtml", "menu.home", "pi-home"),
          entry("dashboard", "/app/dashboard.xhtml", "menu.dashboard", "pi-chart-bar"),
          // #11 onboarding: the review queue (CITY_ADMIN decides, CITY_AUDITOR reads)
          new MenuEntry(
              "applications",
              "/app/applications.xhtml",
              "menu.applications",
              "pi-inbox",
              Set.of("CITY_ADMIN", "CITY_AUDITOR")),
          entry("kitOrders", "/app/kit-orders.xhtml", "menu.kitOrders", "pi-box"),
          // #11 services and campaigns
          entry("services", "/app/services.xhtml", "menu.services", "pi-wallet"),
          entry("campaigns", "/app/campaigns.xhtml", "menu.campaigns", "pi-percentage"),
          // #11 window operations and audit (items 3, 5)
          entry("window", "/app/window.xhtml", "menu.window", "pi-id-card", Set.of()),
          entry(
              "cardIssue",
              "/app/card-issue.xhtml",
              "menu.cardIssue",
              "pi-plus",
              Set.of("CITY_CLERK", "CITY_ADMIN")),
          entry("residents", "/app/residents.xhtml", "menu.residents", "pi-search", Set.of()),
          entry(
              "audit",
              "/app/audit.xhtml",
              "menu.audit",
              "pi-list",
              Set.of("CITY_AUDITOR", "CITY_ADMIN")),
          // #11 grants, maintenance (items 4 and 6)
          new MenuEntry(
              "grants",
              "/app/grants.xhtml",
              "menu.grants",
              "pi-gift",
              Set.of("CITY_ADMIN", "CITY_CLERK")),
          entry("maintenance", "/app/maintenance.xhtml", "menu.maintenance", "pi-wrench"),
          entry("notices", "/app/notices.xhtml", "menu.notices", "pi-megaphone"),
          new MenuEntry(
              "staff", "/app/staff.xhtml", "menu.staff", "pi-users", Set.of("CITY_ADMIN")),
          entry("password", "/app/password.xhtml", "menu.password", "pi-key"),
          // #12 settlement: the closes (the administrator starts them, the auditor reads)
          entry(
              "settlement",
              "/app/settlement.xhtml",
              "menu.settlement",
              "pi-calculator",
              Set.of("CITY_ADMIN", "CITY_AUDITOR")),
          // #12 nightly jobs (item 7): the expiry and bonus runs (the administrator starts, the
          // auditor reads)
          entry(
              "nightly",
              "/app/nightly.xhtml",
              "menu.nightly",
              "pi-moon",
              Set.of("CITY_ADMIN", "CITY_AUDITOR")));

  private static MenuEntry entry(String id, String path, String labelKey, String icon) {
    return new MenuEntry(id, path, labelKey, icon, Set.of());
  }

  // #11 window operations and audit: entries seen by some roles only
  private static MenuEntry entry(
      String id, String path, String labelKey, String icon, Set<String> roles) {
    return new MenuEntry(id, path, labelKey, icon, roles);
  }

  @Override
  public List<MenuEntry> entries() {
    return ENTRIES;
  }
}
