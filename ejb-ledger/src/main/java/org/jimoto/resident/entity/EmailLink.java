package org.jimoto.resident.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A link mailed to an address to prove it is the resident's: a sign-up, or a change of a
 * resident's e-mail. Only the SHA-256 of its token is stored. Lifecycle: created, then used once or
 * expired; never reused.
 */
@Entity
@Table(name = "email_link")
@NamedQuery(name = EmailLink.BY_TOKEN, query = "select l from EmailLink l where l.tokenHash = :h")
public class EmailLink {

  public static final String BY_TOKEN = "EmailLink.byToken";

  /** What the link confirms. */
  public enum Purpose {
    SIGN_UP,
    EMAIL_CHANGE
  }

  @Id
  @SequenceGenerator(name = "email_link_seq", sequenceName = "email_link_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "email_link_seq")
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Purpose purpose;

  @Column(name = "token_hash", nullable = false, updatable = false)
  private String tokenHash;

  @Column(nullable = false, updatable = false)
  private String email;

  // Sign-up links before the #10 identity review carried the form's password hash; none do now (the
  // password is chosen on the link's page).
  @Column(name = "password_hash", updatable = false)
  private String passwordHash;

  @Column(name = "preferred_language", updatable = false)
  private String language;

  @Column(name = "terms_version", updatable = false)
  private String termsVersion;

  @Column(name = "resident_id", updatable = false)
  private Long residentId;

  @Column(name = "created_at", nullable = false, updatable = false)
  private LocalDateTime createdAt;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private LocalDateTime expiresAt;

  @Column(name = "used_at")
  private LocalDateTime usedAt;

  protected EmailLink() {}

  public static EmailLink signUp(
      String tokenHash,
      String email,
      String language,
      String termsVersion,
      LocalDateTime now,
      LocalDateTime expiresAt) {
    var l = new EmailLink();
    l.purpose = Purpose.SIGN_UP;
    l.tokenHash = tokenHash;
    l.email = email;
    l.language = language;
    l.termsVersion = termsVersion;
    l.createdAt = now;
    l.expiresAt = expiresAt;
    return l;
  }

  public static EmailLink emailChange(
      String tokenHash, String email, long residentId, LocalDateTime now, LocalDateTime expiresAt) {
    var l = new EmailLink();
    l.purpose = Purpose.EMAIL_CHANGE;
    l.tokenHash = tokenHash;
    l.email = email;
    l.residentId = residentId;
    l.createdAt = now;
    l.expiresAt = expiresAt;
    return l;
  }

  /** Open: not used and not expired. */
  public boolean usable(LocalDateTime now) {
    return usedAt == null && now.isBefore(expiresAt);
  }

  public void use(LocalDateTime now) {
    usedAt = now;
  }

  public Purpose getPurpose() {
    return purpose;
  }

  public String getEmail() {
    return email;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public String getLanguage() {
    return language;
  }

  public String getTermsVersion() {
    return termsVersion;
  }

  public Long getResidentId() {
    return residentId;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }
}
