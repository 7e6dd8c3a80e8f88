/**
 * Demo data for trying the product: a fictional city (若葉川市) with its three services, a business
 * with two shops and three terminals, residents and staff in every role. Loaded once, only when
 * {@code jimoto.demo-data.enabled=true}, and only into a database that holds no data at all.
 */
package org.jimoto.demo;
