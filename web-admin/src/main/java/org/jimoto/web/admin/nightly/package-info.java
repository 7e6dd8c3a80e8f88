/**
 * #12 item 7: the nightly jobs' page ({@code /app/nightly.xhtml}): the recent runs of the expiry
 * and bonus jobs with their progress and figures; the administrator starts today's
 * run. The ledger ({@code org.jimoto.nightly.boundary.NightlyJobs}) checks the roles and keeps the
 * once-per-day claim.
 */
package org.jimoto.web.admin.nightly;
