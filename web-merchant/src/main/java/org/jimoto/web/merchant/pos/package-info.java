/**
 * The POS REST API (JAX-RS, {@code /merchant/api/v1}): terminals take, read, list and cancel
 * payments. Terminals authenticate with their own API credential (HTTP Basic: terminal code and
 * secret); every payment request carries an {@code Idempotency-Key}. Errors are {@code
 * application/problem+json} with a stable {@code code} per refusal and the message in Japanese and
 * English. This layer only translates HTTP to the ledger's boundaries.
 */
package org.jimoto.web.merchant.pos;
