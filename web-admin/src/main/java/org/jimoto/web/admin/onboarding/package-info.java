/**
 * The city's review of merchant applications (#11 item 1, R-60..R-64): the queue by status, one
 * application, and the decisions (CITY_ADMIN; CITY_AUDITOR reads; the ledger enforces both).
 */
package org.jimoto.web.admin.onboarding;
