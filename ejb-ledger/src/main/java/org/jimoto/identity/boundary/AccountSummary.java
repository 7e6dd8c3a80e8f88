package org.jimoto.identity.boundary;

import java.time.LocalDateTime;
import java.util.Set;
import org.jimoto.identity.entity.Role;

/**
 * Read-only view of a login for the portals.
 *
 * @param previousLoginAt the login before the current session's; null on a first login
 */
public record AccountSummary(
    String loginName,
    String displayName,
    Set<Role> roles,
    LocalDateTime previousLoginAt,
    LocalDateTime passwordChangedAt) {}
