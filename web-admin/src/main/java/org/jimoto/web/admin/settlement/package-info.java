/**
 * #12 settlement: the closes with their progress, a close started by the administrator, and
 * the Zengin payout file of a payout date. Thin: the ledger's SettlementClosing decides.
 */
package org.jimoto.web.admin.settlement;
