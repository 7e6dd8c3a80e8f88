package org.jimoto.resident.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A resident (利用者) holding balances. Invariant: an app member has no card; a card member has
 * exactly one 8-digit member code with a valid check digit ({@link CardCode}), and the card can be
 * disabled but never reassigned.
 */
@Entity
@Table(name = "resident")
public class Resident {

  @Id
  @SequenceGenerator(name = "resident_seq", sequenceName = "resident_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "resident_seq")
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Membership membership;

  @Column(nullable = false)
  private String name;

  @Column(name = "name_kana", nullable = false)
  private String nameKana;

  @Column(name = "birth_date", nullable = false)
  private LocalDate birthDate;

  @Column(nullable = false)
  private String address;

  private String email;
  private String phone;

  @Column(name = "card_member_code", unique = true, updatable = false)
  private String cardMemberCode;

  @Column(name = "card_enabled")
  private Boolean cardEnabled;

  @Column(name = "created_at", nullable = false, updatable = false)
  private LocalDateTime createdAt;

  protected Resident() {}

  private Resident(
      Membership membership,
      String name,
      String nameKana,
      LocalDate birthDate,
      String address,
      String email,
      String phone,
      String cardMemberCode,
      LocalDateTime now) {
    this.membership = membership;
    this.name = name;
    this.nameKana = nameKana;
    this.birthDate = birthDate;
    this.address = address;
    this.email = email;
    this.phone = phone;
    this.cardMemberCode = cardMemberCode;
    this.cardEnabled = cardMemberCode == null ? null : Boolean.TRUE;
    this.createdAt = now;
  }

  public static Resident appMember(
      String name,
      String nameKana,
      LocalDate birthDate,
      String address,
      String email,
      String phone,
      LocalDateTime now) {
    return new Resident(
        Membership.APP, name, nameKana, birthDate, address, email, phone, null, now);
  }

  public static Resident cardMember(
      String name,
      String nameKana,
      LocalDate birthDate,
      String address,
      String phone,
      String memberCode,
      LocalDateTime now) {
    if (!CardCode.isValid(memberCode)) {
      throw new IllegalArgumentException(
          "card member code must be 8 digits with a valid check digit: " + memberCode);
    }
    return new Resident(
        Membership.CARD, name, nameKana, birthDate, address, null, phone, memberCode, now);
  }

  public Long getId() {
    return id;
  }

  public Membership getMembership() {
    return membership;
  }

  public String getName() {
    return name;
  }

  public LocalDate getBirthDate() {
    return birthDate;
  }

  public String getCardMemberCode() {
    return cardMemberCode;
  }

  public boolean isCardEnabled() {
    return Boolean.TRUE.equals(cardEnabled);
  }
}
