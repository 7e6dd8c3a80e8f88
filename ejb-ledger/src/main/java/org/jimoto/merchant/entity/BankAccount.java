package org.jimoto.merchant.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/**
 * Where a business's payouts go: one account per business, in the terms of a Zengin transfer
 * record. Set and changed only by the business account, every change audit-logged (the ledger's
 * {@code PayoutAccounts}); the values are checked there first.
 */
@Entity
@Table(name = "business_bank_account")
public class BankAccount {

  /** Zengin's account type codes (預金種目). */
  public enum Type {
    ORDINARY(1),
    CURRENT(2),
    SAVINGS(4);

    private final int zenginCode;

    Type(int zenginCode) {
      this.zenginCode = zenginCode;
    }

    public int zenginCode() {
      return zenginCode;
    }

    public static Type ofCode(int code) {
      for (Type t : values()) {
        if (t.zenginCode == code) {
          return t;
        }
      }
      throw new IllegalArgumentException("account type " + code);
    }
  }

  @Id
  @Column(name = "business_id")
  private Long businessId;

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

  @Column(name = "updated_at", nullable = false)
  private LocalDateTime updatedAt;

  @Column(name = "updated_by", nullable = false)
  private String updatedBy;

  protected BankAccount() {}

  public BankAccount(long businessId) {
    this.businessId = businessId;
  }

  public void set(
      String bankCode,
      String bankName,
      String branchCode,
      String branchName,
      Type type,
      String accountNumber,
      String holderKana,
      String by,
      LocalDateTime now) {
    this.bankCode = bankCode;
    this.bankName = bankName;
    this.branchCode = branchCode;
    this.branchName = branchName;
    this.accountType = type.zenginCode();
    this.accountNumber = accountNumber;
    this.holderKana = holderKana;
    this.updatedBy = by;
    this.updatedAt = now;
  }

  public Long getBusinessId() {
    return businessId;
  }

  public String getBankCode() {
    return bankCode;
  }

  public String getBankName() {
    return bankName;
  }

  public String getBranchCode() {
    return branchCode;
  }

  public String getBranchName() {
    return branchName;
  }

  public Type getType() {
    return Type.ofCode(accountType);
  }

  public String getAccountNumber() {
    return accountNumber;
  }

  public String getHolderKana() {
    return holderKana;
  }

  public LocalDateTime getUpdatedAt() {
    return updatedAt;
  }

  public String getUpdatedBy() {
    return updatedBy;
  }
}
