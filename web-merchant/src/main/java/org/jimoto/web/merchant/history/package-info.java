/**
 * The merchant portal's transaction history, its CSV download and cancellation
 * from it (R-40..R-44). Beans and the servlet translate requests and answers only: the scope of a
 * login, the list, the CSV and the cancellation rules are the ledger's ({@code
 * TransactionReports}, {@code MerchantCancellations}), which the login name alone scopes.
 */
package org.jimoto.web.merchant.history;
