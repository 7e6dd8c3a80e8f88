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
 * A terminal (端末 / レジ) of a shop. Its QR token is printed on the store QR that customers scan
 * the token is random so a QR code cannot be guessed from a terminal code.
 */
@Entity
@Table(name = "terminal")
public class Terminal {

  @Id
  @SequenceGenerator(name = "terminal_seq", sequenceName = "terminal_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "terminal_seq")
  private Long id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "shop_id", nullable = false, updatable = false)
  private Shop shop;

  @Column(nullable = false, unique = true, updatable = false)
  private String code;

  @Column(nullable = false)
  private String name;

  @Column(name = "qr_token", nullable = false, unique = true)
  private String qrToken;

  @Column(nullable = false)
  private boolean active;

  @Column(name = "created_at", nullable = false, updatable = false)
  private LocalDateTime createdAt;

  protected Terminal() {}

  public Terminal(Shop shop, String code, String name, String qrToken, LocalDateTime now) {
    this.shop = shop;
    this.code = code;
    this.name = name;
    this.qrToken = qrToken;
    this.active = true;
    this.createdAt = now;
  }

  public Long getId() {
    return id;
  }

  public Shop getShop() {
    return shop;
  }

  public String getCode() {
    return code;
  }

  public String getName() {
    return name;
  }

  public String getQrToken() {
    return qrToken;
  }

  public boolean isActive() {
    return active;
  }
}
