package org.jimoto.web.admin.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The city's machine API ({@code /admin/api}), for operations scripts and monitoring. Callers
 * authenticate with an admin-portal login over HTTP Basic (same accounts, roles and lockout).
 */
@ApplicationPath("/api")
public class AdminApi extends Application {}
