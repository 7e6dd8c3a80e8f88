/**
 * The register screen for the till (#9 item 3, R-31) and its live feed of the shop's payments
 * {@link org.jimoto.web.merchant.register.RegisterBean} translates the page to the ledger's
 * {@code RegisterPayments}, which checks every terminal against the login's shops and takes
 * payments through {@code PaymentService} with its idempotency; {@link
 * org.jimoto.web.merchant.register.LiveFeed} pushes "a payment arrived" to the shop's screens over
 * a Faces websocket when the ledger announces one after commit. The page's script (resources {@code
 * register/register.js}) drives the camera (html5-qrcode from its WebJar, which uses the browser's
 * BarcodeDetector where there is one), a USB scanner typing into the payer field, and the chime
 * ({@code register/chime.wav}).
 */
package org.jimoto.web.merchant.register;
