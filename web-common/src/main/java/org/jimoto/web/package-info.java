/**
 * Interfaces layer shared by the three portals. Faces beans here call {@code ejb-ledger} boundaries
 * and hold no business rules.
 */
package org.jimoto.web;
