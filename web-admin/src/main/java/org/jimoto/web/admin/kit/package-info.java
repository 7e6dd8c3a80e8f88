/**
 * The city's list of merchant kit orders, newest first: a minimal read-only page until the
 * admin portal (#11) handles them. The orders are the ledger's {@code KitOrders}.
 */
package org.jimoto.web.admin.kit;
