/**
 * The merchant portal's results (R-72, seed 004 実績管理): daily and monthly figures per service of the
 * login's shops, their chart and the seed's daily and monthly CSV. The bean and the servlet
 * translate only: the figures, the scope of a login and the CSV layouts are the ledger's
 * {@code MerchantResults}.
 */
package org.jimoto.web.merchant.results;
