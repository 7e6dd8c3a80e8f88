package org.jimoto.resident.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** One identity-proofing attempt and its outcome; never changed. */
@Entity
@Table(name = "identity_check")
public class IdentityCheck {

  @Id
  @SequenceGenerator(
      name = "identity_check_seq",
      sequenceName = "identity_check_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "identity_check_seq")
  private Long id;

  @Column(name = "resident_id", nullable = false, updatable = false)
  private long residentId;

  @Column(nullable = false, updatable = false)
  private String method;

  @Column(nullable = false, updatable = false)
  private String outcome;

  @Column(name = "created_at", nullable = false, updatable = false)
  private LocalDateTime createdAt;

  protected IdentityCheck() {}

  public IdentityCheck(long residentId, String method, String outcome, LocalDateTime createdAt) {
    this.residentId = residentId;
    this.method = method;
    this.outcome = outcome;
    this.createdAt = createdAt;
  }
}
