/**
 * The merchant's transfer history (振込履歴, #12 item 6, R-56) and each closing's statement as PDF
 * . The beans translate only: which closings a login sees and every figure are the
 * ledger's {@code SettlementStatements}.
 */
package org.jimoto.web.merchant.payout;
