package org.jimoto.merchant.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;
import org.jimoto.service.entity.ValueService;

/**
 * A shop (店舗) of a business: where payments are taken. It accepts a chosen set of services
 * and, if {@code cardAccepted}, card members too.
 */
@Entity
@Table(name = "shop")
public class Shop {

  @Id
  @SequenceGenerator(name = "shop_seq", sequenceName = "shop_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "shop_seq")
  private Long id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  @JoinColumn(name = "business_id", nullable = false, updatable = false)
  private Business business;

  @Column(nullable = false, unique = true, updatable = false)
  private String code;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String address;

  @Column(nullable = false)
  private String phone;

  @Column(name = "card_accepted", nullable = false)
  private boolean cardAccepted;

  /** listed in the public "使えるお店" directory; the city decides, a new shop is not. */
  @Column(nullable = false)
  private boolean published;

  @Column(name = "published_at")
  private LocalDateTime publishedAt;

  // The profile the merchant keeps (#9 item 8); the name above is the Japanese one.
  @Column(name = "name_en")
  private String nameEn;

  @Column(name = "category")
  private String category;

  @Column(name = "hours")
  private String hours;

  @ManyToMany
  @JoinTable(
      name = "shop_accepted_service",
      joinColumns = @JoinColumn(name = "shop_id"),
      inverseJoinColumns = @JoinColumn(name = "service_id"))
  private Set<ValueService> acceptedServices = new HashSet<>();

  @Column(name = "created_at", nullable = false, updatable = false)
  private LocalDateTime createdAt;

  protected Shop() {}

  public Shop(
      Business business,
      String code,
      String name,
      String address,
      String phone,
      boolean cardAccepted,
      Set<ValueService> acceptedServices,
      LocalDateTime now) {
    this.business = business;
    this.code = code;
    this.name = name;
    this.address = address;
    this.phone = phone;
    this.cardAccepted = cardAccepted;
    this.acceptedServices = new HashSet<>(acceptedServices);
    this.published = false; // listed once the city publishes it
    this.createdAt = now;
  }

  public Long getId() {
    return id;
  }

  /**
   * The merchant's own description of the shop; card acceptance and services stay the city's (R-01,
   * The values are checked by the ledger's {@code ShopProfiles} first.
   */
  public void describe(
      String name,
      String nameEn,
      ShopCategory category,
      String address,
      String phone,
      String hours) {
    this.name = name;
    this.nameEn = nameEn;
    this.category = category == null ? null : category.name();
    this.address = address;
    this.phone = phone;
    this.hours = hours;
  }

  public String getNameEn() {
    return nameEn;
  }

  /** Null until the merchant chose one (or for a category this version no longer knows). */
  public ShopCategory getCategory() {
    return ShopCategory.of(category).orElse(null);
  }

  public String getAddress() {
    return address;
  }

  public String getPhone() {
    return phone;
  }

  public String getHours() {
    return hours;
  }

  public Business getBusiness() {
    return business;
  }

  public String getCode() {
    return code;
  }

  public String getName() {
    return name;
  }

  public boolean isCardAccepted() {
    return cardAccepted;
  }

  public boolean isPublished() {
    return published;
  }

  /** the city lists the shop in the public directory (again). */
  public void publish(LocalDateTime now) {
    this.published = true;
    this.publishedAt = now;
  }

  /** the city takes the shop out of the public directory; its photos stop being served. */
  public void withdraw() {
    this.published = false;
  }

  public boolean accepts(ValueService service) {
    return acceptedServices.contains(service);
  }

  public Set<ValueService> getAcceptedServices() {
    return Set.copyOf(acceptedServices);
  }
}
