/**
 * The resident's own history (#10 item 6): every operation on their balances (charges, grants,
 * payments, cancellations, expiries) by period and service, and one transaction's detail with its
 * tranId. The ledger's {@code TransactionReports} limits both to the login's resident.
 */
package org.jimoto.web.resident.history;
