package org.jimoto.notification.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * A mail in the outbox. Lifecycle: queued in the transaction that decided to send it; then either
 * sent (once, {@code sentAt} set) or, each time the SMTP server does not take it, tried again later
 * with a growing pause. Never deleted by the application: what was acknowledged to a resident ("we
 * sent you a link") is never lost.
 */
@Entity
@Table(name = "mail_outbox")
public class OutboxMail {

  private static final Duration FIRST_RETRY = Duration.ofSeconds(15);
  private static final Duration MAX_RETRY = Duration.ofHours(1);

  @Id
  @SequenceGenerator(
      name = "mail_outbox_seq",
      sequenceName = "mail_outbox_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mail_outbox_seq")
  private Long id;

  @Column(nullable = false, updatable = false)
  private String recipient;

  @Column(nullable = false, updatable = false)
  private String subject;

  @Column(nullable = false)
  private String body;

  /** The body holds a secret (a temporary password, a link's token): kept only until delivered. */
  @Column(nullable = false, updatable = false)
  private boolean secret;

  @Column(name = "created_at", nullable = false, updatable = false)
  private LocalDateTime createdAt;

  @Column(name = "sent_at")
  private LocalDateTime sentAt;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  private LocalDateTime nextAttemptAt;

  @Column(name = "last_error")
  private String lastError;

  protected OutboxMail() {}

  public OutboxMail(String recipient, String subject, String body, LocalDateTime now) {
    this(recipient, subject, body, false, now);
  }

  public OutboxMail(
      String recipient, String subject, String body, boolean secret, LocalDateTime now) {
    this.secret = secret;
    this.recipient = recipient;
    this.subject = subject;
    this.body = body;
    this.createdAt = now;
    this.nextAttemptAt = now;
  }

  /** What a secret mail's body becomes once it is delivered or stale (#11 review finding 1). */
  public static final String PURGED =
      "(removed after delivery: it held a password or a one-time link)";

  public void sent(LocalDateTime now) {
    attempts++;
    sentAt = now;
    lastError = null;
    if (secret) {
      body = PURGED; // the person has it now; the outbox keeps no working secret
    }
  }

  /** Not taken: tried again after 15 s, doubling, at most an hour. */
  public void failed(String error, LocalDateTime now) {
    attempts++;
    long factor = 1L << Math.min(attempts - 1, 20);
    Duration pause = FIRST_RETRY.multipliedBy(factor);
    nextAttemptAt = now.plus(pause.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause);
    lastError = error == null ? "?" : error.substring(0, Math.min(error.length(), 500));
  }

  public Long getId() {
    return id;
  }

  public String getRecipient() {
    return recipient;
  }

  public String getSubject() {
    return subject;
  }

  public String getBody() {
    return body;
  }

  public boolean isSecret() {
    return secret;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }

  public LocalDateTime getSentAt() {
    return sentAt;
  }

  public int getAttempts() {
    return attempts;
  }

  public LocalDateTime getNextAttemptAt() {
    return nextAttemptAt;
  }

  public String getLastError() {
    return lastError;
  }
}
