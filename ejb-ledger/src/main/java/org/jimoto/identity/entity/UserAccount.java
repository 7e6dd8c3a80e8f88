package org.jimoto.identity.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A login of one portal (ログインアカウント).
 *
 * <p>Invariants: its roles all belong to its portal; the password is only ever stored as a Pbkdf2
 * hash. Wrong passwords are throttled in memory ({@code LoginThrottle}); the database keeps only
 * the count since the last success.
 */
@Entity
@Table(name = "user_account")
@NamedQuery(
    name = UserAccount.BY_LOGIN,
    query = "select u from UserAccount u where u.portal = :portal and u.loginName = :loginName")
public class UserAccount {

  public static final String BY_LOGIN = "UserAccount.byLogin";

  @Id
  @SequenceGenerator(
      name = "user_account_seq",
      sequenceName = "user_account_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "user_account_seq")
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Portal portal;

  @Column(name = "login_name", nullable = false, updatable = false)
  private String loginName;

  @Column(name = "display_name", nullable = false)
  private String displayName;

  private String email;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Column(name = "password_changed_at", nullable = false)
  private LocalDateTime passwordChangedAt;

  @Column(name = "must_change_password", nullable = false)
  private boolean mustChangePassword;

  @Column(nullable = false)
  private boolean enabled = true;

  @Column(name = "failed_login_count", nullable = false)
  private int failedLoginCount;

  @Column(name = "last_login_at")
  private LocalDateTime lastLoginAt;

  @Column(name = "previous_login_at")
  private LocalDateTime previousLoginAt;

  @Column(name = "resident_id")
  private Long residentId;

  @Column(name = "business_id")
  private Long businessId;

  @Column(name = "shop_id")
  private Long shopId;

  @Column(name = "created_at", nullable = false, updatable = false)
  private LocalDateTime createdAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_role", joinColumns = @JoinColumn(name = "user_id"))
  @Column(name = "role", nullable = false)
  @Enumerated(EnumType.STRING)
  private Set<Role> roles = EnumSet.noneOf(Role.class);

  @Version private long version;

  protected UserAccount() {}

  public UserAccount(
      Portal portal,
      String loginName,
      String displayName,
      String email,
      String passwordHash,
      Set<Role> roles,
      LocalDateTime now) {
    this.portal = Objects.requireNonNull(portal);
    this.loginName = Objects.requireNonNull(loginName);
    this.displayName = Objects.requireNonNull(displayName);
    this.email = email;
    this.passwordHash = Objects.requireNonNull(passwordHash);
    if (roles.isEmpty() || !portal.roles().containsAll(roles)) {
      throw new IllegalArgumentException("roles " + roles + " do not belong to portal " + portal);
    }
    this.roles = EnumSet.copyOf(roles);
    this.passwordChangedAt = now;
    this.createdAt = now;
  }

  /** Scopes a resident login to its resident record. */
  public UserAccount forResident(long residentId) {
    this.residentId = residentId;
    return this;
  }

  /** Scopes a merchant login to its business, and for a shop account to its shop. */
  public UserAccount forMerchant(long businessId, Long shopId) {
    this.businessId = businessId;
    this.shopId = shopId;
    return this;
  }

  /** the first login of an issued account must set a new password. */
  public UserAccount requirePasswordChange() {
    this.mustChangePassword = true;
    return this;
  }

  /**
   * A new password (already checked against the policy and hashed); clears R-62's first-login flag.
   */
  public void changePassword(String newHash, LocalDateTime now) {
    this.passwordHash = Objects.requireNonNull(newHash);
    this.passwordChangedAt = now;
    this.mustChangePassword = false;
  }

  /**
   * A password the city issues (#11 item 7: a new staff account or a reset): temporary, so the next
   * login must change it.
   */
  public void issuePassword(String newHash, LocalDateTime now) {
    this.passwordHash = Objects.requireNonNull(newHash);
    this.passwordChangedAt = now;
    this.mustChangePassword = true;
  }

  /** The city issued a new password: failures with the old one no longer count (#11, R-62). */
  public void clearFailedLogins() {
    this.failedLoginCount = 0;
  }

  /** New roles, all of this login's portal (the invariant above). */
  public void setRoles(Set<Role> roles) {
    if (roles.isEmpty() || !portal.roles().containsAll(roles)) {
      throw new IllegalArgumentException("roles " + roles + " do not belong to portal " + portal);
    }
    this.roles = EnumSet.copyOf(roles);
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Long getId() {
    return id;
  }

  public Portal getPortal() {
    return portal;
  }

  public String getLoginName() {
    return loginName;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getEmail() {
    return email;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public LocalDateTime getPasswordChangedAt() {
    return passwordChangedAt;
  }

  public boolean isMustChangePassword() {
    return mustChangePassword;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public int getFailedLoginCount() {
    return failedLoginCount;
  }

  public LocalDateTime getLastLoginAt() {
    return lastLoginAt;
  }

  /** The login before the current one; null on the first login. */
  public LocalDateTime getPreviousLoginAt() {
    return previousLoginAt;
  }

  public Long getResidentId() {
    return residentId;
  }

  public Long getBusinessId() {
    return businessId;
  }

  public Long getShopId() {
    return shopId;
  }

  public Set<Role> getRoles() {
    return EnumSet.copyOf(roles);
  }
}
