/**
 * Grants (付与): points the city gives residents for volunteering, events or campaigns, with a fixed
 * expiry, and their cancellation while unused (付与取消). Every grant and cancellation is
 * audit-logged with who, when, what and why.
 */
package org.jimoto.grant;
