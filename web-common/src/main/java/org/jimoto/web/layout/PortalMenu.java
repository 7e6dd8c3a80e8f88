package org.jimoto.web.layout;

import java.util.List;

/**
 * The navigation of one portal, in the order shown. A portal WAR that has one declares a bean of
 * its own implementing this; the layout shows an entry only where its page exists in that WAR, so a
 * menu may list screens that are still to be built.
 */
public interface PortalMenu {

  List<MenuEntry> entries();
}
