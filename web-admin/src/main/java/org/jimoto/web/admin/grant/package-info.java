/**
 * The admin portal's grants (#11 item 4, R-12, R-83): one resident by member code, or a CSV file
 * previewed row by row before anything is granted. The rules and the role check are the ledger's
 * ({@code CityGrants}); these beans only translate.
 */
package org.jimoto.web.admin.grant;
