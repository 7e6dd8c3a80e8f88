package org.jimoto.demo.boundary;

import java.util.Set;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;

/** One demo login, as printed for the person trying the product. */
public record DemoLogin(Portal portal, String loginName, Set<Role> roles, String who) {}
