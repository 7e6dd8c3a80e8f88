/**
 * The city window (市役所窓口, #11 items 3 and 5): what a clerk does for a card holder — issue a card
 * after an identity document check, register the phone for the SMS codes, take cash
 * for a charge in 1,000-yen units, show the balance, help move a card into the app
 * stop a lost card and move its frozen balance to a replacement — and the resident lookup.
 * Every change is for {@code CITY_CLERK} and {@code CITY_ADMIN} only, every read also for {@code
 * CITY_AUDITOR}, enforced here with {@code @RolesAllowed}; every view of personal data and every
 * action on money is audit-logged with the staff member, the time and the reason, in the
 * same transaction.
 */
package org.jimoto.window.boundary;
