package org.jimoto.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** One audited action (監査ログ). Never updated or deleted. */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

  @Id
  @SequenceGenerator(
      name = "audit_event_seq",
      sequenceName = "audit_event_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
  private Long id;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private LocalDateTime occurredAt;

  @Column(updatable = false)
  private String portal;

  @Column(nullable = false, updatable = false)
  private String actor;

  @Column(nullable = false, updatable = false)
  private String action;

  @Column(updatable = false, length = 1000)
  private String detail;

  @Column(updatable = false, length = 500)
  private String reason;

  protected AuditEvent() {}

  public AuditEvent(
      LocalDateTime occurredAt,
      String portal,
      String actor,
      String action,
      String detail,
      String reason) {
    this.occurredAt = occurredAt;
    this.portal = portal;
    this.actor = actor;
    this.action = action;
    this.detail = clip(detail, 1000);
    this.reason = clip(reason, 500);
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  public String getActor() {
    return actor;
  }

  public String getAction() {
    return action;
  }

  public String getDetail() {
    return detail;
  }

  public String getReason() {
    return reason;
  }

  public LocalDateTime getOccurredAt() {
    return occurredAt;
  }
}
