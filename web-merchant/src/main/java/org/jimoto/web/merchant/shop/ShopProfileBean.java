package org.jimoto.web.merchant.shop;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jimoto.merchant.boundary.ProfileRefusal;
import org.jimoto.merchant.boundary.ProfileRefusal.Problem;
import org.jimoto.merchant.boundary.ShopProfiles;
import org.jimoto.merchant.boundary.ShopProfiles.Profile;
import org.jimoto.merchant.boundary.ShopProfiles.ProfileChange;
import org.jimoto.merchant.control.PhotoCheck;
import org.jimoto.merchant.entity.ShopCategory;
import org.jimoto.web.merchant.account.ShopSelectionBean;

/**
 * The profile part of the shop page: the form's fields, the photos. The shop is the one the shop
 * selector shows; the ledger checks again that the login reaches it.
 */
@Named("shopProfile")
@ViewScoped
public class ShopProfileBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ShopProfiles profiles;
  @Inject ShopSelectionBean selection;
  @Inject SecurityContext security;

  private Long shopId;
  private transient Profile profile;
  private String nameJa;
  private String nameEn;
  private String category;
  private String address;
  private String phone;
  private String hours;
  private transient Part upload;

  private String login() {
    return security.getCallerPrincipal().getName();
  }

  /** The selected shop's profile, read once per view (and again after a change). */
  public Profile getProfile() {
    Long selected = selection.getShopId();
    if (selected == null) {
      return null;
    }
    if (profile == null || !selected.equals(shopId)) {
      profile = profiles.profile(login(), selected).orElse(null);
      if (!selected.equals(shopId) && profile != null) {
        shopId = selected;
        fill(profile);
      }
    }
    return profile;
  }

  private void fill(Profile p) {
    nameJa = p.nameJa();
    nameEn = p.nameEn();
    category = p.category() == null ? null : p.category().name();
    address = p.address();
    phone = p.phone();
    hours = p.hours();
  }

  public void save() {
    if (getProfile() == null) {
      return;
    }
    List<Problem> problems =
        profiles.update(
            login(), shopId, new ProfileChange(nameJa, nameEn, category, address, phone, hours));
    if (!problems.isEmpty()) {
      FormMessages.show("profileForm", problems);
      return;
    }
    profile = null;
    fill(getProfile());
    FormMessages.info("shopPage.saved");
  }

  /**
   * Reads at most one byte more than the ledger takes, so that a larger file is refused by the
   * ledger's size check without being read whole.
   */
  public void addPhoto() throws IOException {
    if (getProfile() == null) {
      return;
    }
    byte[] data = new byte[0];
    if (upload != null && upload.getSize() > 0) {
      try (InputStream in = upload.getInputStream()) {
        data = in.readNBytes(PhotoCheck.MAX_BYTES + 1);
      } finally {
        upload.delete();
      }
    }
    List<Problem> problems = profiles.addPhoto(login(), shopId, data);
    upload = null;
    if (!problems.isEmpty()) {
      FormMessages.show("photoForm", problems);
      return;
    }
    profile = null;
    FormMessages.info("shopPage.photo.added");
  }

  public void removePhoto(long photoId) {
    Optional<ProfileRefusal> refused = profiles.removePhoto(login(), photoId);
    if (refused.isPresent()) {
      FormMessages.show("photoList", List.of(Problem.of("photo", refused.get())));
      return;
    }
    profile = null;
    FormMessages.info("shopPage.photo.removed");
  }

  public List<ShopCategory> getCategories() {
    return Arrays.asList(ShopCategory.values());
  }

  public String categoryName(ShopCategory c) {
    return c == null ? "" : ProfileRefusal.label(FormMessages.locale(), "category." + c.name());
  }

  /** The service's name in the page's language. */
  public String serviceName(ShopProfiles.ServiceName s) {
    return "ja".equals(FormMessages.locale().getLanguage()) ? s.nameJa() : s.nameEn();
  }

  public int getMaxPhotos() {
    return ShopProfiles.MAX_PHOTOS;
  }

  public String getNameJa() {
    return nameJa;
  }

  public void setNameJa(String nameJa) {
    this.nameJa = nameJa;
  }

  public String getNameEn() {
    return nameEn;
  }

  public void setNameEn(String nameEn) {
    this.nameEn = nameEn;
  }

  public String getCategory() {
    return category;
  }

  public void setCategory(String category) {
    this.category = category;
  }

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public String getPhone() {
    return phone;
  }

  public void setPhone(String phone) {
    this.phone = phone;
  }

  public String getHours() {
    return hours;
  }

  public void setHours(String hours) {
    this.hours = hours;
  }

  public Part getUpload() {
    return upload;
  }

  public void setUpload(Part upload) {
    this.upload = upload;
  }
}
