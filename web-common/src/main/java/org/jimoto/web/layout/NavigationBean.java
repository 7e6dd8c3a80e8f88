package org.jimoto.web.layout;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.MalformedURLException;
import java.util.List;

/**
 * The header's navigation: the portal's {@link PortalMenu} entries whose page exists and whose
 * roles the logged-in person has. Without a menu bean (or logged out) there is no navigation.
 */
@Named("navigation")
@RequestScoped
public class NavigationBean {

  @Inject Instance<PortalMenu> menus;
  @Inject HttpServletRequest request;

  private List<MenuEntry> entries;

  public List<MenuEntry> getEntries() {
    if (entries == null) {
      entries =
          request.getUserPrincipal() == null || !menus.isResolvable()
              ? List.of()
              : menus.get().entries().stream().filter(this::shown).toList();
    }
    return entries;
  }

  /** The entry of the page being shown, for {@code aria-current}. */
  public boolean isCurrent(MenuEntry entry) {
    return request.getServletPath().equals(entry.path());
  }

  private boolean shown(MenuEntry entry) {
    return exists(entry.path())
        && (entry.roles().isEmpty() || entry.roles().stream().anyMatch(request::isUserInRole));
  }

  private static boolean exists(String path) {
    ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
    try {
      return external.getResource(path) != null;
    } catch (MalformedURLException e) {
      return false;
    }
  }
}
