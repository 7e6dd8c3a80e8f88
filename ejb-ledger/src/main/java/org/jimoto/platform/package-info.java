/**
 * Platform plumbing shared by every feature: the application's data source, the Flyway migration
 * that must finish before anything touches the database, readiness health, the platform clock
 * (Asia/Tokyo) and the city profile shown in the portals.
 */
package org.jimoto.platform;
