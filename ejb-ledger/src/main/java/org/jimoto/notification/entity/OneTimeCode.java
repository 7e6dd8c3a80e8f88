package org.jimoto.notification.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;
import org.jimoto.notification.boundary.CodePurpose;

/**
 * The live one-time code of one purpose and subject (a resident, a card). Lifecycle: issued (a new
 * issue replaces code, expiry and tries, and counts a send in the current hour), then either used
 * once, expired, or spent by too many wrong tries. The code itself is never stored: a salted
 * SHA-256 of it is.
 */
@Entity
@Table(name = "one_time_code")
@IdClass(OneTimeCode.Key.class)
public class OneTimeCode {

  /** The primary key: purpose and subject. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private CodePurpose purpose;
    private String subject;

    public Key() {}

    public Key(CodePurpose purpose, String subject) {
      this.purpose = purpose;
      this.subject = subject;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.purpose == purpose && Objects.equals(k.subject, subject);
    }

    @Override
    public int hashCode() {
      return Objects.hash(purpose, subject);
    }
  }

  @Id
  @Enumerated(EnumType.STRING)
  private CodePurpose purpose;

  @Id private String subject;

  @Column(nullable = false)
  private String phone;

  @Column(name = "code_salt", nullable = false)
  private String codeSalt;

  @Column(name = "code_hash", nullable = false)
  private String codeHash;

  @Column(name = "issued_at", nullable = false)
  private LocalDateTime issuedAt;

  @Column(name = "expires_at", nullable = false)
  private LocalDateTime expiresAt;

  @Column(name = "failed_tries", nullable = false)
  private int failedTries;

  @Column(name = "used_at")
  private LocalDateTime usedAt;

  @Column(name = "sends_in_window", nullable = false)
  private int sendsInWindow;

  @Column(name = "window_started_at", nullable = false)
  private LocalDateTime windowStartedAt;

  protected OneTimeCode() {}

  public OneTimeCode(CodePurpose purpose, String subject, LocalDateTime now) {
    this.purpose = Objects.requireNonNull(purpose);
    this.subject = Objects.requireNonNull(subject);
    this.windowStartedAt = now;
  }

  /** A new code replaces the old one: new hash, expiry and tries; one more send this hour. */
  public void reissue(
      String phone, String salt, String hash, LocalDateTime now, Duration validity) {
    this.phone = phone;
    this.codeSalt = salt;
    this.codeHash = hash;
    this.issuedAt = now;
    this.expiresAt = now.plus(validity);
    this.failedTries = 0;
    this.usedAt = null;
    if (!now.isBefore(windowStartedAt.plusHours(1))) {
      windowStartedAt = now;
      sendsInWindow = 0;
    }
    sendsInWindow++;
  }

  /** Sends counted in the hour that started at {@link #getWindowStartedAt()}, as of {@code now}. */
  public int sendsThisHour(LocalDateTime now) {
    return now.isBefore(windowStartedAt.plusHours(1)) ? sendsInWindow : 0;
  }

  public void failedTry() {
    failedTries++;
  }

  /**
   * The right code was typed: it is spent, and the send limits start again (they bound the guesses
   * of someone who does not receive the codes; whoever typed this one does).
   */
  public void use(LocalDateTime now) {
    usedAt = now;
    sendsInWindow = 0;
    windowStartedAt = now;
  }

  public String getPhone() {
    return phone;
  }

  public String getCodeSalt() {
    return codeSalt;
  }

  public String getCodeHash() {
    return codeHash;
  }

  /** Null before the first issue. */
  public LocalDateTime getIssuedAt() {
    return issuedAt;
  }

  public LocalDateTime getExpiresAt() {
    return expiresAt;
  }

  public int getFailedTries() {
    return failedTries;
  }

  public LocalDateTime getUsedAt() {
    return usedAt;
  }

  public LocalDateTime getWindowStartedAt() {
    return windowStartedAt;
  }
}
