package org.jimoto.settlement.control;

import java.util.Objects;
import org.jimoto.merchant.entity.BankAccount;

/**
 * One transfer of a payout file: what a shop is paid and where to. The account is the
 * business's registered payout account (V12, {@link BankAccount}), already checked when it was
 * saved; the file writer checks it again, because a file the bank refuses pays nobody.
 *
 * @param lineId the settlement line paid, written as 顧客コード2 so that the bank's result, which echoes
 *     the customer codes, names the line its result is for
 */
public record PayoutLine(
    long shopId,
    String bankCode,
    String branchCode,
    BankAccount.Type accountType,
    String accountNumber,
    String holderKana,
    long amountYen,
    long lineId) {

  public PayoutLine {
    Objects.requireNonNull(accountType);
  }

  /** A transfer not (yet) tied to a settlement line (顧客コード2 stays zero). */
  public PayoutLine(
      long shopId,
      String bankCode,
      String branchCode,
      BankAccount.Type accountType,
      String accountNumber,
      String holderKana,
      long amountYen) {
    this(shopId, bankCode, branchCode, accountType, accountNumber, holderKana, amountYen, 0);
  }

  public static PayoutLine of(long shopId, BankAccount account, long amountYen) {
    return new PayoutLine(
        shopId,
        account.getBankCode(),
        account.getBranchCode(),
        account.getType(),
        account.getAccountNumber(),
        account.getHolderKana(),
        amountYen);
  }
}
