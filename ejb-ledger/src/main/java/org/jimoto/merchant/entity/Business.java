package org.jimoto.merchant.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A merchant business (事業者): owns one or more shops and receives their payouts. */
@Entity
@Table(name = "business")
public class Business {

  @Id
  @SequenceGenerator(name = "business_seq", sequenceName = "business_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "business_seq")
  private Long id;

  @Column(nullable = false, unique = true, updatable = false)
  private String code;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String representative;

  @Column(nullable = false)
  private String email;

  @Column(nullable = false)
  private String phone;

  @Column(nullable = false)
  private String address;

  @Column(name = "created_at", nullable = false, updatable = false)
  private LocalDateTime createdAt;

  protected Business() {}

  public Business(
      String code,
      String name,
      String representative,
      String email,
      String phone,
      String address,
      LocalDateTime now) {
    this.code = code;
    this.name = name;
    this.representative = representative;
    this.email = email;
    this.phone = phone;
    this.address = address;
    this.createdAt = now;
  }

  public Long getId() {
    return id;
  }

  public String getCode() {
    return code;
  }

  public String getName() {
    return name;
  }

  public String getRepresentative() {
    return representative;
  }

  /** The business's registered contact address: where the city sends its logins. */
  public String getEmail() {
    return email;
  }
}
