package org.jimoto.web.merchant;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.jimoto.web.layout.MenuEntry;
import org.jimoto.web.layout.PortalMenu;

/**
 * The merchant portal's navigation (#9). An entry appears once its page exists in this WAR, so
 * screens still being built can be listed here; add a new screen's entry here. The header keeps one
 * row on a PC, so occasional pages (kit order, inquiry) are linked from the home page instead.
 */
@ApplicationScoped
public class MerchantMenu implements PortalMenu {

  private static final List<MenuEntry> ENTRIES =
      List.of(
          entry("home", "/app/home.xhtml", "menu.home", "pi-home"),
          entry("register", "/app/register.xhtml", "menu.register", "pi-calculator"),
          entry("terminals", "/app/terminals.xhtml", "menu.terminals", "pi-qrcode"),
          entry("history", "/app/history.xhtml", "menu.history", "pi-list"),
          entry("results", "/app/results.xhtml", "menu.results", "pi-chart-bar"),
          entry("transfers", "/app/transfers.xhtml", "menu.transfers", "pi-building-columns"),
          entry("shop", "/app/shop.xhtml", "menu.shop", "pi-shop"),
          entry("password", "/app/password.xhtml", "menu.password", "pi-key"));

  private static MenuEntry entry(String id, String path, String labelKey, String icon) {
    return new MenuEntry(id, path, labelKey, icon, Set.of());
  }

  @Override
  public List<MenuEntry> entries() {
    return ENTRIES;
  }
}
