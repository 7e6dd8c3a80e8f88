package org.jimoto.identity.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.control.IssuedPasswords;
import org.jimoto.identity.entity.Portal;
import org.jimoto.identity.entity.Role;
import org.jimoto.identity.entity.UserAccount;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;

/**
 * The city's staff accounts (#11 item 7), the administrator's only: create one with its roles,
 * reset its password, change its roles, disable or enable it. A password the city issues is random
 * (IssuedPasswords), shown once, and temporary: the first login must change it, under the same
 * rules as merchants'. An administrator cannot disable themself, and the last enabled
 * administrator can be neither disabled nor lose the role: the enabled administrators' rows are
 * locked first, so two administrators disabling each other at once leave one. Audited.
 */
@Stateless
@DeclareRoles("CITY_ADMIN")
@RolesAllowed("CITY_ADMIN")
public class StaffAccounts {

  private static final Pattern LOGIN = Pattern.compile("[a-z0-9._@-]{3,64}");

  /** A staff account as the admin screen lists it. */
  public record StaffView(
      String loginName,
      String displayName,
      String email,
      Set<Role> roles,
      boolean enabled,
      boolean mustChangePassword,
      LocalDateTime lastLoginAt) {}

  /** A new or reset account with its temporary password, to hand to the person once. */
  public record Issued(String loginName, String temporaryPassword) {}

  @PersistenceContext EntityManager em;
  @Inject PasswordHasher hasher;
  @Inject IssuedPasswords passwords;
  @Inject Clock clock;
  @Inject AuditLog audit;
  @Resource SessionContext caller;

  public List<StaffView> list() {
    return em
        .createQuery(
            "select u from UserAccount u where u.portal = :p order by u.loginName",
            UserAccount.class)
        .setParameter("p", Portal.ADMIN)
        .setMaxResults(500)
        .getResultList()
        .stream()
        .map(
            u ->
                new StaffView(
                    u.getLoginName(),
                    u.getDisplayName(),
                    u.getEmail(),
                    u.getRoles(),
                    u.isEnabled(),
                    u.isMustChangePassword(),
                    u.getLastLoginAt()))
        .toList();
  }

  public Issued create(String loginName, String displayName, String email, Set<Role> roles) {
    String login = LoginService.normalize(loginName);
    if (!LOGIN.matcher(login).matches()) {
      throw new RefusedException(Refusal.LOGIN_NAME_INVALID);
    }
    if (displayName == null || displayName.isBlank()) {
      throw new RefusedException(Refusal.TEXT_MISSING, new LocalizedName("氏名", "name"));
    }
    Set<Role> staff = staffRoles(roles);
    if (find(login) != null) {
      throw new RefusedException(Refusal.LOGIN_NAME_TAKEN, login);
    }
    String password = IssuedPasswords.temporary(login, displayName);
    var account =
        new UserAccount(
                Portal.ADMIN,
                login,
                displayName.strip(),
                email == null || email.isBlank() ? null : email.strip(),
                hasher.hash(password.toCharArray()),
                staff,
                LocalDateTime.now(clock))
            .requirePasswordChange();
    em.persist(account);
    em.flush();
    audit.record(Portal.ADMIN, actor(), "STAFF_CREATED", login + " " + staff, null);
    return new Issued(login, password);
  }

  /**
   * A new temporary password; the old one stops working now, a lockout is lifted (R-62: changed at
   * next login). The same machinery as a merchant's reissued credentials (IssuedPasswords).
   */
  public Issued resetPassword(String loginName, String reason) {
    requireReason(reason);
    UserAccount a = require(loginName);
    String password = passwords.reissue(a, LocalDateTime.now(clock));
    audit.record(Portal.ADMIN, actor(), "STAFF_PASSWORD_RESET", a.getLoginName(), reason);
    return new Issued(a.getLoginName(), password);
  }

  public void setRoles(String loginName, Set<Role> roles, String reason) {
    requireReason(reason);
    Set<Role> staff = staffRoles(roles);
    lockAdmins();
    UserAccount a = require(loginName);
    if (!staff.contains(Role.CITY_ADMIN) && isEnabledAdmin(a)) {
      requireAnotherAdmin(a);
    }
    a.setRoles(staff);
    audit.record(Portal.ADMIN, actor(), "STAFF_ROLES", a.getLoginName() + " " + staff, reason);
  }

  /** Disables or enables; a disabled login's sessions end at their next request (#8). */
  public void setEnabled(String loginName, boolean enabled, String reason) {
    requireReason(reason);
    lockAdmins();
    UserAccount a = require(loginName);
    if (!enabled) {
      if (a.getLoginName().equals(LoginService.normalize(actor()))) {
        throw new RefusedException(Refusal.CANNOT_DISABLE_SELF);
      }
      if (isEnabledAdmin(a)) {
        requireAnotherAdmin(a);
      }
    }
    a.setEnabled(enabled);
    audit.record(
        Portal.ADMIN,
        actor(),
        enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED",
        Portal.ADMIN + " " + a.getLoginName(),
        reason);
  }

  private static boolean isEnabledAdmin(UserAccount a) {
    return a.isEnabled() && a.getRoles().contains(Role.CITY_ADMIN);
  }

  /** Locks every enabled administrator's row, so the count below holds until commit. */
  private List<UserAccount> lockAdmins() {
    return em.createQuery(
            "select u from UserAccount u where u.portal = :p and u.enabled = true"
                + " and :admin member of u.roles order by u.id",
            UserAccount.class)
        .setParameter("p", Portal.ADMIN)
        .setParameter("admin", Role.CITY_ADMIN)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }

  private void requireAnotherAdmin(UserAccount a) {
    boolean another =
        lockAdmins().stream().anyMatch(u -> !u.getId().equals(a.getId()) && isEnabledAdmin(u));
    if (!another) {
      throw new RefusedException(Refusal.LAST_ADMIN);
    }
  }

  private static Set<Role> staffRoles(Set<Role> roles) {
    if (roles == null || roles.isEmpty()) {
      throw new RefusedException(Refusal.ROLE_MISSING);
    }
    Set<Role> staff = EnumSet.copyOf(roles);
    staff.retainAll(Portal.ADMIN.roles());
    if (staff.isEmpty()) {
      throw new RefusedException(Refusal.ROLE_MISSING);
    }
    return staff;
  }

  private UserAccount require(String loginName) {
    UserAccount a = find(LoginService.normalize(loginName));
    if (a == null) {
      throw new RefusedException(Refusal.STAFF_UNKNOWN);
    }
    return a;
  }

  private UserAccount find(String login) {
    return em.createNamedQuery(UserAccount.BY_LOGIN, UserAccount.class)
        .setParameter("portal", Portal.ADMIN)
        .setParameter("loginName", login)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  private static void requireReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw new RefusedException(Refusal.REASON_MISSING);
    }
  }

  private String actor() {
    return caller.getCallerPrincipal().getName();
  }
}
