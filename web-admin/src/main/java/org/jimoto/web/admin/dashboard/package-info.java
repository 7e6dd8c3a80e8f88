/** The city's dashboard (issue #11 item 8): balances, daily figures, activity, ledger check. */
package org.jimoto.web.admin.dashboard;
