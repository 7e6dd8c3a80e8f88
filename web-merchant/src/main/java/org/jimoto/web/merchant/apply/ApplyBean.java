package org.jimoto.web.merchant.apply;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIInput;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import org.jimoto.merchant.boundary.MerchantOnboarding;
import org.jimoto.merchant.boundary.MerchantOnboarding.ApplicationForm;
import org.jimoto.merchant.boundary.MerchantOnboarding.CorrectionView;
import org.jimoto.merchant.boundary.MerchantOnboarding.DeclarationText;
import org.jimoto.merchant.boundary.MerchantOnboarding.Submission;
import org.jimoto.merchant.boundary.PayoutAccounts;
import org.jimoto.merchant.boundary.ProfileRefusal;
import org.jimoto.merchant.boundary.ProfileRefusal.Problem;
import org.jimoto.merchant.control.ZenginKana;
import org.jimoto.merchant.entity.BankAccount;
import org.jimoto.merchant.entity.Declaration;
import org.jimoto.merchant.entity.MerchantApplication.Details;
import org.jimoto.merchant.entity.ShopCategory;
import org.jimoto.web.security.ClientAddress;

/**
 * The application form: translates the fields to the ledger and its refusals to messages on
 * the fields. The bank and branch suggestions and the holder's kana preview are the shop page's
 * ({@link PayoutAccounts}); every check is the ledger's.
 */
@Named("apply")
@ViewScoped
public class ApplyBean implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String FORM = "applyForm";

  @Inject MerchantOnboarding onboarding;
  @Inject PayoutAccounts accounts;

  private String correction;
  private boolean correctionChecked;
  private String correctionNote;
  private String maskedNumber;
  private boolean linkInvalid;
  private Long sentId;

  private String businessName;
  private String representative;
  private String businessAddress;
  private String businessPhone;
  private String shopName;
  private String shopNameEn;
  private String shopCategory;
  private String shopAddress;
  private String shopPhone;
  private String email;
  private String bankCode;
  private String branchCode;
  private String type;
  private String number;
  private String holder;
  private final Map<String, Boolean> declared = new HashMap<>();

  /** A correction link (?correction=...) fills the form with the application to correct. */
  public void load() {
    if (correctionChecked || correction == null || correction.isBlank()) {
      return;
    }
    correctionChecked = true;
    CorrectionView v = onboarding.correction(correction).orElse(null);
    if (v == null) {
      linkInvalid = true;
      return;
    }
    Details d = v.details();
    correctionNote = v.correctionNote();
    businessName = d.businessName();
    representative = d.representative();
    businessAddress = d.businessAddress();
    businessPhone = d.businessPhone();
    shopName = d.shopName();
    shopNameEn = d.shopNameEn();
    shopCategory = d.shopCategory().name();
    shopAddress = d.shopAddress();
    shopPhone = d.shopPhone();
    email = d.email();
    bankCode = d.bankCode();
    branchCode = d.branchCode();
    type = d.accountType().name();
    // #11 review finding 5: the page never gets the full number; the applicant types it again.
    number = null;
    maskedNumber = v.maskedAccountNumber();
    holder = d.holderKana();
    // The declarations are made again with the corrected form.
  }

  public void submit() {
    FacesContext faces = FacesContext.getCurrentInstance();
    Set<Declaration> ticked = EnumSet.noneOf(Declaration.class);
    for (Declaration d : Declaration.values()) {
      if (Boolean.TRUE.equals(declared.get(d.name()))) {
        ticked.add(d);
      }
    }
    var form =
        new ApplicationForm(
            businessName,
            representative,
            businessAddress,
            businessPhone,
            shopName,
            shopNameEn,
            shopCategory,
            shopAddress,
            shopPhone,
            email,
            bankCode,
            branchCode,
            type,
            number,
            holder,
            ticked);
    String client = ClientAddress.of((HttpServletRequest) faces.getExternalContext().getRequest());
    Submission result =
        isCorrecting()
            ? onboarding.resubmit(correction, form, locale(), client)
            : onboarding.submit(form, locale(), client);
    if (result instanceof Submission.Refused refused) {
      show(refused.problems());
      return;
    }
    sentId = ((Submission.Accepted) result).applicationId();
  }

  private void show(List<Problem> problems) {
    FacesContext faces = FacesContext.getCurrentInstance();
    for (Problem p : problems) {
      String clientId = FORM + ":" + p.field();
      UIComponent input = faces.getViewRoot().findComponent(":" + clientId);
      if (input instanceof UIInput in) {
        in.setValid(false);
      } else {
        clientId = null;
      }
      String label = label(p.field());
      String message = p.message(locale());
      faces.addMessage(
          clientId,
          new FacesMessage(
              FacesMessage.SEVERITY_ERROR, label == null ? message : label + ": " + message, null));
    }
    faces.validationFailed();
  }

  private String label(String field) {
    if (field.startsWith("declaration_")) {
      return null; // the message names the declaration
    }
    try {
      return ResourceBundle.getBundle(
              "org.jimoto.web.merchant.portal", locale(), getClass().getClassLoader())
          .getString("apply.field." + field);
    } catch (MissingResourceException none) {
      return null;
    }
  }

  private static Locale locale() {
    return FacesContext.getCurrentInstance().getViewRoot().getLocale();
  }

  // ------------------------------------------------------------------ what the page shows

  public List<DeclarationText> getDeclarations() {
    return onboarding.declarations(locale());
  }

  public List<ShopCategory> getCategories() {
    return List.of(ShopCategory.values());
  }

  public String categoryName(ShopCategory c) {
    return ProfileRefusal.label(locale(), "category." + c.name());
  }

  public List<BankAccount.Type> getTypes() {
    return List.of(BankAccount.Type.values());
  }

  public String typeName(BankAccount.Type t) {
    return ProfileRefusal.label(locale(), "accountType." + t.name());
  }

  public List<String> completeBank(String query) {
    return accounts.findBanks(query).stream().map(b -> b.code() + " " + b.name()).toList();
  }

  public List<String> completeBranch(String query) {
    return accounts.findBranches(bankCode, query).stream()
        .map(b -> b.code() + " " + b.name())
        .toList();
  }

  public String getBankLookup() {
    if (bankCode == null || bankCode.isBlank()) {
      return "";
    }
    return accounts.bank(bankCode).map(b -> b.name() + " (" + b.code() + ")").orElse("");
  }

  public String getBranchLookup() {
    if (branchCode == null || branchCode.isBlank() || bankCode == null) {
      return "";
    }
    return accounts
        .branch(bankCode, branchCode)
        .map(b -> b.name() + " (" + b.code() + ")")
        .orElse("");
  }

  /** The holder's name as the transfer will carry it (half-width kana), or why it cannot be. */
  public String getHolderPreview() {
    if (holder == null || holder.isBlank()) {
      return "";
    }
    ZenginKana.Result r = accounts.holderName(holder);
    if (r instanceof ZenginKana.Result.Valid v) {
      return v.kana();
    }
    var i = (ZenginKana.Result.Invalid) r;
    return PayoutAccounts.refusal(i.problem()).message(locale(), i.detail());
  }

  public boolean isHolderValid() {
    return holder != null && accounts.holderName(holder) instanceof ZenginKana.Result.Valid;
  }

  public boolean isCorrecting() {
    return correction != null && !correction.isBlank() && !linkInvalid;
  }

  public boolean isSent() {
    return sentId != null;
  }

  public Long getSentId() {
    return sentId;
  }

  public boolean isLinkInvalid() {
    return linkInvalid;
  }

  /** The account number as sent, masked (****321), while correcting. */
  public String getMaskedNumber() {
    return maskedNumber;
  }

  public String getCorrectionNote() {
    return correctionNote;
  }

  // ------------------------------------------------------------------ fields

  public Map<String, Boolean> getDeclared() {
    return declared;
  }

  public String getCorrection() {
    return correction;
  }

  public void setCorrection(String correction) {
    this.correction = correction;
  }

  public String getBusinessName() {
    return businessName;
  }

  public void setBusinessName(String v) {
    this.businessName = v;
  }

  public String getRepresentative() {
    return representative;
  }

  public void setRepresentative(String v) {
    this.representative = v;
  }

  public String getBusinessAddress() {
    return businessAddress;
  }

  public void setBusinessAddress(String v) {
    this.businessAddress = v;
  }

  public String getBusinessPhone() {
    return businessPhone;
  }

  public void setBusinessPhone(String v) {
    this.businessPhone = v;
  }

  public String getShopName() {
    return shopName;
  }

  public void setShopName(String v) {
    this.shopName = v;
  }

  public String getShopNameEn() {
    return shopNameEn;
  }

  public void setShopNameEn(String v) {
    this.shopNameEn = v;
  }

  public String getShopCategory() {
    return shopCategory;
  }

  public void setShopCategory(String v) {
    this.shopCategory = v;
  }

  public String getShopAddress() {
    return shopAddress;
  }

  public void setShopAddress(String v) {
    this.shopAddress = v;
  }

  public String getShopPhone() {
    return shopPhone;
  }

  public void setShopPhone(String v) {
    this.shopPhone = v;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String v) {
    this.email = v;
  }

  public String getBankCode() {
    return bankCode;
  }

  public void setBankCode(String v) {
    this.bankCode = v;
  }

  public String getBranchCode() {
    return branchCode;
  }

  public void setBranchCode(String v) {
    this.branchCode = v;
  }

  public String getType() {
    return type;
  }

  public void setType(String v) {
    this.type = v;
  }

  public String getNumber() {
    return number;
  }

  public void setNumber(String v) {
    this.number = v;
  }

  public String getHolder() {
    return holder;
  }

  public void setHolder(String v) {
    this.holder = v;
  }
}
