package org.jimoto.web.resident;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.jimoto.web.layout.MenuEntry;
import org.jimoto.web.layout.PortalMenu;

/**
 * The resident portal's navigation (#10). An entry appears once its page exists in this WAR, so
 * screens still being built are listed already. Pay comes first after home: it is what a resident
 * opens at the till.
 */
@ApplicationScoped
public class ResidentMenu implements PortalMenu {

  private static final List<MenuEntry> ENTRIES =
      List.of(
          entry("home", "/app/home.xhtml", "menu.home", "pi-home"),
          entry("pay", "/app/scan.xhtml", "menu.pay", "pi-camera"),
          entry("myqr", "/app/myqr.xhtml", "menu.myqr", "pi-qrcode"),
          entry("charge", "/app/charge.xhtml", "menu.charge", "pi-wallet"),
          entry("history", "/app/history.xhtml", "menu.history", "pi-list"),
          entry("shops", "/shops.xhtml", "menu.shops", "pi-shop"),
          entry("account", "/app/account.xhtml", "menu.account", "pi-user"));

  private static MenuEntry entry(String id, String path, String labelKey, String icon) {
    return new MenuEntry(id, path, labelKey, icon, Set.of());
  }

  @Override
  public List<MenuEntry> entries() {
    return ENTRIES;
  }
}
