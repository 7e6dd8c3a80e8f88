package org.jimoto.notice.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.jimoto.ledger.boundary.LocalizedName;

/**
 * A maintenance window: from {@code startsAt} until {@code endsAt} payments and charges are
 * refused with its message. It is announced at {@code announcedAt}, before it starts (by at least
 * {@code MaintenanceWindows.MIN_LEAD}, so that every node's snapshot knows it when it starts); the
 * banner of every portal shows it from then on.
 */
@Entity
@Table(name = "maintenance_window")
public class MaintenanceWindow {

  @Id
  @SequenceGenerator(
      name = "maintenance_window_seq",
      sequenceName = "maintenance_window_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "maintenance_window_seq")
  private Long id;

  @Column(name = "starts_at", nullable = false, updatable = false)
  private LocalDateTime startsAt;

  @Column(name = "ends_at", nullable = false, updatable = false)
  private LocalDateTime endsAt;

  @Column(name = "message_ja", nullable = false, updatable = false)
  private String messageJa;

  @Column(name = "message_en", nullable = false, updatable = false)
  private String messageEn;

  /** The city's own note (not shown to residents or merchants). */
  @Column(name = "note")
  private String note;

  @Column(name = "announced_at", nullable = false, updatable = false)
  private LocalDateTime announcedAt;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  /** Set when the city calls the window off (#11 item 6); a cancelled window stops nothing. */
  @Column(name = "cancelled_at")
  private LocalDateTime cancelledAt;

  @Column(name = "cancelled_by")
  private String cancelledBy;

  protected MaintenanceWindow() {}

  public MaintenanceWindow(
      LocalDateTime startsAt,
      LocalDateTime endsAt,
      LocalizedName message,
      String note,
      LocalDateTime announcedAt,
      String createdBy) {
    this.startsAt = startsAt;
    this.endsAt = endsAt;
    this.messageJa = message.ja();
    this.messageEn = message.en();
    this.note = note;
    this.announcedAt = announcedAt;
    this.createdBy = createdBy;
  }

  public Long getId() {
    return id;
  }

  public LocalDateTime getStartsAt() {
    return startsAt;
  }

  public LocalDateTime getEndsAt() {
    return endsAt;
  }

  public LocalizedName getMessage() {
    return new LocalizedName(messageJa, messageEn);
  }

  public void cancel(LocalDateTime now, String actor) {
    this.cancelledAt = now;
    this.cancelledBy = actor;
  }

  public LocalDateTime getCancelledAt() {
    return cancelledAt;
  }

  public LocalDateTime getAnnouncedAt() {
    return announcedAt;
  }
}
