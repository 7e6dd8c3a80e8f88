package org.jimoto.service.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * A value service (サービス) of the deployment, e.g. the city's money, its points or its gift
 * certificates. Expiry, limits and settlement schedule are added with the ledger.
 */
@Entity
@Table(name = "value_service")
public class ValueService {

  @Id
  @SequenceGenerator(
      name = "value_service_seq",
      sequenceName = "value_service_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "value_service_seq")
  private Long id;

  @Column(nullable = false, unique = true, updatable = false)
  private String code;

  @Column(name = "service_type", nullable = false, updatable = false)
  private ServiceType type;

  @Column(name = "name_ja", nullable = false)
  private String nameJa;

  @Column(name = "name_en", nullable = false)
  private String nameEn;

  @Column(name = "unit_ja", nullable = false)
  private String unitJa;

  @Column(name = "unit_en", nullable = false)
  private String unitEn;

  /** whether card members can use this service at card-accepting shops. */
  @Column(name = "card_usable", nullable = false)
  private boolean cardUsable;

  /** the most a wallet of this service may hold; null = no limit. */
  @Column(name = "holding_limit_yen")
  private Long holdingLimitYen;

  @Column(name = "max_payment_yen", nullable = false)
  private long maxPaymentYen = 1_000_000;

  /** years the charged part stays valid; null for services that are not charged. */
  @Column(name = "charged_valid_years")
  private Integer chargedValidYears;

  @Column(nullable = false)
  private boolean chargeable;

  @Column(name = "created_at", nullable = false, updatable = false)
  private LocalDateTime createdAt;

  protected ValueService() {}

  public ValueService(
      String code,
      ServiceType type,
      String nameJa,
      String nameEn,
      String unitJa,
      String unitEn,
      boolean cardUsable,
      LocalDateTime now) {
    this.code = code;
    this.type = type;
    this.nameJa = nameJa;
    this.nameEn = nameEn;
    this.unitJa = unitJa;
    this.unitEn = unitEn;
    this.cardUsable = cardUsable;
    this.createdAt = now;
  }

  /** Makes the service chargeable (money): charged part valid for the given years. */
  public ValueService chargeable(int validYears, Long holdingLimitYen) {
    this.chargeable = true;
    this.chargedValidYears = validYears;
    this.holdingLimitYen = holdingLimitYen;
    return this;
  }

  public ValueService maxPayment(long maxPaymentYen) {
    this.maxPaymentYen = maxPaymentYen;
    return this;
  }

  public Long getHoldingLimitYen() {
    return holdingLimitYen;
  }

  public long getMaxPaymentYen() {
    return maxPaymentYen;
  }

  public boolean isChargeable() {
    return chargeable;
  }

  public Long getId() {
    return id;
  }

  public String getCode() {
    return code;
  }

  public ServiceType getType() {
    return type;
  }

  public String getNameJa() {
    return nameJa;
  }

  public String getNameEn() {
    return nameEn;
  }

  public String getUnitJa() {
    return unitJa;
  }

  public String getUnitEn() {
    return unitEn;
  }

  public boolean isCardUsable() {
    return cardUsable;
  }
}
