/**
 * Charging (チャージ, R-20..R-26) with premium campaigns, grants of points (付与, R-12, R-83), grant
 * cancellation, and the value that leaves wallets by expiry or forfeiture.
 */
package org.jimoto.charge;
