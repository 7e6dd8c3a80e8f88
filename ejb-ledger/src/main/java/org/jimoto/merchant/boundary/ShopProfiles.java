package org.jimoto.merchant.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.merchant.boundary.ProfileRefusal.Problem;
import org.jimoto.merchant.control.PhotoCheck;
import org.jimoto.merchant.entity.Shop;
import org.jimoto.merchant.entity.ShopCategory;
import org.jimoto.merchant.entity.ShopPhoto;

/**
 * A shop's profile as its merchant keeps it (#9 item 8, seed 001 "店舗情報の編集, 画像の追加"): names in
 * Japanese and English, kind of shop, address, phone, opening hours and photos. Card acceptance and
 * the services accepted are the city's to decide and are only shown. Every
 * method takes the logged-in name and reaches only that login's shops: a shop account its
 * own, a business account its business's; any other shop id is answered as if it did not exist.
 * Every change is audit-logged with the old and new values.
 */
@Stateless
public class ShopProfiles {

  public static final int MAX_PHOTOS = 5;
  static final int MAX_NAME = 100;
  static final int MAX_ADDRESS = 300;
  static final int MAX_HOURS = 300;

  @PersistenceContext EntityManager em;
  @Inject MerchantScopes scopes;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** A service the shop accepts, with its names in both languages. */
  public record ServiceName(String code, String nameJa, String nameEn) {}

  public record PhotoView(long id, String contentType, int widthPx, int heightPx, int sizeBytes) {}

  /** What the profile page shows; {@code cardAccepted} and {@code services} are the city's. */
  public record Profile(
      long shopId,
      String shopCode,
      String nameJa,
      String nameEn,
      ShopCategory category,
      String address,
      String phone,
      String hours,
      boolean cardAccepted,
      boolean published,
      List<ServiceName> services,
      List<PhotoView> photos) {}

  /** The fields a merchant edits, as typed. */
  public record ProfileChange(
      String nameJa, String nameEn, String category, String address, String phone, String hours) {}

  public record Photo(String contentType, byte[] content, String sha256) {}

  public Optional<Profile> profile(String loginName, long shopId) {
    return inReach(loginName, shopId, false).map(this::view);
  }

  private Profile view(Shop s) {
    List<ServiceName> services =
        s.getAcceptedServices().stream()
            .sorted(Comparator.comparing(v -> v.getCode()))
            .map(v -> new ServiceName(v.getCode(), v.getNameJa(), v.getNameEn()))
            .toList();
    return new Profile(
        s.getId(),
        s.getCode(),
        s.getName(),
        s.getNameEn(),
        s.getCategory(),
        s.getAddress(),
        s.getPhone(),
        s.getHours(),
        s.isCardAccepted(),
        s.isPublished(),
        services,
        photos(s.getId()));
  }

  private List<PhotoView> photos(long shopId) {
    List<Object[]> rows =
        em.createQuery(
                "select p.id, p.contentType, p.widthPx, p.heightPx, p.sizeBytes from ShopPhoto p"
                    + " where p.shopId = :shop order by p.id",
                Object[].class)
            .setParameter("shop", shopId)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new PhotoView(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    ((Number) r[2]).intValue(),
                    ((Number) r[3]).intValue(),
                    ((Number) r[4]).intValue()))
        .toList();
  }

  /**
   * Checks every field and saves them all, or none.
   *
   * @return the refused fields; empty when saved (or when nothing changed)
   */
  public List<Problem> update(String loginName, long shopId, ProfileChange change) {
    Optional<Shop> found = inReach(loginName, shopId, true);
    if (found.isEmpty()) {
      return List.of(Problem.of("shop", ProfileRefusal.SHOP_NOT_IN_REACH));
    }
    List<Problem> problems = new ArrayList<>();
    String nameJa = text("nameJa", change.nameJa(), MAX_NAME, false, problems);
    if (nameJa != null && nameJa.isEmpty()) {
      problems.add(Problem.of("nameJa", ProfileRefusal.NAME_REQUIRED));
    }
    String nameEn = text("nameEn", change.nameEn(), MAX_NAME, false, problems);
    ShopCategory category = ShopCategory.of(change.category()).orElse(null);
    if (category == null) {
      problems.add(Problem.of("category", ProfileRefusal.CATEGORY_REQUIRED));
    }
    String address = text("address", change.address(), MAX_ADDRESS, false, problems);
    if (address != null && address.isEmpty()) {
      problems.add(Problem.of("address", ProfileRefusal.ADDRESS_REQUIRED));
    }
    String phone = phone(change.phone());
    if (phone == null) {
      problems.add(Problem.of("phone", ProfileRefusal.PHONE_INVALID));
    }
    String hours = text("hours", change.hours(), MAX_HOURS, true, problems);
    if (!problems.isEmpty()) {
      return problems;
    }
    Shop shop = found.get();
    List<String> changes = new ArrayList<>();
    diff(changes, "name", shop.getName(), nameJa);
    diff(changes, "nameEn", shop.getNameEn(), emptyToNull(nameEn));
    diff(
        changes,
        "category",
        shop.getCategory() == null ? null : shop.getCategory().name(),
        category.name());
    diff(changes, "address", shop.getAddress(), address);
    diff(changes, "phone", shop.getPhone(), phone);
    diff(changes, "hours", shop.getHours(), emptyToNull(hours));
    if (changes.isEmpty()) {
      return List.of();
    }
    shop.describe(nameJa, emptyToNull(nameEn), category, address, phone, emptyToNull(hours));
    audit.record(
        Portal.MERCHANT,
        MerchantScopes.normalized(loginName),
        "SHOP_PROFILE_CHANGED",
        "shop " + shop.getCode() + ": " + String.join("; ", changes));
    return List.of();
  }

  /**
   * Checks the uploaded bytes ({@link PhotoCheck}: by content, within 512 KB and 6000 px) and
   * stores the ledger's re-encoding of them.
   *
   * @return the refusal; empty when stored
   */
  public List<Problem> addPhoto(String loginName, long shopId, byte[] upload) {
    // The shop's row is locked, so that two uploads at once cannot pass the limit together.
    Optional<Shop> found = inReach(loginName, shopId, true);
    if (found.isEmpty()) {
      return List.of(Problem.of("photo", ProfileRefusal.SHOP_NOT_IN_REACH));
    }
    if (photos(shopId).size() >= MAX_PHOTOS) {
      return List.of(Problem.of("photo", ProfileRefusal.PHOTO_LIMIT, MAX_PHOTOS));
    }
    PhotoCheck.Result checked = PhotoCheck.check(upload);
    if (checked instanceof PhotoCheck.Result.Refused r) {
      return List.of(Problem.of("photo", refusal(r.problem())));
    }
    var ok = (PhotoCheck.Result.Accepted) checked;
    String sha256 = sha256(ok.content());
    ShopPhoto photo =
        new ShopPhoto(
            shopId,
            ok.contentType(),
            ok.content(),
            ok.widthPx(),
            ok.heightPx(),
            sha256,
            MerchantScopes.normalized(loginName),
            LocalDateTime.now(clock));
    em.persist(photo);
    em.flush();
    audit.record(
        Portal.MERCHANT,
        MerchantScopes.normalized(loginName),
        "SHOP_PHOTO_ADDED",
        "shop "
            + found.get().getCode()
            + ": photo "
            + photo.getId()
            + " "
            + ok.contentType()
            + " "
            + ok.widthPx()
            + "x"
            + ok.heightPx()
            + " "
            + ok.content().length
            + " bytes (uploaded "
            + upload.length
            + ") sha256 "
            + sha256);
    return List.of();
  }

  /**
   * @return empty when removed; PHOTO_NOT_FOUND also for another business's photo
   */
  public Optional<ProfileRefusal> removePhoto(String loginName, long photoId) {
    ShopPhoto photo = em.find(ShopPhoto.class, photoId);
    if (photo == null) {
      return Optional.of(ProfileRefusal.PHOTO_NOT_FOUND);
    }
    Optional<Shop> shop = inReach(loginName, photo.getShopId(), true);
    if (shop.isEmpty()) {
      return Optional.of(ProfileRefusal.PHOTO_NOT_FOUND);
    }
    em.remove(photo);
    audit.record(
        Portal.MERCHANT,
        MerchantScopes.normalized(loginName),
        "SHOP_PHOTO_REMOVED",
        "shop "
            + shop.get().getCode()
            + ": photo "
            + photoId
            + " "
            + photo.getSizeBytes()
            + " bytes sha256 "
            + photo.getSha256());
    return Optional.empty();
  }

  /** A photo's content, for the login that may see its shop only. */
  public Optional<Photo> photo(String loginName, long photoId) {
    ShopPhoto photo = em.find(ShopPhoto.class, photoId);
    if (photo == null || inReach(loginName, photo.getShopId(), false).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Photo(photo.getContentType(), photo.getContent(), photo.getSha256()));
  }

  private static ProfileRefusal refusal(PhotoCheck.Problem problem) {
    return switch (problem) {
      case EMPTY -> ProfileRefusal.PHOTO_EMPTY;
      case TOO_LARGE -> ProfileRefusal.PHOTO_TOO_LARGE;
      case NOT_JPEG_OR_PNG -> ProfileRefusal.PHOTO_NOT_JPEG_OR_PNG;
      case UNREADABLE -> ProfileRefusal.PHOTO_UNREADABLE;
      case TOO_MANY_PIXELS -> ProfileRefusal.PHOTO_TOO_MANY_PIXELS;
      case TOO_SMALL -> ProfileRefusal.PHOTO_TOO_SMALL;
    };
  }

  /** The shop, if the login reaches it; locked for writing when {@code forUpdate}. */
  private Optional<Shop> inReach(String loginName, long shopId, boolean forUpdate) {
    MerchantScope scope = scopes.of(loginName);
    if (scope.isNothing() || (scope.isShopAccount() && scope.shopId() != shopId)) {
      return Optional.empty();
    }
    Shop shop =
        forUpdate
            ? em.find(Shop.class, shopId, LockModeType.PESSIMISTIC_WRITE)
            : em.find(Shop.class, shopId);
    if (shop == null || shop.getBusiness().getId() != scope.businessId()) {
      return Optional.empty();
    }
    return Optional.of(shop);
  }

  // ------------------------------------------------------------------ field checks

  /**
   * The text stripped and in NFC; null (and a problem added) if too long or with control
   * characters. Line breaks are kept where {@code lines}, as \n.
   */
  static String text(String field, String typed, int max, boolean lines, List<Problem> problems) {
    String s = Normalizer.normalize(typed == null ? "" : typed, Normalizer.Form.NFC).strip();
    if (lines) {
      s = s.replace("\r\n", "\n").replace('\r', '\n');
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) && !(lines && c == '\n')) {
        problems.add(Problem.of(field, ProfileRefusal.TEXT_CONTROL_CHARACTERS));
        return null;
      }
    }
    int length = s.codePointCount(0, s.length());
    if (length > max) {
      problems.add(Problem.of(field, ProfileRefusal.TEXT_TOO_LONG, length, max));
      return null;
    }
    return s;
  }

  /**
   * A Japanese phone number: 10 or 11 digits starting with 0, written with hyphens, spaces or
   * brackets between groups as people do; full-width digits accepted. Null if not one.
   */
  static String phone(String typed) {
    String s = Normalizer.normalize(typed == null ? "" : typed, Normalizer.Form.NFKC).strip();
    if (!s.matches("[0-9()\\- ]+")) {
      return null;
    }
    String digits = s.replaceAll("[^0-9]", "");
    return digits.matches("0[0-9]{9,10}") ? s.replaceAll(" +", " ") : null;
  }

  private static void diff(List<String> changes, String field, String before, String after) {
    if (!Objects.equals(before, after)) {
      changes.add(field + " '" + nz(before) + "' -> '" + nz(after) + "'");
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s.replace("\n", " / ");
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
