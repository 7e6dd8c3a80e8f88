/**
 * Card members (R-84, R-85, #10 item 8): the public balance inquiry (/card.xhtml) and an app
 * member's move of their own card into the app (/app/card-move.xhtml). The ledger's {@code
 * CardInquiries} and {@code CardMigrations} decide; these beans only translate.
 */
package org.jimoto.web.resident.card;
