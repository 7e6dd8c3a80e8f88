/**
 * The merchant kit order page: more flags, QR stands and stickers for a shop of the login.
 * The bean translates only: the bounds, the login's reach and the audit record are
 * the ledger's {@code KitOrders}.
 */
package org.jimoto.web.merchant.kit;
