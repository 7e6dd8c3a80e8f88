/**
 * The server root (/): the way to the three portals and the home of Payara's own endpoints; see
 * web-root's pom for why it exists.
 */
package org.jimoto.web.root;
