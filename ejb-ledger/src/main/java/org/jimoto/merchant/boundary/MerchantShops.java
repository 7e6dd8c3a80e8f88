package org.jimoto.merchant.boundary;

import java.util.List;
import java.util.Optional;

/**
 * The shops one merchant login may see and manage, for the portal's screens ({@link
 * MerchantScope} is the same reach as a query condition): a business account (事業者アカウント) every shop
 * of its business, a shop account (店舗アカウント) its one shop.
 *
 * @param shops the shops in reach, by shop code; never empty
 */
public record MerchantShops(
    long businessId, String businessName, boolean wholeBusiness, List<ShopView> shops) {

  /** A shop as the merchant portal lists it. */
  public record ShopView(long id, String code, String name, boolean cardAccepted) {}

  public MerchantShops {
    shops = List.copyOf(shops);
    if (shops.isEmpty()) {
      throw new IllegalArgumentException("a merchant login reaches at least one shop");
    }
    if (!wholeBusiness && shops.size() != 1) {
      throw new IllegalArgumentException("a shop account reaches exactly one shop");
    }
  }

  /** The shop of that id, if this login may see it; another business's or shop's is not found. */
  public Optional<ShopView> shop(long shopId) {
    return shops.stream().filter(s -> s.id() == shopId).findFirst();
  }

  /** The shop a page shows first: the shop account's own, the business's first by code. */
  public ShopView defaultShop() {
    return shops.get(0);
  }
}
