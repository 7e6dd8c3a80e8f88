package org.jimoto.merchant.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.merchant.entity.KitOrder;
import org.jimoto.merchant.entity.Shop;

/**
 * Orders for more merchant kit: a merchant login orders flags, QR stands and stickers for a
 * shop in its reach, with a note; each order is audit-logged. The city reads every
 * shop's orders to send them ({@link #recent}).
 */
@Stateless
public class KitOrders {

  /** Most of each item one order may ask for; a shop that needs more says so in the note. */
  public static final int MAX_FLAGS = 5;

  public static final int MAX_QR_STANDS = 10;
  public static final int MAX_STICKERS = 50;
  public static final int MAX_NOTE_CHARS = 500;

  /** How many orders a list shows at most (newest first). */
  public static final int MAX_LIST = 200;

  /** Why an order was not taken; nothing is stored then. */
  public enum Problem {
    NOTHING_ORDERED,
    NEGATIVE_QUANTITY,
    TOO_MANY_FLAGS,
    TOO_MANY_QR_STANDS,
    TOO_MANY_STICKERS,
    NOTE_TOO_LONG,
    /** A shop id that is not the login's (an edited form, or another business's shop). */
    SHOP_NOT_IN_REACH
  }

  /** An order as the merchant and the city see it. */
  public record OrderView(
      long id,
      String shopCode,
      String shopName,
      String businessName,
      int flags,
      int qrStands,
      int stickers,
      String note,
      String orderedBy,
      LocalDateTime orderedAt) {}

  /** What became of an order. */
  public sealed interface Outcome {
    record Ordered(OrderView order) implements Outcome {}

    record Refused(Problem problem) implements Outcome {}
  }

  @PersistenceContext EntityManager em;
  @Inject MerchantAccess access;
  @Inject AuditLog audit;
  @Inject Clock clock;

  /** Orders kit for the shop if the login reaches it and the quantities are within bounds. */
  public Outcome order(
      String loginName, long shopId, int flags, int qrStands, int stickers, String note) {
    String text = note == null || note.isBlank() ? null : note.strip();
    Optional<Problem> problem = check(flags, qrStands, stickers, text);
    if (problem.isPresent()) {
      return new Outcome.Refused(problem.get());
    }
    boolean inReach = access.scopeOf(loginName).flatMap(scope -> scope.shop(shopId)).isPresent();
    if (!inReach) {
      return new Outcome.Refused(Problem.SHOP_NOT_IN_REACH);
    }
    String actor = MerchantScopes.normalized(loginName);
    Shop shop = em.find(Shop.class, shopId);
    var order =
        new KitOrder(
            shop,
            flags,
            qrStands,
            stickers,
            text,
            actor,
            // to the second: what the database keeps, whatever its precision
            LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS));
    em.persist(order);
    em.flush();
    audit.record(
        Portal.MERCHANT,
        actor,
        "KIT_ORDERED",
        "kit order "
            + order.getId()
            + " shop "
            + shop.getCode()
            + ": flags "
            + flags
            + ", QR stands "
            + qrStands
            + ", stickers "
            + stickers,
        text);
    return new Outcome.Ordered(view(order));
  }

  /** The rules of an order's content, checked before anything else. */
  static Optional<Problem> check(int flags, int qrStands, int stickers, String note) {
    if (flags < 0 || qrStands < 0 || stickers < 0) {
      return Optional.of(Problem.NEGATIVE_QUANTITY);
    }
    if (flags + qrStands + stickers == 0) {
      return Optional.of(Problem.NOTHING_ORDERED);
    }
    if (flags > MAX_FLAGS) {
      return Optional.of(Problem.TOO_MANY_FLAGS);
    }
    if (qrStands > MAX_QR_STANDS) {
      return Optional.of(Problem.TOO_MANY_QR_STANDS);
    }
    if (stickers > MAX_STICKERS) {
      return Optional.of(Problem.TOO_MANY_STICKERS);
    }
    if (note != null && note.length() > MAX_NOTE_CHARS) {
      return Optional.of(Problem.NOTE_TOO_LONG);
    }
    return Optional.empty();
  }

  /** The orders of the shops the login reaches, newest first; none for a login of no merchant. */
  public List<OrderView> forMerchant(String loginName) {
    return access
        .scopeOf(loginName)
        .map(
            scope ->
                em
                    .createQuery(
                        "select o from KitOrder o where o.shop.id in :shops"
                            + " order by o.orderedAt desc, o.id desc",
                        KitOrder.class)
                    .setParameter(
                        "shops", scope.shops().stream().map(MerchantShops.ShopView::id).toList())
                    .setMaxResults(MAX_LIST)
                    .getResultList()
                    .stream()
                    .map(KitOrders::view)
                    .toList())
        .orElse(List.of());
  }

  /**
   * The city's view: every shop's orders, newest first, at most {@code limit} ({@link #MAX_LIST}).
   */
  public List<OrderView> recent(int limit) {
    return em
        .createQuery(
            "select o from KitOrder o join fetch o.shop s join fetch s.business"
                + " order by o.orderedAt desc, o.id desc",
            KitOrder.class)
        .setMaxResults(Math.max(1, Math.min(limit, MAX_LIST)))
        .getResultList()
        .stream()
        .map(KitOrders::view)
        .toList();
  }

  private static OrderView view(KitOrder o) {
    Shop shop = o.getShop();
    return new OrderView(
        o.getId(),
        shop.getCode(),
        shop.getName(),
        shop.getBusiness().getName(),
        o.getFlags(),
        o.getQrStands(),
        o.getStickers(),
        o.getNote(),
        o.getOrderedBy(),
        o.getOrderedAt());
  }
}
