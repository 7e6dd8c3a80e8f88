package org.jimoto.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.jimoto.identity.boundary.AccountSummary;
import org.jimoto.identity.boundary.LoginService;

/** Who is logged into this portal, for the header and the home page. */
@Named("currentUser")
@RequestScoped
public class CurrentUserBean {

  @Inject SecurityContext securityContext;
  @Inject LoginService loginService;
  @Inject PortalAuthenticationMechanism mechanism;

  private Optional<AccountSummary> summary;

  public boolean isLoggedIn() {
    return securityContext.getCallerPrincipal() != null;
  }

  public AccountSummary getAccount() {
    if (summary == null) {
      Principal caller = securityContext.getCallerPrincipal();
      summary =
          caller == null
              ? Optional.empty()
              : loginService.summary(mechanism.portal(), caller.getName());
    }
    return summary.orElse(null);
  }

  public List<String> getRoles() {
    AccountSummary account = getAccount();
    return account == null ? List.of() : account.roles().stream().map(Enum::name).sorted().toList();
  }
}
