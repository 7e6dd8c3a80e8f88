/**
 * Payments (決済, R-30..R-35) and their cancellation (取消, R-40..R-44). A payment is one journal entry
 * with one transfer per service it is paid from; every request carries the client's
 * idempotency key, stored under a unique constraint with the money movement.
 */
package org.jimoto.payment;
