/**
 * Reports over the ledger (R-70..R-74): the transaction list with its filters, count and total; the
 * transaction CSV in the Mitaka field order, streamed in constant memory; daily and monthly results
 * per service. Every query is bounded by a period and served by an index on {@code transfer(…,
 * created_at)}.
 */
package org.jimoto.report;
