package org.jimoto.merchant.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A photo of a shop, as the ledger re-encoded it after checking it ({@code PhotoCheck}). Lists read
 * its other columns only; the content is read when the photo itself is served.
 */
@Entity
@Table(name = "shop_photo")
public class ShopPhoto {

  @Id
  @SequenceGenerator(name = "shop_photo_seq", sequenceName = "shop_photo_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shop_photo_seq")
  private Long id;

  @Column(name = "shop_id", nullable = false, updatable = false)
  private long shopId;

  @Column(name = "content_type", nullable = false, updatable = false)
  private String contentType;

  @Column(name = "width_px", nullable = false, updatable = false)
  private int widthPx;

  @Column(name = "height_px", nullable = false, updatable = false)
  private int heightPx;

  @Column(name = "size_bytes", nullable = false, updatable = false)
  private int sizeBytes;

  @Column(nullable = false, updatable = false)
  private String sha256;

  @Column(nullable = false, updatable = false)
  private byte[] content;

  @Column(name = "created_at", nullable = false, updatable = false)
  private LocalDateTime createdAt;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  protected ShopPhoto() {}

  public ShopPhoto(
      long shopId,
      String contentType,
      byte[] content,
      int widthPx,
      int heightPx,
      String sha256,
      String createdBy,
      LocalDateTime now) {
    this.shopId = shopId;
    this.contentType = contentType;
    this.content = content.clone();
    this.sizeBytes = content.length;
    this.widthPx = widthPx;
    this.heightPx = heightPx;
    this.sha256 = sha256;
    this.createdBy = createdBy;
    this.createdAt = now;
  }

  public Long getId() {
    return id;
  }

  public long getShopId() {
    return shopId;
  }

  public String getContentType() {
    return contentType;
  }

  public byte[] getContent() {
    return content.clone();
  }

  public int getSizeBytes() {
    return sizeBytes;
  }

  public String getSha256() {
    return sha256;
  }
}
