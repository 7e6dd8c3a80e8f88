/**
 * The city's administration of premium campaigns (#11 item 2): rate and channels, period, the
 * premium's expiry, a budget cap that holds under concurrent charges, and changes that
 * take effect at a stated time as new versions, audit-logged. Only CITY_ADMIN changes; the
 * clerk and the auditor read.
 */
package org.jimoto.campaign;
