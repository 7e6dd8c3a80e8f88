/**
 * The admin portal's maintenance screen (#11 item 6, R-57): announce and cancel maintenance
 * windows. The ledger checks the role, the lead time and refuses payments during a window.
 */
package org.jimoto.web.admin.maintenance;
