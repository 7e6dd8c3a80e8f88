package org.jimoto.merchant.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.jimoto.merchant.boundary.MerchantShops.ShopView;
import org.jimoto.merchant.entity.Business;
import org.jimoto.merchant.entity.Shop;

/**
 * Which shops a merchant login reaches, as the portal's screens list them. The reach
 * itself is {@link MerchantScopes}' one rule (a shop account its shop, a business account its
 * business's shops), resolved from the logged-in name, never from an id taken from the page.
 */
@Stateless
public class MerchantAccess {

  @PersistenceContext EntityManager em;
  @Inject MerchantScopes scopes;

  /**
   * The shops of an enabled merchant login; empty for an unknown or disabled login, another
   * portal's, or one not tied to a business.
   */
  public Optional<MerchantShops> scopeOf(String loginName) {
    MerchantScope scope = scopes.of(loginName);
    if (scope.isNothing()) {
      return Optional.empty();
    }
    Business business = em.find(Business.class, scope.businessId());
    List<ShopView> shops =
        em
            .createQuery(
                "select s from Shop s where s.business.id = :business order by s.code", Shop.class)
            .setParameter("business", scope.businessId())
            .getResultList()
            .stream()
            .filter(s -> !scope.isShopAccount() || s.getId().equals(scope.shopId()))
            .map(s -> new ShopView(s.getId(), s.getCode(), s.getName(), s.isCardAccepted()))
            .toList();
    if (shops.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new MerchantShops(business.getId(), business.getName(), !scope.isShopAccount(), shops));
  }
}
