package org.jimoto.merchant.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.merchant.boundary.ShopProfiles.Photo;
import org.jimoto.merchant.entity.Shop;
import org.jimoto.merchant.entity.ShopCategory;
import org.jimoto.merchant.entity.ShopPhoto;
import org.jimoto.service.entity.ValueService;

/**
 * The public "使えるお店" directory (R-64, #10 item 7): anybody, without a login, finds the shops the
 * city has published by name, kind of shop and area, and filters by a service they accept
 * and by cards accepted. A shop the city has not published, or has withdrawn, is answered as
 * if it did not exist, its photos included. Publishing is the city's (the admin portal, #11) and is
 * audit-logged.
 *
 * <p>Every search reads at most one page ({@link #PAGE_SIZE}) and fetches that page's services and
 * photos in one query each, so a page costs three queries and a count whatever the city's size.
 */
@Stateless
public class ShopDirectory {

  public static final int PAGE_SIZE = 20;

  /** Longest search text kept; the rest is cut off rather than refused (it is only a search). */
  public static final int MAX_TEXT = 100;

  @PersistenceContext EntityManager em;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /**
   * What a visitor asks for; every field may be empty. {@code area} is matched within the address
   * (a district such as 本町 or 駅前), {@code category} is a {@link ShopCategory} name, {@code
   * serviceCode} a service's code; {@code page} counts from 0.
   */
  public record Query(
      String name,
      String category,
      String area,
      String serviceCode,
      boolean cardAcceptedOnly,
      int page) {}

  public record ServiceName(String code, String nameJa, String nameEn) {}

  /** A listed shop; {@code photoId} is its first photo, or null. */
  public record Listing(
      long shopId,
      String nameJa,
      String nameEn,
      ShopCategory category,
      String address,
      String phone,
      String hours,
      boolean cardAccepted,
      List<ServiceName> services,
      Long photoId,
      List<Long> photoIds) {}

  /** One page of results, with the number of matching shops. */
  public record Page(List<Listing> shops, long total, int page, int pageCount) {}

  /** The services a visitor can filter by (those of the deployment, in their order). */
  public List<ServiceName> services() {
    return em
        .createQuery("select v from ValueService v order by v.id", ValueService.class)
        .getResultList()
        .stream()
        .map(v -> new ServiceName(v.getCode(), v.getNameJa(), v.getNameEn()))
        .toList();
  }

  public Page search(Query query) {
    StringBuilder where = new StringBuilder(" where s.published = true");
    Map<String, Object> params = new HashMap<>();
    String name = clean(query.name());
    if (!name.isEmpty()) {
      where.append(
          " and (lower(s.name) like :name escape '!' or lower(s.nameEn) like :name escape '!')");
      params.put("name", "%" + likeEscaped(name.toLowerCase(Locale.ROOT)) + "%");
    }
    Optional<ShopCategory> category = ShopCategory.of(clean(query.category()));
    if (category.isPresent()) {
      where.append(" and s.category = :category");
      params.put("category", category.get().name());
    }
    String area = clean(query.area());
    if (!area.isEmpty()) {
      where.append(" and s.address like :area escape '!'");
      params.put("area", "%" + likeEscaped(area) + "%");
    }
    String service = clean(query.serviceCode());
    if (!service.isEmpty()) {
      where.append(
          " and exists (select 1 from Shop s2 join s2.acceptedServices v"
              + " where s2 = s and v.code = :service)");
      params.put("service", service);
    }
    if (query.cardAcceptedOnly()) {
      where.append(" and s.cardAccepted = true");
    }
    TypedQuery<Long> count = em.createQuery("select count(s) from Shop s" + where, Long.class);
    TypedQuery<Shop> select =
        em.createQuery("select s from Shop s" + where + " order by s.name, s.id", Shop.class);
    params.forEach(
        (k, v) -> {
          count.setParameter(k, v);
          select.setParameter(k, v);
        });
    long total = count.getSingleResult();
    int pageCount = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    int page = Math.min(Math.max(0, query.page()), pageCount - 1);
    List<Shop> shops =
        select.setFirstResult(page * PAGE_SIZE).setMaxResults(PAGE_SIZE).getResultList();
    return new Page(listings(shops), total, page, pageCount);
  }

  /** A published shop's directory entry; empty for an unknown or unpublished one. */
  public Optional<Listing> shop(long shopId) {
    Shop shop = em.find(Shop.class, shopId);
    if (shop == null || !shop.isPublished()) {
      return Optional.empty();
    }
    return Optional.of(listings(List.of(shop)).get(0));
  }

  /** A photo of a published shop; empty for any other photo id. */
  public Optional<Photo> photo(long photoId) {
    ShopPhoto photo = em.find(ShopPhoto.class, photoId);
    if (photo == null) {
      return Optional.empty();
    }
    Shop shop = em.find(Shop.class, photo.getShopId());
    if (shop == null || !shop.isPublished()) {
      return Optional.empty();
    }
    return Optional.of(new Photo(photo.getContentType(), photo.getContent(), photo.getSha256()));
  }

  /**
   * the city lists a shop in the directory (the admin portal calls this, #11). Audit-logged
   * with who did it.
   *
   * @return false if there is no such shop
   */
  public boolean publish(String actor, long shopId) {
    Shop shop = em.find(Shop.class, shopId, LockModeType.PESSIMISTIC_WRITE);
    if (shop == null) {
      return false;
    }
    shop.publish(LocalDateTime.now(clock));
    audit.record(Portal.ADMIN, actor, "SHOP_PUBLISH", "shop " + shop.getCode());
    return true;
  }

  /**
   * the city takes a shop out of the directory, with its reason. Its page and photos
   * are then answered as unknown.
   *
   * @return false if there is no such shop
   */
  public boolean withdraw(String actor, long shopId, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a withdrawal needs its reason (R-94)");
    }
    Shop shop = em.find(Shop.class, shopId, LockModeType.PESSIMISTIC_WRITE);
    if (shop == null) {
      return false;
    }
    shop.withdraw();
    audit.record(Portal.ADMIN, actor, "SHOP_WITHDRAW", "shop " + shop.getCode(), reason);
    return true;
  }

  private List<Listing> listings(List<Shop> shops) {
    if (shops.isEmpty()) {
      return List.of();
    }
    List<Long> ids = shops.stream().map(Shop::getId).toList();
    Map<Long, List<ServiceName>> services = new HashMap<>();
    for (Object[] r :
        em.createQuery(
                "select s.id, v.code, v.nameJa, v.nameEn from Shop s join s.acceptedServices v"
                    + " where s.id in :ids order by v.id",
                Object[].class)
            .setParameter("ids", ids)
            .getResultList()) {
      services
          .computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
          .add(new ServiceName((String) r[1], (String) r[2], (String) r[3]));
    }
    Map<Long, List<Long>> photos = new LinkedHashMap<>();
    for (Object[] r :
        em.createQuery(
                "select p.shopId, p.id from ShopPhoto p where p.shopId in :ids order by p.id",
                Object[].class)
            .setParameter("ids", ids)
            .getResultList()) {
      photos
          .computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>())
          .add(((Number) r[1]).longValue());
    }
    return shops.stream()
        .map(
            s -> {
              List<Long> photoIds = photos.getOrDefault(s.getId(), List.of());
              return new Listing(
                  s.getId(),
                  s.getName(),
                  s.getNameEn(),
                  s.getCategory(),
                  s.getAddress(),
                  s.getPhone(),
                  s.getHours(),
                  s.isCardAccepted(),
                  List.copyOf(services.getOrDefault(s.getId(), List.of())),
                  photoIds.isEmpty() ? null : photoIds.get(0),
                  List.copyOf(photoIds));
            })
        .toList();
  }

  /** Trimmed, width-normalized (全角英数 → 半角), at most {@link #MAX_TEXT} characters. */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
  }

  private static String likeEscaped(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
