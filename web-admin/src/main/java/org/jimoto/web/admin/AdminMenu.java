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
          entry("kitOrders", "/app/kit-orders.xhtml", "menu.kitOrders", "pi-box"),
          entry("password", "/app/password.xhtml", "menu.password", "pi-key"),
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
              "staff", "/app/staff.xhtml", "menu.staff", "pi-users", Set.of("CITY_ADMIN")));

  private static MenuEntry entry(String id, String path, String labelKey, String icon) {
    return new MenuEntry(id, path, labelKey, icon, Set.of());
  }

  @Override
  public List<MenuEntry> entries() {
    return ENTRIES;
  }
}
