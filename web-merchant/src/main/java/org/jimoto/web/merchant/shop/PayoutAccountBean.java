package org.jimoto.web.merchant.shop;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.Serializable;
import java.util.List;
import org.jimoto.merchant.boundary.PayoutAccounts;
import org.jimoto.merchant.boundary.PayoutAccounts.AccountChange;
import org.jimoto.merchant.boundary.PayoutAccounts.AccountView;
import org.jimoto.merchant.boundary.ProfileRefusal;
import org.jimoto.merchant.boundary.ProfileRefusal.Problem;
import org.jimoto.merchant.control.ZenginKana;
import org.jimoto.merchant.entity.BankAccount;

/**
 * The bank account part of the shop page: the current account, masked, for every login of
 * the business; the form for the business account, with the bank and branch looked up in the Zengin
 * code list and the holder's name shown as it will be sent, as it is typed.
 */
@Named("payoutAccount")
@ViewScoped
public class PayoutAccountBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject PayoutAccounts accounts;
  @Inject SecurityContext security;

  private transient AccountView current;
  private String bankCode;
  private String branchCode;
  private String type;
  private String number;
  private String holder;

  private String login() {
    return security.getCallerPrincipal().getName();
  }

  public AccountView getCurrent() {
    if (current == null) {
      current = accounts.of(login()).orElse(null);
    }
    return current;
  }

  public void save() {
    List<Problem> problems =
        accounts.change(login(), new AccountChange(bankCode, branchCode, type, number, holder));
    if (!problems.isEmpty()) {
      FormMessages.show("bankForm", problems);
      return;
    }
    current = null;
    bankCode = null;
    branchCode = null;
    type = null;
    number = null;
    holder = null;
    FormMessages.info("shopPage.bank.saved");
  }

  /** Suggestions for the bank field: "0001 みずほ". */
  public List<String> completeBank(String query) {
    return accounts.findBanks(query).stream().map(b -> b.code() + " " + b.name()).toList();
  }

  /** Suggestions for the branch field, within the bank chosen. */
  public List<String> completeBranch(String query) {
    return accounts.findBranches(bankCode, query).stream()
        .map(b -> b.code() + " " + b.name())
        .toList();
  }

  /** The chosen bank's name, or what is wrong with the code; empty before anything is typed. */
  public String getBankLookup() {
    if (bankCode == null || bankCode.isBlank()) {
      return "";
    }
    return accounts
        .bank(bankCode)
        .map(b -> b.name() + " (" + b.code() + ")")
        .orElseGet(() -> FormMessages.text("shopPage.bank.notFound"));
  }

  public boolean isBankFound() {
    return bankCode != null && accounts.bank(bankCode).isPresent();
  }

  public String getBranchLookup() {
    if (branchCode == null || branchCode.isBlank() || !isBankFound()) {
      return "";
    }
    return accounts
        .branch(bankCode, branchCode)
        .map(b -> b.name() + " (" + b.code() + ")")
        .orElseGet(() -> FormMessages.text("shopPage.branch.notFound"));
  }

  public boolean isBranchFound() {
    return isBankFound() && accounts.branch(bankCode, branchCode).isPresent();
  }

  /** The holder's name as the transfer will carry it, or why it cannot be. */
  public String getHolderPreview() {
    if (holder == null || holder.isBlank()) {
      return "";
    }
    ZenginKana.Result r = accounts.holderName(holder);
    if (r instanceof ZenginKana.Result.Valid v) {
      return v.kana();
    }
    var i = (ZenginKana.Result.Invalid) r;
    ProfileRefusal refusal =
        switch (i.problem()) {
          case EMPTY -> ProfileRefusal.HOLDER_EMPTY;
          case KANJI -> ProfileRefusal.HOLDER_KANJI;
          case CHARACTER -> ProfileRefusal.HOLDER_CHARACTER;
          case TOO_LONG -> ProfileRefusal.HOLDER_TOO_LONG;
        };
    return refusal.message(FormMessages.locale(), i.detail());
  }

  public boolean isHolderValid() {
    return holder != null && accounts.holderName(holder) instanceof ZenginKana.Result.Valid;
  }

  public List<BankAccount.Type> getTypes() {
    return List.of(BankAccount.Type.values());
  }

  public String typeName(BankAccount.Type t) {
    return t == null ? "" : ProfileRefusal.label(FormMessages.locale(), "accountType." + t.name());
  }

  public String getBankCode() {
    return bankCode;
  }

  public void setBankCode(String bankCode) {
    this.bankCode = bankCode;
  }

  public String getBranchCode() {
    return branchCode;
  }

  public void setBranchCode(String branchCode) {
    this.branchCode = branchCode;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getNumber() {
    return number;
  }

  public void setNumber(String number) {
    this.number = number;
  }

  public String getHolder() {
    return holder;
  }

  public void setHolder(String holder) {
    this.holder = holder;
  }
}
