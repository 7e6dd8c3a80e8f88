package org.jimoto.merchant.boundary;

import java.util.List;

/**
 * What a merchant login may see and act on: a shop account its one shop, a business account
 * every shop of its business. The ledger resolves it from the login name alone ({@link
 * MerchantScopes}), never from ids a page or a URL sends, so an edited id can narrow a list but
 * never widen it.
 *
 * @param shopId the shop of a shop account; null for a business account
 */
public record MerchantScope(String loginName, long businessId, Long shopId) {

  /** A login that is no merchant's (or no longer enabled) sees nothing. */
  public static final MerchantScope NOTHING = new MerchantScope("", -1, -1L);

  public boolean isShopAccount() {
    return shopId != null;
  }

  public boolean isNothing() {
    return businessId < 0;
  }

  /**
   * The SQL condition that keeps a transfer (aliased {@code t}) inside the scope; its parameter is
   * added to {@code args}. The shop's id is compared on the transfer itself, so the shop and time
   * index serves a shop account's lists.
   */
  public String condition(String alias, List<Object> args) {
    if (isShopAccount()) {
      args.add(shopId);
      return alias + ".shop_id = ?";
    }
    args.add(businessId);
    return alias + ".shop_id IN (SELECT sc.id FROM shop sc WHERE sc.business_id = ?)";
  }
}
