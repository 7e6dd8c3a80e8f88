/**
 * Paying in the resident portal (#10 items 4 and 5): the pay page a store QR code opens, the
 * scanner that finds a till by camera, typed terminal code or photo, and the resident's own QR code
 * for the shop to scan. The beans only translate between the pages and the ledger's {@code
 * ResidentPayments} and {@code PayTokens}, which hold every rule.
 */
package org.jimoto.web.resident.pay;
