package org.jimoto.merchant.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A merchant's application to join, as the public form sent it and the city reviews it
 * (R-61).
 *
 * <p>Lifecycle: SUBMITTED; then APPROVED (the business, its shop and their logins exist; final),
 * REJECTED (with the reason; final), or CORRECTION_REQUESTED (with a note and a mailed link), after
 * which the applicant's corrected form makes it SUBMITTED again. Invariants: every field was
 * checked by the ledger's {@code MerchantOnboarding} before it was stored; all {@link Declaration}s
 * were made; only a SUBMITTED application is decided.
 */
@Entity
@Table(name = "merchant_application")
public class MerchantApplication {

  public enum Status {
    SUBMITTED,
    CORRECTION_REQUESTED,
    APPROVED,
    REJECTED
  }

  /** The fields as checked (names stripped, phone as typed, bank as in the Zengin list). */
  public record Details(
      String businessName,
      String representative,
      String businessAddress,
      String businessPhone,
      String shopName,
      String shopNameEn,
      ShopCategory shopCategory,
      String shopAddress,
      String shopPhone,
      String email,
      String bankCode,
      String bankName,
      String branchCode,
      String branchName,
      BankAccount.Type accountType,
      String accountNumber,
      String holderKana) {}

  @Id
  @SequenceGenerator(
      name = "merchant_application_seq",
      sequenceName = "merchant_application_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "merchant_application_seq")
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(nullable = false)
  private String language;

  @Column(name = "business_name", nullable = false)
  private String businessName;

  @Column(nullable = false)
  private String representative;

  @Column(name = "business_address", nullable = false)
  private String businessAddress;

  @Column(name = "business_phone", nullable = false)
  private String businessPhone;

  @Column(name = "shop_name", nullable = false)
  private String shopName;

  @Column(name = "shop_name_en")
  private String shopNameEn;

  @Column(name = "shop_category", nullable = false)
  private String shopCategory;

  @Column(name = "shop_address", nullable = false)
  private String shopAddress;

  @Column(name = "shop_phone", nullable = false)
  private String shopPhone;

  @Column(nullable = false)
  private String email;

  @Column(name = "bank_code", nullable = false)
  private String bankCode;

  @Column(name = "bank_name", nullable = false)
  private String bankName;

  @Column(name = "branch_code", nullable = false)
  private String branchCode;

  @Column(name = "branch_name", nullable = false)
  private String branchName;

  @Column(name = "account_type", nullable = false)
  private int accountType;

  @Column(name = "account_number", nullable = false)
  private String accountNumber;

  @Column(name = "holder_kana", nullable = false)
  private String holderKana;

  @Column(nullable = false)
  private String declarations;

  @Column(name = "declarations_version", nullable = false)
  private String declarationsVersion;

  @Column(name = "submitted_at", nullable = false)
  private LocalDateTime submittedAt;

  @Column(name = "client_address")
  private String clientAddress;

  @Column(name = "correction_note")
  private String correctionNote;

  @Column(name = "correction_token_hash")
  private String correctionTokenHash;

  @Column(name = "correction_expires_at")
  private LocalDateTime correctionExpiresAt;

  @Column(name = "decided_by")
  private String decidedBy;

  @Column(name = "decided_at")
  private LocalDateTime decidedAt;

  @Column(name = "decision_reason")
  private String decisionReason;

  @Column(name = "business_id")
  private Long businessId;

  @Column(name = "shop_id")
  private Long shopId;

  @Version private long version;

  protected MerchantApplication() {}

  public MerchantApplication(
      Details details,
      Set<Declaration> declared,
      String language,
      String clientAddress,
      LocalDateTime now) {
    set(details, declared, now);
    this.language = language;
    this.clientAddress = clientAddress;
  }

  private void set(Details d, Set<Declaration> declared, LocalDateTime now) {
    if (!declared.containsAll(EnumSet.allOf(Declaration.class))) {
      throw new IllegalArgumentException("R-60: every declaration is required");
    }
    this.businessName = d.businessName();
    this.representative = d.representative();
    this.businessAddress = d.businessAddress();
    this.businessPhone = d.businessPhone();
    this.shopName = d.shopName();
    this.shopNameEn = d.shopNameEn();
    this.shopCategory = d.shopCategory().name();
    this.shopAddress = d.shopAddress();
    this.shopPhone = d.shopPhone();
    this.email = d.email();
    this.bankCode = d.bankCode();
    this.bankName = d.bankName();
    this.branchCode = d.branchCode();
    this.branchName = d.branchName();
    this.accountType = d.accountType().zenginCode();
    this.accountNumber = d.accountNumber();
    this.holderKana = d.holderKana();
    this.declarations =
        Arrays.stream(Declaration.values()).map(Enum::name).collect(Collectors.joining(","));
    this.declarationsVersion = Declaration.VERSION;
    this.submittedAt = now;
    this.status = Status.SUBMITTED;
  }

  /** The applicant's corrected form, sent through the correction link: under review again. */
  public void resubmit(Details details, Set<Declaration> declared, LocalDateTime now) {
    requireStatus(Status.CORRECTION_REQUESTED);
    set(details, declared, now);
    this.correctionTokenHash = null;
    this.correctionExpiresAt = null;
  }

  /** The city asks for a correction; the link's token hash is kept until the form comes back. */
  public void askCorrection(
      String note, String tokenHash, LocalDateTime expiresAt, String by, LocalDateTime now) {
    requireStatus(Status.SUBMITTED);
    this.status = Status.CORRECTION_REQUESTED;
    this.correctionNote = note;
    this.correctionTokenHash = tokenHash;
    this.correctionExpiresAt = expiresAt;
    decided(by, note, now);
  }

  public void reject(String reason, String by, LocalDateTime now) {
    requireStatus(Status.SUBMITTED);
    this.status = Status.REJECTED;
    decided(by, reason, now);
  }

  /** the business and shop now exist. */
  public void approve(long businessId, long shopId, String by, LocalDateTime now) {
    requireStatus(Status.SUBMITTED);
    this.status = Status.APPROVED;
    this.businessId = businessId;
    this.shopId = shopId;
    decided(by, null, now);
  }

  private void decided(String by, String reason, LocalDateTime now) {
    this.decidedBy = by;
    this.decidedAt = now;
    this.decisionReason = reason;
  }

  private void requireStatus(Status expected) {
    if (status != expected) {
      throw new IllegalStateException("application " + id + " is " + status + ", not " + expected);
    }
  }

  public Details details() {
    return new Details(
        businessName,
        representative,
        businessAddress,
        businessPhone,
        shopName,
        shopNameEn,
        ShopCategory.of(shopCategory).orElse(ShopCategory.OTHER),
        shopAddress,
        shopPhone,
        email,
        bankCode,
        bankName,
        branchCode,
        branchName,
        BankAccount.Type.ofCode(accountType),
        accountNumber,
        holderKana);
  }

  public Long getId() {
    return id;
  }

  public Status getStatus() {
    return status;
  }

  public String getLanguage() {
    return language;
  }

  public String getEmail() {
    return email;
  }

  public String getBusinessName() {
    return businessName;
  }

  public String getShopName() {
    return shopName;
  }

  public String getDeclarations() {
    return declarations;
  }

  public String getDeclarationsVersion() {
    return declarationsVersion;
  }

  public LocalDateTime getSubmittedAt() {
    return submittedAt;
  }

  public String getCorrectionNote() {
    return correctionNote;
  }

  public String getCorrectionTokenHash() {
    return correctionTokenHash;
  }

  public LocalDateTime getCorrectionExpiresAt() {
    return correctionExpiresAt;
  }

  public String getDecidedBy() {
    return decidedBy;
  }

  public LocalDateTime getDecidedAt() {
    return decidedAt;
  }

  public String getDecisionReason() {
    return decisionReason;
  }

  public Long getBusinessId() {
    return businessId;
  }

  public Long getShopId() {
    return shopId;
  }
}
