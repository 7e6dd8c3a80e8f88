package org.jimoto.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jimoto.identity.boundary.AccountSummary;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.platform.control.PlatformClock;

/** Who is logged into this portal, for the header and the home page. */
@Named("currentUser")
@RequestScoped
public class CurrentUserBean {

  @Inject SecurityContext securityContext;
  @Inject LoginService loginService;
  @Inject HttpServletRequest request;

  private Optional<AccountSummary> summary;

  public boolean isLoggedIn() {
    return securityContext.getCallerPrincipal() != null;
  }

  @SuppressWarnings("unchecked")
  public AccountSummary getAccount() {
    if (summary == null) {
      // Read once per request: the account filter already did for pages under /app/.
      Object read = request.getAttribute(AccountStateFilter.SUMMARY);
      if (read instanceof Optional<?> o) {
        summary = (Optional<AccountSummary>) o;
      }
    }
    if (summary == null) {
      Principal caller = securityContext.getCallerPrincipal();
      Portal portal = PortalAuthenticationMechanism.portalOf(request.getServletContext());
      summary =
          caller == null || portal == null
              ? Optional.empty()
              : loginService.summary(portal, caller.getName());
    }
    return summary.orElse(null);
  }

  /** the password is older than 90 days. */
  public boolean isPasswordAgeWarning() {
    AccountSummary account = getAccount();
    return account != null && account.passwordAgeWarning(LocalDateTime.now(PlatformClock.ZONE));
  }

  public List<String> getRoles() {
    AccountSummary account = getAccount();
    return account == null ? List.of() : account.roles().stream().map(Enum::name).sorted().toList();
  }
}
