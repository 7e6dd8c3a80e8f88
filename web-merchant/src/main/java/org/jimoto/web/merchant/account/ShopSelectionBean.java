package org.jimoto.web.merchant.account;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.jimoto.merchant.boundary.MerchantShops;
import org.jimoto.merchant.boundary.MerchantShops.ShopView;

/**
 * The shop a per-shop page (register, terminals, history, ...) shows, chosen once per session with
 * the shop selector ({@code /WEB-INF/account/shopSelector.xhtml}). A business account chooses among
 * its shops; a shop account always gets its own. An id chosen here is only ever used through {@link
 * MerchantShops#shop}, so an id from an edited form cannot reach another business's shop.
 */
@Named("shopSelection")
@SessionScoped
public class ShopSelectionBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject MerchantScopeBean scope;

  private Long shopId;

  /** The shop to show: the chosen one if still in reach, else the login's first. */
  public ShopView getShop() {
    MerchantShops current = scope.getScope();
    if (current == null) {
      return null;
    }
    return (shopId == null ? java.util.Optional.<ShopView>empty() : current.shop(shopId))
        .orElseGet(current::defaultShop);
  }

  public Long getShopId() {
    ShopView shop = getShop();
    return shop == null ? null : shop.id();
  }

  /** Keeps the choice only if the login reaches that shop. */
  public void setShopId(Long shopId) {
    MerchantShops current = scope.getScope();
    if (shopId != null && current != null && current.shop(shopId).isPresent()) {
      this.shopId = shopId;
    }
  }

  /** Whether there is a choice to make (a business account with several shops). */
  public boolean isSelectable() {
    MerchantShops current = scope.getScope();
    return current != null && current.wholeBusiness() && current.shops().size() > 1;
  }
}
