/**
 * Logins of the three portals: accounts, roles, password hashes (Pbkdf2), login throttling and
 * lockout. Each account belongs to exactly one {@link org.jimoto.identity.entity.Portal}; a
 * portal's authentication mechanism only ever asks about its own accounts, so a resident cannot log
 * into the merchant or admin portal.
 */
package org.jimoto.identity;
