/**
 * Terminals and store QR codes (#9 item 2, seed 001 レジ一覧): the list of a shop's terminals, a
 * terminal's page (its QR code with the shop and terminal name, rename, POS API credential,
 * retire), the QR code as a PNG download and the A4 and A5 print stands. The rules, who may do what
 * and the reach of the login are the ledger's {@code MerchantTerminals}; these beans and the
 * servlet only translate, and draw the QR code (ZXing).
 */
package org.jimoto.web.merchant.terminal;
