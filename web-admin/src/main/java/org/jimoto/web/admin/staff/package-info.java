/**
 * The admin portal's staff accounts (#11 item 7, R-62): the administrator creates staff with roles,
 * resets passwords (temporary, changed at the first login) and disables accounts. The rules (the
 * last administrator, not oneself) and the role check are the ledger's {@code StaffAccounts}.
 */
package org.jimoto.web.admin.staff;
