package org.jimoto.merchant.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.control.LoginRecords;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.identity.entity.UserAccount;
import org.jimoto.merchant.boundary.MerchantScope.ShopView;
import org.jimoto.merchant.entity.Business;
import org.jimoto.merchant.entity.Shop;

/**
 * Which shops a merchant login reaches. Every merchant screen that shows or changes a
 * shop's data asks here first, with the logged-in name, never with an id taken from the page alone.
 */
@Stateless
public class MerchantAccess {

  @PersistenceContext EntityManager em;
  @Inject LoginRecords records;

  /**
   * The scope of an enabled merchant login; empty for an unknown or disabled login, another
   * portal's, or one not tied to a business.
   */
  public Optional<MerchantScope> scopeOf(String loginName) {
    Optional<UserAccount> found = records.find(Portal.MERCHANT, LoginService.normalize(loginName));
    if (found.isEmpty() || !found.get().isEnabled() || found.get().getBusinessId() == null) {
      return Optional.empty();
    }
    UserAccount account = found.get();
    Business business = em.find(Business.class, account.getBusinessId());
    boolean wholeBusiness = account.getRoles().contains(Role.BUSINESS_OWNER);
    List<Shop> shops =
        em
            .createQuery(
                "select s from Shop s where s.business.id = :business order by s.code", Shop.class)
            .setParameter("business", business.getId())
            .getResultList()
            .stream()
            .filter(s -> wholeBusiness || s.getId().equals(account.getShopId()))
            .toList();
    if (shops.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new MerchantScope(
            business.getId(),
            business.getName(),
            wholeBusiness,
            shops.stream()
                .map(s -> new ShopView(s.getId(), s.getCode(), s.getName(), s.isCardAccepted()))
                .toList()));
  }
}
