package org.jimoto.merchant.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.merchant.boundary.ProfileRefusal.Problem;
import org.jimoto.merchant.control.AccountNumber;
import org.jimoto.merchant.control.ZenginCodes;
import org.jimoto.merchant.control.ZenginCodes.Bank;
import org.jimoto.merchant.control.ZenginCodes.Branch;
import org.jimoto.merchant.control.ZenginKana;
import org.jimoto.merchant.entity.BankAccount;
import org.jimoto.merchant.entity.Business;

/**
 * The bank account a business's payouts go to (R-54; seed 001 "口座情報の確認", "振込先"), in the terms of a
 * Zengin transfer record: bank and branch codes from the Zengin code list, account type, a 7-digit
 * number and the holder's name in half-width kana. Any login of the business sees it with the
 * number masked; only the business account (事業者アカウント) changes it, never a shop account at the till.
 * Every change is audit-logged with the old and new values, the numbers masked.
 */
@Stateless
public class PayoutAccounts {

  static final int SUGGESTIONS = 20;

  @PersistenceContext EntityManager em;
  @Inject MerchantScopes scopes;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /**
   * The account as a screen shows it: the number masked ({@code ****567}).
   *
   * @param set false while the business has registered none
   * @param changeable whether this login may change it (the business account)
   */
  public record AccountView(
      boolean set,
      boolean changeable,
      String bankCode,
      String bankName,
      String branchCode,
      String branchName,
      BankAccount.Type type,
      String maskedNumber,
      String holderKana,
      LocalDateTime updatedAt) {}

  /** The fields as typed; {@code type} is a {@link BankAccount.Type} name. */
  public record AccountChange(
      String bankCode, String branchCode, String type, String number, String holder) {}

  /** The login's business's account; empty for a login that is no merchant's. */
  public Optional<AccountView> of(String loginName) {
    MerchantScope scope = scopes.of(loginName);
    if (scope.isNothing()) {
      return Optional.empty();
    }
    BankAccount a = em.find(BankAccount.class, scope.businessId());
    boolean changeable = !scope.isShopAccount();
    if (a == null) {
      return Optional.of(new AccountView(false, changeable, "", "", "", "", null, "", "", null));
    }
    return Optional.of(
        new AccountView(
            true,
            changeable,
            a.getBankCode(),
            a.getBankName(),
            a.getBranchCode(),
            a.getBranchName(),
            a.getType(),
            AccountNumber.masked(a.getAccountNumber()),
            a.getHolderKana(),
            a.getUpdatedAt()));
  }

  /**
   * Checks every field and sets the account, or changes nothing.
   *
   * @return the refused fields; empty when set (or when nothing changed)
   */
  public List<Problem> change(String loginName, AccountChange change) {
    MerchantScope scope = scopes.of(loginName);
    if (scope.isNothing() || scope.isShopAccount()) {
      return List.of(Problem.of("bank", ProfileRefusal.BUSINESS_ACCOUNT_ONLY));
    }
    List<Problem> problems = new ArrayList<>();
    Checked checked = check(change, problems);
    if (checked == null) {
      return problems;
    }
    String bankCode = checked.bankCode();
    String branchCode = checked.branchCode();
    BankAccount.Type type = checked.type();
    String number = checked.number();
    String holder = checked.holderKana();
    // The business's row is locked so that two changes at once are recorded one after the other.
    Business business = em.find(Business.class, scope.businessId(), LockModeType.PESSIMISTIC_WRITE);
    BankAccount account = em.find(BankAccount.class, scope.businessId());
    String before = account == null ? "(none)" : describe(account);
    String after =
        describe(
            bankCode, checked.bankName(), branchCode, checked.branchName(), type, number, holder);
    if (before.equals(after)) {
      return List.of();
    }
    boolean isNew = account == null;
    if (isNew) {
      account = new BankAccount(scope.businessId());
    }
    account.set(
        bankCode,
        checked.bankName(),
        branchCode,
        checked.branchName(),
        type,
        number,
        holder,
        MerchantScopes.normalized(loginName),
        LocalDateTime.now(clock));
    if (isNew) {
      em.persist(account);
    }
    audit.record(
        Portal.MERCHANT,
        MerchantScopes.normalized(loginName),
        "BANK_ACCOUNT_CHANGED",
        "business " + business.getCode() + ": " + before + " -> " + after);
    return List.of();
  }

  /**
   * An account as checked: bank and branch found in the Zengin code list, the number's digits, the
   * holder in half-width kana.
   */
  public record Checked(
      String bankCode,
      String bankName,
      String branchCode,
      String branchName,
      BankAccount.Type type,
      String number,
      String holderKana) {}

  /**
   * Checks the typed account (the shop page's, and the onboarding application's, #11): every field
   * whose value is refused adds its problem.
   *
   * @return the account as checked; null when any field was refused
   */
  static Checked check(AccountChange change, List<Problem> problems) {
    int before = problems.size();
    String bankCode = digits(change.bankCode());
    Bank bank = null;
    if (!bankCode.matches("[0-9]{4}")) {
      problems.add(Problem.of("bankCode", ProfileRefusal.BANK_CODE_FORMAT));
    } else {
      bank = ZenginCodes.bank(bankCode).orElse(null);
      if (bank == null) {
        problems.add(Problem.of("bankCode", ProfileRefusal.BANK_UNKNOWN, bankCode));
      }
    }
    String branchCode = digits(change.branchCode());
    Branch branch = null;
    if (!branchCode.matches("[0-9]{3}")) {
      problems.add(Problem.of("branchCode", ProfileRefusal.BRANCH_CODE_FORMAT));
    } else if (bank != null) {
      branch = ZenginCodes.branch(bankCode, branchCode).orElse(null);
      if (branch == null) {
        problems.add(
            Problem.of("branchCode", ProfileRefusal.BRANCH_UNKNOWN, branchCode, bank.name()));
      }
    }
    BankAccount.Type type = type(change.type());
    if (type == null) {
      problems.add(Problem.of("type", ProfileRefusal.ACCOUNT_TYPE_REQUIRED));
    }
    String number = null;
    AccountNumber.Result n = AccountNumber.check(change.number(), bankCode);
    if (n instanceof AccountNumber.Result.Valid v) {
      number = v.digits();
    } else if (n instanceof AccountNumber.Result.Invalid i) {
      problems.add(Problem.of("number", refusal(i.problem())));
    }
    String holder = null;
    ZenginKana.Result h = ZenginKana.check(change.holder());
    if (h instanceof ZenginKana.Result.Valid v) {
      holder = v.kana();
    } else if (h instanceof ZenginKana.Result.Invalid i) {
      problems.add(Problem.of("holder", refusal(i.problem()), i.detail()));
    }
    if (problems.size() > before) {
      return null;
    }
    return new Checked(bankCode, bank.name(), branchCode, branch.name(), type, number, holder);
  }

  /**
   * What a holder's name becomes in Zengin kana, or why it cannot: for the page to show as the
   * merchant types.
   */
  public ZenginKana.Result holderName(String typed) {
    return ZenginKana.check(typed);
  }

  public Optional<Bank> bank(String code) {
    return ZenginCodes.bank(digits(code));
  }

  public Optional<Branch> branch(String bankCode, String branchCode) {
    return ZenginCodes.branch(digits(bankCode), digits(branchCode));
  }

  /** Banks by code or name, for the bank field's suggestions. */
  public List<Bank> findBanks(String query) {
    return ZenginCodes.findBanks(query, SUGGESTIONS);
  }

  public List<Branch> findBranches(String bankCode, String query) {
    return ZenginCodes.findBranches(digits(bankCode), query, SUGGESTIONS);
  }

  /** The audit log's form of an account: all but the number's last three digits. */
  private static String describe(BankAccount a) {
    return describe(
        a.getBankCode(),
        a.getBankName(),
        a.getBranchCode(),
        a.getBranchName(),
        a.getType(),
        a.getAccountNumber(),
        a.getHolderKana());
  }

  private static String describe(
      String bankCode,
      String bankName,
      String branchCode,
      String branchName,
      BankAccount.Type type,
      String number,
      String holder) {
    return String.join(
        " / ",
        bankCode + " " + bankName,
        branchCode + " " + branchName,
        type.name(),
        AccountNumber.masked(number),
        holder);
  }

  /** Full-width digits to ASCII, spaces dropped; a suggestion's "0001 みずほ" gives its code. */
  static String digits(String typed) {
    String s =
        java.text.Normalizer.normalize(typed == null ? "" : typed, java.text.Normalizer.Form.NFKC)
            .strip();
    int space = s.indexOf(' ');
    return space > 0 ? s.substring(0, space) : s;
  }

  private static BankAccount.Type type(String name) {
    for (BankAccount.Type t : BankAccount.Type.values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }

  private static ProfileRefusal refusal(AccountNumber.Problem p) {
    return switch (p) {
      case EMPTY -> ProfileRefusal.ACCOUNT_NUMBER_EMPTY;
      case NOT_DIGITS -> ProfileRefusal.ACCOUNT_NUMBER_NOT_DIGITS;
      case TOO_LONG -> ProfileRefusal.ACCOUNT_NUMBER_TOO_LONG;
      case JAPAN_POST_SAVINGS_NUMBER -> ProfileRefusal.ACCOUNT_NUMBER_JAPAN_POST;
      case ALL_ZEROS -> ProfileRefusal.ACCOUNT_NUMBER_ALL_ZEROS;
    };
  }

  /** The message of a holder name the Zengin kana check refused (the pages show it as typed). */
  public static ProfileRefusal refusal(ZenginKana.Problem p) {
    return switch (p) {
      case EMPTY -> ProfileRefusal.HOLDER_EMPTY;
      case KANJI -> ProfileRefusal.HOLDER_KANJI;
      case CHARACTER -> ProfileRefusal.HOLDER_CHARACTER;
      case TOO_LONG -> ProfileRefusal.HOLDER_TOO_LONG;
    };
  }
}
