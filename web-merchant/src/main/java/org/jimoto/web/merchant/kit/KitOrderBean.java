package org.jimoto.web.merchant.kit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import org.jimoto.merchant.boundary.KitOrders;
import org.jimoto.merchant.boundary.KitOrders.OrderView;
import org.jimoto.merchant.boundary.KitOrders.Outcome;
import org.jimoto.merchant.boundary.MerchantShops.ShopView;
import org.jimoto.web.i18n.LocaleBean;
import org.jimoto.web.merchant.account.ShopSelectionBean;

/**
 * The kit order form for the shop chosen with the shop selector, and the login's past
 * orders. The shop id goes to the ledger, which takes it only if the login reaches that shop.
 */
@Named("kitOrder")
@RequestScoped
public class KitOrderBean {

  @Inject KitOrders kit;
  @Inject ShopSelectionBean shopSelection;
  @Inject SecurityContext security;
  @Inject LocaleBean localeBean;

  private Integer flags = 0;
  private Integer qrStands = 0;
  private Integer stickers = 0;
  private String note;
  private List<OrderView> orders;

  public String order() {
    ShopView shop = shopSelection.getShop();
    FacesContext faces = FacesContext.getCurrentInstance();
    if (shop == null) {
      faces.addMessage(
          null, message(FacesMessage.SEVERITY_ERROR, text("kit.problem.SHOP_NOT_IN_REACH")));
      return null;
    }
    Outcome outcome = kit.order(login(), shop.id(), nz(flags), nz(qrStands), nz(stickers), note);
    if (outcome instanceof Outcome.Refused refused) {
      faces.addMessage(
          null,
          message(FacesMessage.SEVERITY_ERROR, text("kit.problem." + refused.problem().name())));
      return null;
    }
    var ordered = (Outcome.Ordered) outcome;
    // Post-redirect-get: a reload does not order again; the message survives the redirect.
    faces.getExternalContext().getFlash().setKeepMessages(true);
    faces.addMessage(
        null,
        message(
            FacesMessage.SEVERITY_INFO,
            MessageFormat.format(text("kit.ordered"), String.valueOf(ordered.order().id()))));
    return "/app/kit?faces-redirect=true";
  }

  private static int nz(Integer n) {
    return n == null ? 0 : n;
  }

  private String login() {
    return security.getCallerPrincipal().getName();
  }

  private static FacesMessage message(FacesMessage.Severity severity, String text) {
    return new FacesMessage(severity, text, null);
  }

  private String text(String key) {
    return ResourceBundle.getBundle(
            "org.jimoto.web.merchant.portal",
            localeBean.getLocale(),
            KitOrderBean.class.getClassLoader())
        .getString(key);
  }

  public List<OrderView> getOrders() {
    if (orders == null) {
      orders = kit.forMerchant(login());
    }
    return orders;
  }

  public int getMaxFlags() {
    return KitOrders.MAX_FLAGS;
  }

  public int getMaxQrStands() {
    return KitOrders.MAX_QR_STANDS;
  }

  public int getMaxStickers() {
    return KitOrders.MAX_STICKERS;
  }

  public int getMaxNote() {
    return KitOrders.MAX_NOTE_CHARS;
  }

  public Integer getFlags() {
    return flags;
  }

  public void setFlags(Integer flags) {
    this.flags = flags;
  }

  public Integer getQrStands() {
    return qrStands;
  }

  public void setQrStands(Integer qrStands) {
    this.qrStands = qrStands;
  }

  public Integer getStickers() {
    return stickers;
  }

  public void setStickers(Integer stickers) {
    this.stickers = stickers;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = note;
  }
}
