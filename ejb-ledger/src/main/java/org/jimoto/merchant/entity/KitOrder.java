package org.jimoto.merchant.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * An order for more of a shop's merchant kit: flags (のぼり), QR stands and stickers, with a
 * note for the city. Written once by the merchant login that ordered it and never changed; the
 * quantities are checked by {@code KitOrders} before it is made (and bounded by the table too).
 */
@Entity
@Table(name = "kit_order")
public class KitOrder {

  @Id
  @SequenceGenerator(name = "kit_order_seq", sequenceName = "kit_order_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "kit_order_seq")
  private Long id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "shop_id", nullable = false, updatable = false)
  private Shop shop;

  @Column(nullable = false, updatable = false)
  private int flags;

  @Column(name = "qr_stands", nullable = false, updatable = false)
  private int qrStands;

  @Column(nullable = false, updatable = false)
  private int stickers;

  @Column(updatable = false, length = 500)
  private String note;

  @Column(name = "ordered_by", nullable = false, updatable = false)
  private String orderedBy;

  @Column(name = "ordered_at", nullable = false, updatable = false)
  private LocalDateTime orderedAt;

  protected KitOrder() {}

  public KitOrder(
      Shop shop,
      int flags,
      int qrStands,
      int stickers,
      String note,
      String orderedBy,
      LocalDateTime orderedAt) {
    this.shop = shop;
    this.flags = flags;
    this.qrStands = qrStands;
    this.stickers = stickers;
    this.note = note;
    this.orderedBy = orderedBy;
    this.orderedAt = orderedAt;
  }

  public Long getId() {
    return id;
  }

  public Shop getShop() {
    return shop;
  }

  public int getFlags() {
    return flags;
  }

  public int getQrStands() {
    return qrStands;
  }

  public int getStickers() {
    return stickers;
  }

  public String getNote() {
    return note;
  }

  public String getOrderedBy() {
    return orderedBy;
  }

  public LocalDateTime getOrderedAt() {
    return orderedAt;
  }
}
