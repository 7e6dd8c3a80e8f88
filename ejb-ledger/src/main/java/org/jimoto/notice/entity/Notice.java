package org.jimoto.notice.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import org.jimoto.ledger.boundary.LocalizedName;

/**
 * A notice of the city (お知らせ) to residents or merchants, in Japanese and English, shown on their
 * home page from {@code shownFrom} until {@code shownUntil}. Written once; a correction is a new
 * notice; the city may withdraw one (#11 item 6).
 */
@Entity
@Table(name = "notice")
public class Notice {

  @Id
  @SequenceGenerator(name = "notice_seq", sequenceName = "notice_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notice_seq")
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Audience audience;

  @Column(name = "title_ja", nullable = false, updatable = false)
  private String titleJa;

  @Column(name = "title_en", nullable = false, updatable = false)
  private String titleEn;

  @Column(name = "body_ja", nullable = false, updatable = false)
  private String bodyJa;

  @Column(name = "body_en", nullable = false, updatable = false)
  private String bodyEn;

  @Column(name = "shown_from", nullable = false, updatable = false)
  private LocalDateTime shownFrom;

  @Column(name = "shown_until", nullable = false, updatable = false)
  private LocalDateTime shownUntil;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private LocalDateTime createdAt;

  /** Set when the city withdraws the notice (#11 item 6); kept, never deleted. */
  @Column(name = "withdrawn_at")
  private LocalDateTime withdrawnAt;

  @Column(name = "withdrawn_by")
  private String withdrawnBy;

  protected Notice() {}

  public Notice(
      Audience audience,
      LocalizedName title,
      LocalizedName body,
      LocalDateTime shownFrom,
      LocalDateTime shownUntil,
      String createdBy,
      LocalDateTime createdAt) {
    this.audience = audience;
    this.titleJa = title.ja();
    this.titleEn = title.en();
    this.bodyJa = body.ja();
    this.bodyEn = body.en();
    this.shownFrom = shownFrom;
    this.shownUntil = shownUntil;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
  }

  public void withdraw(LocalDateTime now, String actor) {
    this.withdrawnAt = now;
    this.withdrawnBy = actor;
  }

  public LocalDateTime getWithdrawnAt() {
    return withdrawnAt;
  }

  public Long getId() {
    return id;
  }

  public Audience getAudience() {
    return audience;
  }

  public LocalizedName getTitle() {
    return new LocalizedName(titleJa, titleEn);
  }

  public LocalizedName getBody() {
    return new LocalizedName(bodyJa, bodyEn);
  }

  public LocalDateTime getShownFrom() {
    return shownFrom;
  }

  public LocalDateTime getShownUntil() {
    return shownUntil;
  }
}
