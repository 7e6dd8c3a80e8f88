package org.jimoto.web.layout;

import java.util.Objects;
import java.util.Set;

/**
 * One entry of a portal's navigation.
 *
 * @param id the element id in the page (tests find entries by it)
 * @param path the page, from the portal's context root (e.g. {@code /app/history.xhtml})
 * @param labelKey the key of its label in the portal's own bundle ({@code portal})
 * @param icon a PrimeIcons class (e.g. {@code pi-list}), decorative
 * @param roles the roles that see it; empty: every logged-in person of the portal
 */
public record MenuEntry(String id, String path, String labelKey, String icon, Set<String> roles) {

  public MenuEntry {
    Objects.requireNonNull(id);
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path from the context root expected: " + path);
    }
    Objects.requireNonNull(labelKey);
    roles = Set.copyOf(roles);
  }
}
