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

  /** when the resident's identity was proven (My Number Card). */
  @Column(name = "identity_verified_at")
  private LocalDateTime identityVerifiedAt;

  /** when the resident opened the link mailed to {@link #email}. */
  @Column(name = "email_verified_at")
  private LocalDateTime emailVerifiedAt;

  /** When {@link #phone} was confirmed with an SMS code; from then on, logins ask for a code. */
  @Column(name = "phone_confirmed_at")
  private LocalDateTime phoneConfirmedAt;

  /**
   * the address is in the city (null: not asked, e.g. residents registered at the window).
   */
  @Column(name = "lives_in_city")
  private Boolean livesInCity;

  /** ja or en: the language of mails and SMS. */
  @Column(name = "preferred_language")
  private String preferredLanguage;

  @Column(name = "terms_version")
  private String termsVersion;

  @Column(name = "terms_accepted_at")
  private LocalDateTime termsAcceptedAt;

  /** the resident asked the city to close the account (the city processes it). */
  @Column(name = "closing_requested_at")
  private LocalDateTime closingRequestedAt;

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

  /** a resident who signed up online, with the e-mail verified by its link. */
  public static Resident signedUp(
      String name,
      String nameKana,
      LocalDate birthDate,
      String address,
      boolean livesInCity,
      String verifiedEmail,
      String language,
      String termsVersion,
      LocalDateTime termsAcceptedAt,
      LocalDateTime now) {
    var r =
        new Resident(
            Membership.APP, name, nameKana, birthDate, address, verifiedEmail, null, null, now);
    r.livesInCity = livesInCity;
    r.emailVerifiedAt = now;
    r.preferredLanguage = language;
    r.termsVersion = termsVersion;
    r.termsAcceptedAt = termsAcceptedAt;
    return r;
  }

  /** A phone proven with an SMS code: logins ask for a code from now on. */
  public void confirmPhone(String phone, LocalDateTime now) {
    this.phone = phone;
    this.phoneConfirmedAt = now;
  }

  /** A new e-mail address, proven by its link. */
  public void changeEmail(String email, LocalDateTime now) {
    this.email = email;
    this.emailVerifiedAt = now;
  }

  public void setPreferredLanguage(String language) {
    this.preferredLanguage = language;
  }

  /** identity proven (My Number Card). */
  public void identityVerified(LocalDateTime now) {
    this.identityVerifiedAt = now;
  }

  /** the resident asks the city to close the account. */
  public void requestClosing(LocalDateTime now) {
    if (closingRequestedAt == null) {
      closingRequestedAt = now;
    }
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

  public String getNameKana() {
    return nameKana;
  }

  public String getAddress() {
    return address;
  }

  public String getEmail() {
    return email;
  }

  public String getPhone() {
    return phone;
  }

  public LocalDateTime getIdentityVerifiedAt() {
    return identityVerifiedAt;
  }

  public LocalDateTime getEmailVerifiedAt() {
    return emailVerifiedAt;
  }

  public LocalDateTime getPhoneConfirmedAt() {
    return phoneConfirmedAt;
  }

  public Boolean getLivesInCity() {
    return livesInCity;
  }

  public String getPreferredLanguage() {
    return preferredLanguage;
  }

  public LocalDateTime getClosingRequestedAt() {
    return closingRequestedAt;
  }

  public boolean isCardEnabled() {
    return Boolean.TRUE.equals(cardEnabled);
  }
}
