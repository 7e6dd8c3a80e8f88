package org.jimoto.web.resident.shops;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import org.jimoto.merchant.boundary.ProfileRefusal;
import org.jimoto.merchant.boundary.ShopDirectory;
import org.jimoto.merchant.boundary.ShopDirectory.Listing;
import org.jimoto.merchant.boundary.ShopDirectory.Page;
import org.jimoto.merchant.boundary.ShopDirectory.Query;
import org.jimoto.merchant.boundary.ShopDirectory.ServiceName;
import org.jimoto.merchant.entity.ShopCategory;

/**
 * The directory's search form and results (/shops.xhtml) and a shop's page (/shop.xhtml). The
 * search is in the address (view parameters), so a result can be bookmarked, shared and reloaded;
 * the form posts and redirects to it. View-scoped, so that a postback on the same page (the
 * language switch) keeps the search and the shop shown. Only translates: the ledger chooses the
 * shops.
 */
@Named("shops")
@ViewScoped
public class ShopsBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ShopDirectory directory;

  private String q;
  private String cat;
  private String area;
  private String svc;
  private boolean card;
  private int page;
  private long id;

  private transient Page result;
  private transient Optional<Listing> shop;
  private transient List<ServiceName> services;

  public Page getResult() {
    if (result == null) {
      result = directory.search(new Query(q, cat, area, svc, card, Math.max(0, page - 1)));
    }
    return result;
  }

  /** The shop of /shop.xhtml?id=..., or null when it is unknown or not published. */
  public Listing getShop() {
    if (shop == null) {
      shop = id > 0 ? directory.shop(id) : Optional.empty();
    }
    return shop.orElse(null);
  }

  /** The directory page's search: the form's values go into the address. */
  public String search() {
    page = 1;
    result = null;
    return "/shops?faces-redirect=true&includeViewParams=true";
  }

  public List<ServiceName> getServices() {
    if (services == null) {
      services = directory.services();
    }
    return services;
  }

  public List<ShopCategory> getCategories() {
    return Arrays.asList(ShopCategory.values());
  }

  public String categoryName(ShopCategory c) {
    return c == null ? "" : ProfileRefusal.label(locale(), "category." + c.name());
  }

  public String name(Listing s) {
    return english() && s.nameEn() != null && !s.nameEn().isBlank() ? s.nameEn() : s.nameJa();
  }

  public String serviceName(ServiceName s) {
    return english() ? s.nameEn() : s.nameJa();
  }

  /** The page numbers to offer: the current one and up to two on each side. */
  public List<Integer> pages() {
    Page r = getResult();
    int current = r.page() + 1;
    int from = Math.max(1, current - 2);
    int to = Math.min(r.pageCount(), current + 2);
    return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
  }

  public int getCurrentPage() {
    return getResult().page() + 1;
  }

  /** "3 shops" / "3 件のお店". */
  public String getCountText() {
    return text("shops.count", getResult().total());
  }

  public String photoAlt(int number) {
    Listing s = getShop();
    return text("shops.photo.alt", s == null ? "" : name(s), number);
  }

  private static String text(String key, Object... args) {
    String pattern =
        ResourceBundle.getBundle(
                "org.jimoto.web.resident.portal", locale(), ShopsBean.class.getClassLoader())
            .getString(key);
    return new MessageFormat(pattern, locale()).format(args);
  }

  private static boolean english() {
    return "en".equals(locale().getLanguage());
  }

  private static Locale locale() {
    return FacesContext.getCurrentInstance().getViewRoot().getLocale();
  }

  public String getQ() {
    return q;
  }

  public void setQ(String q) {
    this.q = q;
  }

  public String getCat() {
    return cat;
  }

  public void setCat(String cat) {
    this.cat = cat;
  }

  public String getArea() {
    return area;
  }

  public void setArea(String area) {
    this.area = area;
  }

  public String getSvc() {
    return svc;
  }

  public void setSvc(String svc) {
    this.svc = svc;
  }

  public boolean isCard() {
    return card;
  }

  public void setCard(boolean card) {
    this.card = card;
  }

  public int getPage() {
    return page;
  }

  public void setPage(int page) {
    this.page = page;
  }

  public long getId() {
    return id;
  }

  public void setId(long id) {
    this.id = id;
  }
}
