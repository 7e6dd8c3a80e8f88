package org.jimoto.grant;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;
import java.util.Locale;
import java.util.function.Supplier;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Runs a call as a member of the city's staff in one role, as the admin portal does for a logged-in
 * person: the role check is the EJB container's ({@code @RolesAllowed}). A deployment using these
 * needs {@link #withRolePrincipals}.
 */
public final class StaffCallers {

  private StaffCallers() {}

  /**
   * {@code @RunAs} needs a principal for each role; the admin portal maps none (there the login's
   * groups are its roles, by the default principal-to-role mapping).
   */
  public static WebArchive withRolePrincipals(WebArchive war) {
    StringBuilder xml =
        new StringBuilder(
            "<!DOCTYPE glassfish-web-app PUBLIC \"-//GlassFish.org//DTD GlassFish Application"
                + " Server 3.1 Servlet 3.0//EN\""
                + " \"http://glassfish.org/dtds/glassfish-web-app_3_0-1.dtd\">"
                + "<glassfish-web-app>");
    for (String role : new String[] {"CITY_ADMIN", "CITY_CLERK", "CITY_AUDITOR"}) {
      xml.append("<security-role-mapping><role-name>")
          .append(role)
          .append("</role-name><principal-name>test-")
          .append(role.toLowerCase(Locale.ROOT))
          .append("</principal-name></security-role-mapping>");
    }
    xml.append("</glassfish-web-app>");
    return war.addAsWebInfResource(new StringAsset(xml.toString()), "glassfish-web.xml");
  }

  @Stateless(
      name = "StaffAsAdmin") // EJB names are unique in a module; the window tests have an AsAdmin
  @RunAs("CITY_ADMIN")
  @PermitAll
  public static class AsAdmin {
    public <T> T call(Supplier<T> f) {
      return f.get();
    }
  }

  @Stateless(
      name = "StaffAsClerk") // EJB names are unique in a module; the window tests have an AsClerk
  @RunAs("CITY_CLERK")
  @PermitAll
  public static class AsClerk {
    public <T> T call(Supplier<T> f) {
      return f.get();
    }
  }

  @Stateless(
      name =
          "StaffAsAuditor") // EJB names are unique in a module; the window tests have an AsAuditor
  @RunAs("CITY_AUDITOR")
  @PermitAll
  public static class AsAuditor {
    public <T> T call(Supplier<T> f) {
      return f.get();
    }
  }
}
