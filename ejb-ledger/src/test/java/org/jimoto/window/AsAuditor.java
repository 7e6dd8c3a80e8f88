package org.jimoto.window;

import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.concurrent.Callable;

/**
 * Calls made as CITY_AUDITOR, as an administration portal login makes them: the container's
 * {@code @RunAs} identity is what {@code @RolesAllowed} on the window's boundaries checks.
 */
@Stateless(name = "WindowTestAsAuditor") // unique: another test package has an AsAuditor bean too
@DeclareRoles({"CITY_CLERK", "CITY_AUDITOR", "CITY_ADMIN"})
@RunAs("CITY_AUDITOR")
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each call its own, as from a page
public class AsAuditor {

  public <T> T call(Callable<T> work) {
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
