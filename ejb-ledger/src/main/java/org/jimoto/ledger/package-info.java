/**
 * The double-entry ledger (元帳). Every movement of value is a transfer from one account to another
 * within one service, so every journal entry sums to zero per service by construction. Wallets
 * (resident balances) are made of value lots with their own expiry (R-10..R-13) and keep a balance
 * row that guards overdraft with a conditional update; shop and city accounts are
 * append-only, their balance is the sum of their transfers, so a busy shop never serializes
 * payments on one row. Transfers are never deleted; corrections are new transfers.
 *
 * <p>The write path uses JDBC directly ({@link org.jimoto.ledger.control.LedgerStore}): it is the
 * platform's hot path, and explicit SQL keeps each payment to a handful of statements.
 */
package org.jimoto.ledger;
