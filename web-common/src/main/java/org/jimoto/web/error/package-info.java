/**
 * The portals' error pages: every error status and uncaught exception answered in the visitor's
 * language, without exception text or server details (#8 finding 8).
 */
package org.jimoto.web.error;
