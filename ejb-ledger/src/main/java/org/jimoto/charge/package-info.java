/**
 * Charging (チャージ, R-20..R-26): per-channel bounds, premium campaigns, the holding
 * limit, the provider's reference as the charge's idempotency key, and the bonuses paid in
 * another service by the next day.
 */
package org.jimoto.charge;
