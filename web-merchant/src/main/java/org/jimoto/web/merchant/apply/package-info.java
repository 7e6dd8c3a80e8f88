/**
 * The public merchant application form (#11 item 1, R-60): no login; the ledger's {@code
 * MerchantOnboarding} checks and stores it, and the city reviews it in the administration portal. A
 * correction link mailed by the city opens the same form, filled in.
 */
package org.jimoto.web.merchant.apply;
