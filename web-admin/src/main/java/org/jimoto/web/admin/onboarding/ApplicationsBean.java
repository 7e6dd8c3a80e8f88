package org.jimoto.web.admin.onboarding;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jimoto.merchant.boundary.MerchantOnboarding;
import org.jimoto.merchant.boundary.MerchantOnboarding.ApplicationView;
import org.jimoto.merchant.boundary.MerchantOnboarding.DeclarationText;
import org.jimoto.merchant.boundary.MerchantOnboarding.Summary;
import org.jimoto.merchant.boundary.ProfileRefusal;
import org.jimoto.merchant.entity.BankAccount;
import org.jimoto.merchant.entity.MerchantApplication.Status;
import org.jimoto.merchant.entity.ShopCategory;

/**
 * The review queue of merchant applications: a list by status, one application opened with
 * the declarations it made, and a CITY_ADMIN's decisions, each with its outcome as a
 * message. The ledger decides who may do what; this bean only hides the buttons a reader cannot
 * use.
 */
@Named("applications")
@ViewScoped
public class ApplicationsBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject MerchantOnboarding onboarding;

  private Status status = Status.SUBMITTED;
  private Long id;
  private String reason;
  private transient List<Summary> list;
  private transient ApplicationView opened;

  /** ?id=... opens one application. */
  public void load() {
    if (id != null && opened == null) {
      opened = onboarding.open(id).orElse(null);
      if (opened == null) {
        error(ProfileRefusal.APPLICATION_NOT_FOUND);
        id = null;
      }
    }
  }

  public List<Summary> getList() {
    if (list == null) {
      list = onboarding.list(status);
    }
    return list;
  }

  public void showStatus() {
    list = null;
  }

  public boolean isMayDecide() {
    return FacesContext.getCurrentInstance().getExternalContext().isUserInRole("CITY_ADMIN");
  }

  public void approve() {
    decided(onboarding.approve(id), "applications.approved");
  }

  public void reject() {
    decided(onboarding.reject(id, reason), "applications.rejected");
  }

  public void askCorrection() {
    decided(onboarding.askCorrection(id, reason), "applications.correctionAsked");
  }

  public void publish() {
    decided(onboarding.publishShop(id), "applications.published");
  }

  private void decided(Optional<ProfileRefusal> refused, String doneKey) {
    if (refused.isPresent()) {
      error(refused.get());
      return;
    }
    reason = null;
    list = null;
    opened = onboarding.open(id).orElse(null);
    FacesContext faces = FacesContext.getCurrentInstance();
    faces.addMessage(
        null,
        new FacesMessage(
            FacesMessage.SEVERITY_INFO,
            MessageFormat.format(text(doneKey), String.valueOf(id)),
            null));
  }

  private void error(ProfileRefusal refusal) {
    FacesContext.getCurrentInstance()
        .addMessage(
            null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal.message(locale()), null));
  }

  private static String text(String key) {
    FacesContext faces = FacesContext.getCurrentInstance();
    return faces.getApplication().getResourceBundle(faces, "portal").getString(key);
  }

  private static Locale locale() {
    return FacesContext.getCurrentInstance().getViewRoot().getLocale();
  }

  // ------------------------------------------------------------------ names for the page

  public List<Status> getStatuses() {
    return List.of(Status.values());
  }

  public String statusName(Status s) {
    return s == null ? "" : ProfileRefusal.label(locale(), "status." + s.name());
  }

  public String categoryName(ShopCategory c) {
    return c == null ? "" : ProfileRefusal.label(locale(), "category." + c.name());
  }

  public String typeName(BankAccount.Type t) {
    return t == null ? "" : ProfileRefusal.label(locale(), "accountType." + t.name());
  }

  /** The declarations with their wording, as the applicant ticked them. */
  public List<DeclarationText> getDeclarations() {
    return onboarding.declarations(locale());
  }

  public boolean isPending() {
    return opened != null && opened.status() == Status.SUBMITTED;
  }

  public boolean isPublishable() {
    return opened != null
        && opened.status() == Status.APPROVED
        && opened.shopId() != null
        && !opened.shopPublished();
  }

  // ------------------------------------------------------------------ fields

  public ApplicationView getOpened() {
    return opened;
  }

  public Status getStatus() {
    return status;
  }

  public void setStatus(Status status) {
    this.status = status == null ? Status.SUBMITTED : status;
  }

  public Long getId() {
    return id;
  }

  public void setId(Long id) {
    this.id = id;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
