/**
 * Merchant accounts (#9 item 1, R-61, R-62): which shops the logged-in business or shop account
 * reaches, and the shop a per-shop page shows. The rules are the ledger's {@code MerchantAccess};
 * these beans only hold the choice and translate. Login, "keep me signed in" and the password
 * change are web-common's, shared by every portal.
 */
package org.jimoto.web.merchant.account;
