/**
 * The public "使えるお店" directory (R-64, #10 item 7): search and filter the shops the city has
 * published, a shop's page with its photos, hours and services. No login; the ledger's {@code
 * ShopDirectory} decides what is listed.
 */
package org.jimoto.web.resident.shops;
