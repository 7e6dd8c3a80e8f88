/**
 * The audit log for the auditor (#11 item 5, R-94): filtered by period, staff and action, and
 * exported as CSV. The ledger's {@code AuditTrail} allows it to CITY_AUDITOR and CITY_ADMIN only.
 */
package org.jimoto.web.admin.audit;
