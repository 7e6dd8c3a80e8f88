/**
 * The shop profile page (#9 item 8, /app/shop.xhtml): the shop's names, kind, address, phone, hours
 * and photos, what the city decides shown read-only, and the business's bank account for payouts.
 * The ledger's {@code ShopProfiles} and {@code PayoutAccounts} hold every rule (reach, checks,
 * Zengin codes and kana, audit); these beans only carry the form and translate refusals.
 */
package org.jimoto.web.merchant.shop;
