package org.jimoto.web.merchant.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.jimoto.merchant.boundary.MerchantAccess;
import org.jimoto.merchant.boundary.MerchantShops;

/** The shops the logged-in merchant login reaches, read once per request. */
@Named("merchantScope")
@RequestScoped
public class MerchantScopeBean {

  @Inject MerchantAccess access;
  @Inject HttpServletRequest request;

  private MerchantShops scope;
  private boolean read;

  /**
   * @return null when nobody (or no merchant login tied to a business) is logged in
   */
  public MerchantShops getScope() {
    if (!read) {
      Principal caller = request.getUserPrincipal();
      scope = caller == null ? null : access.scopeOf(caller.getName()).orElse(null);
      read = true;
    }
    return scope;
  }
}
