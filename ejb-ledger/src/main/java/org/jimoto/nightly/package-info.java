/**
 * The nightly jobs (#12 item 7) on the same footing as the settlement close: the expiry (R-13,
 * 00:10) and the bonus payment (R-22, 00:20) are Jakarta Batch jobs, run once per business day also
 * with several nodes (a claim row per job and day), taken over when their node dies, with their
 * progress and figures on the admin portal's nightly page. The work itself stays with {@code
 * WalletSweeper} and {@code BonusPayer}, one transaction per wallet or bonus.
 */
package org.jimoto.nightly;
