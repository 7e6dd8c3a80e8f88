/**
 * The city window's screens (#11 items 3 and 5): serving a card holder (balance, cash charge,
 * phone, lost card and its replacement, move into the app), issuing a card with its printable
 * codes, and the resident lookup. The beans only translate: every rule, role check and audit record
 * is the ledger's ({@code org.jimoto.window.boundary}).
 */
package org.jimoto.web.admin.window;
