package org.jimoto.payment.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.Catalog;
import org.jimoto.ledger.control.LedgerStore;
import org.jimoto.ledger.control.LotAllocator;
import org.jimoto.ledger.control.LotAllocator.Allocation;
import org.jimoto.ledger.entity.AccountKind;
import org.jimoto.ledger.entity.LotKind;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Does one payment or cancellation inside the transaction {@link
 * org.jimoto.payment.boundary.PaymentService} began. Any refusal is thrown as a {@link
 * RefusedException}, on which the whole transaction is rolled back: nothing is ever half done.
 */
@ApplicationScoped
public class PaymentProcessor {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;

  public PaymentView pay(PaymentRequest request) {
    return pay(request, null);
  }

  /**
   * a payment an app member makes on their own phone at a store QR code; the payer is the
   * logged-in resident, whatever the request's payer code says.
   */
  public PaymentView payAsResident(long residentId, PaymentRequest request) {
    return pay(request, residentId);
  }

  private PaymentView pay(PaymentRequest request, Long residentId) {
    try (Connection c = dataSource.getConnection()) {
      LocalDateTime now = LocalDateTime.now(clock);
      var catalog = new Catalog(c);
      var store = new LedgerStore(c, now);
      Catalog.PayerLookup lookup =
          residentId != null
              ? catalog.residentPayer(residentId, request.terminalId(), request.idempotencyKey())
              : catalog.payer(
                  request.payerCode(),
                  now,
                  request.terminalId(),
                  request.credentialSha256(),
                  request.idempotencyKey());
      switch (lookup.terminal()) { // #8 findings 5, 10: as the terminal's row says now
        case CREDENTIAL_REFUSED -> throw new RefusedException(Refusal.UNKNOWN_TERMINAL);
        case INACTIVE -> throw new RefusedException(Refusal.TERMINAL_INACTIVE);
        case SUSPENDED -> throw new RefusedException(Refusal.TERMINAL_SUSPENDED);
        case USABLE -> {}
      }
      if (lookup.keyUsed()) {
        throw new DuplicateRequestException(); // a retry; the boundary answers it
      }
      Catalog.Terminal terminal =
          catalog
              .terminal(request.terminalId())
              .orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_TERMINAL));
      catalog.refuseDuringMaintenance(now);
      if (lookup.card() && !terminal.cardAccepted()) {
        throw new CardsNotTakenHere(); // R-01, whichever card it is
      }
      // The request is checked before the payer is looked at: a malformed one (amount 0, an
      // unknown service) is refused alike for a real and an unknown card, so it cannot tell
      // which card numbers exist without counting as a refused card (#8 finding 5, review).
      List<Leg> legs = checkLegs(catalog, terminal, lookup.card(), request.legs());
      Catalog.Payer payer = lookup.payer().orElseThrow(() -> unknownPayer(lookup));
      // An unknown, a disabled and a not accepted card get one answer, so that a
      // terminal cannot tell which card numbers exist (#8 finding 5).
      if (payer.card() && !payer.cardEnabled()) {
        throw new RefusedException(Refusal.CARD_REFUSED);
      }
      long total = legs.stream().mapToLong(Leg::amountYen).sum();
      long entryId = store.insertEntry(Operation.USE, request.actor(), null);
      String paymentRef = UUID.randomUUID().toString();
      // the request's key is claimed before the single-use code is ended, so that a retry
      // racing its original waits on the key and is answered with the original payment, instead
      // of finding the code already ended and being refused.
      insertPayment(c, store, paymentRef, terminal, payer, total, entryId, request, now);
      if (payer.singleUseToken() != null) {
        endToken(c, payer);
      }

      // Wallets are locked in service-id order, so two combined payments cannot deadlock.
      List<PaymentView.Leg> views = new ArrayList<>();
      for (Leg leg : legs) {
        views.add(payLeg(store, entryId, terminal, payer, leg, now));
      }
      return new PaymentView(
          paymentRef,
          "COMPLETED",
          total,
          terminal.shopCode(),
          terminal.code(),
          now,
          null,
          views,
          false);
    } catch (SQLException e) {
      throw new IllegalStateException("payment failed: " + e.getMessage(), e);
    }
  }

  private record Leg(Catalog.Service service, long amountYen) {}

  /**
   * the QR code the resident portal shows pays once. Ended before any money moves, in the
   * payment's transaction: of two terminals reading the same code at once, the second waits for the
   * first's row lock and then finds it gone (refused as an unknown code); a refused payment rolls
   * back and leaves the code valid.
   */
  private static void endToken(Connection c, Catalog.Payer payer) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE resident SET pay_token = NULL, pay_token_expires_at = NULL,"
                + " pay_token_single_use = FALSE WHERE id = ? AND pay_token = ?")) {
      ps.setLong(1, payer.residentId());
      ps.setString(2, payer.singleUseToken());
      if (ps.executeUpdate() != 1) {
        throw new RefusedException(Refusal.UNKNOWN_RESIDENT);
      }
    }
  }

  private static RefusedException unknownPayer(Catalog.PayerLookup lookup) {
    return new RefusedException(lookup.card() ? Refusal.CARD_REFUSED : Refusal.UNKNOWN_RESIDENT);
  }

  private static List<Leg> checkLegs(
      Catalog catalog, Catalog.Terminal terminal, boolean card, List<PaymentRequest.Leg> in)
      throws SQLException {
    if (in == null || in.isEmpty()) {
      throw new RefusedException(Refusal.NO_PAYMENT_LEGS);
    }
    List<Leg> legs = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (PaymentRequest.Leg requested : in) {
      if (requested.amountYen() <= 0) {
        throw new RefusedException(Refusal.AMOUNT_NOT_POSITIVE);
      }
      Catalog.Service service = catalog.service(requested.serviceCode());
      if (!seen.add(service.id())) {
        throw new RefusedException(Refusal.DUPLICATE_SERVICE_LEG);
      }
      if (!terminal.acceptedServiceIds().contains(service.id())) {
        throw new RefusedException(Refusal.SERVICE_NOT_ACCEPTED, service.name());
      }
      if (card && !service.cardUsable()) {
        throw new RefusedException(Refusal.CARD_NOT_USABLE_FOR_SERVICE, service.name());
      }
      if (requested.amountYen() > service.maxPaymentYen()) {
        throw new RefusedException(
            Refusal.AMOUNT_TOO_LARGE, requested.amountYen(), service.maxPaymentYen());
      }
      legs.add(new Leg(service, requested.amountYen()));
    }
    legs.sort(Comparator.comparingLong(l -> l.service().id()));
    return legs;
  }

  private static void insertPayment(
      Connection c,
      LedgerStore store,
      String paymentRef,
      Catalog.Terminal terminal,
      Catalog.Payer payer,
      long total,
      long entryId,
      PaymentRequest request,
      LocalDateTime now)
      throws SQLException {
    long id = org.jimoto.ledger.control.IdAllocator.next(c, store.dialect(), "payment_seq");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO payment (id, payment_ref, terminal_id, shop_id, resident_id, amount_yen,"
                + " entry_id, status, idempotency_key, request_hash, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'COMPLETED', ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, paymentRef);
      ps.setLong(3, terminal.id());
      ps.setLong(4, terminal.shopId());
      ps.setLong(5, payer.residentId());
      ps.setLong(6, total);
      ps.setLong(7, entryId);
      ps.setString(8, request.idempotencyKey());
      ps.setString(9, request.fingerprint());
      ps.setTimestamp(10, Timestamp.valueOf(now));
      ps.executeUpdate();
    } catch (SQLException e) {
      if (org.jimoto.ledger.control.SqlDialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new DuplicateRequestException(); // the same key is being processed
      }
      throw e;
    }
  }

  private static PaymentView.Leg payLeg(
      LedgerStore store,
      long entryId,
      Catalog.Terminal terminal,
      Catalog.Payer payer,
      Leg leg,
      LocalDateTime now)
      throws SQLException {
    long serviceId = leg.service().id();
    Optional<long[]> debited =
        store.debitResidentWallet(payer.residentId(), serviceId, leg.amountYen());
    if (debited.isEmpty()) {
      Optional<Long> wallet = store.wallet(payer.residentId(), serviceId);
      long available = wallet.isEmpty() ? 0 : store.balance(wallet.get());
      throw new RefusedException(
          Refusal.INSUFFICIENT_BALANCE, leg.service().name(), available, leg.amountYen());
    }
    Optional<Long> wallet = Optional.of(debited.get()[0]);
    long after = debited.get()[1];
    List<Allocation> taken =
        store
            .takeFromEarliestLot(wallet.get(), leg.amountYen(), now.toLocalDate())
            .map(lot -> List.of(new Allocation(lot, leg.amountYen())))
            .orElse(null);
    if (taken == null) { // the amount spans several lots
      var lots = store.spendableLots(wallet.get(), now.toLocalDate());
      taken = LotAllocator.allocate(lots, leg.amountYen());
      if (taken.isEmpty()) {
        // Value past its expiry date is not spendable even before the expiry job has run.
        long spendable = lots.stream().mapToLong(LotAllocator.OpenLot::remainingYen).sum();
        throw new RefusedException(
            Refusal.INSUFFICIENT_BALANCE, leg.service().name(), spendable, leg.amountYen());
      }
      store.consumeLots(taken);
    }
    long shopAccount = store.account(serviceId, AccountKind.SHOP_RECEIVABLE, terminal.shopId());
    LedgerStore.Inserted transfer =
        store.insertTransfer(
            new LedgerStore.NewTransfer(
                entryId,
                serviceId,
                Operation.USE,
                wallet.get(),
                shopAccount,
                leg.amountYen(),
                payer.residentId(),
                terminal.shopId(),
                terminal.id(),
                after + leg.amountYen(),
                after,
                null,
                null));
    store.insertAllocations(transfer.id(), taken);
    return new PaymentView.Leg(transfer.tranId(), leg.service().code(), leg.amountYen(), after);
  }

  private record RefundedLot(long lotId, LotKind kind, long amountYen, LocalDate expiresOn) {}

  /**
   * R-84 with R-43: a payment made with a card that has since moved into an app account. The refund
   * first gives the card's wallet back exactly the lots the payment took (R-43, so the cancellation
   * still mirrors its original and references it, R-44), then, in the same journal entry, passes
   * them on as the move did: MIGRATE_OUT from the card to the card-migration account and MIGRATE
   * into the app wallet, as new lots of the same kind and the same expiry. The entry still sums to
   * zero, the card stays empty, and the merchant's cancel is never refused for it; like any refund
   * it does not count against the holding limit. Value already past its last valid day stays
   * on the card, as the move leaves it, for the expiry run.
   */
  private static void passOnToApp(
      Connection c,
      LedgerStore store,
      long cancelEntry,
      long[] original,
      long cardAfter,
      List<Allocation> allocations,
      long appResidentId,
      String paymentRef,
      LocalDateTime now)
      throws SQLException {
    long serviceId = original[1];
    long cardWallet = original[2];
    LocalDate today = now.toLocalDate();
    List<RefundedLot> lots = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT kind, expires_on FROM value_lot WHERE id = ?")) {
      for (Allocation a : allocations) {
        ps.setLong(1, a.lotId());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          LocalDate expiresOn = rs.getDate(2).toLocalDate();
          if (!expiresOn.isBefore(today)) {
            lots.add(
                new RefundedLot(
                    a.lotId(), LotKind.valueOf(rs.getString(1)), a.amountYen(), expiresOn));
          }
        }
      }
    }
    long amount = lots.stream().mapToLong(RefundedLot::amountYen).sum();
    if (amount == 0) {
      return;
    }
    List<Allocation> taken =
        lots.stream().map(l -> new Allocation(l.lotId(), l.amountYen())).toList();
    if (!store.debitWallet(cardWallet, amount)) {
      throw new IllegalStateException("card wallet " + cardWallet + " lost its refund");
    }
    store.consumeLots(taken);
    long transit = store.account(serviceId, AccountKind.CARD_MIGRATION, null);
    String note = "refund of cancelled payment " + paymentRef + " to the app account (R-84)";
    LedgerStore.Inserted out =
        store.insertTransfer(
            new LedgerStore.NewTransfer(
                cancelEntry,
                serviceId,
                Operation.MIGRATE_OUT,
                cardWallet,
                transit,
                amount,
                original[5],
                null,
                null,
                cardAfter,
                cardAfter - amount,
                null,
                note));
    store.insertAllocations(out.id(), taken);
    long appWallet = store.ensureWallet(appResidentId, serviceId);
    long appAfter = store.creditWallet(appWallet, amount, null).orElseThrow();
    LedgerStore.Inserted in =
        store.insertTransfer(
            new LedgerStore.NewTransfer(
                cancelEntry,
                serviceId,
                Operation.MIGRATE,
                transit,
                appWallet,
                amount,
                appResidentId,
                null,
                null,
                appAfter - amount,
                appAfter,
                null,
                note));
    for (RefundedLot l : lots) {
      store.insertLot(appWallet, in.id(), l.kind(), l.amountYen(), l.expiresOn());
    }
  }

  /**
   * Cancels a whole payment (every leg, R-33) for the shop that took it: a new journal entry
   * whose transfers reverse the originals and give back exactly the lots they took. If the
   * payer's card has moved into an app account since, the same entry passes the refund on to
   * that account ({@link #passOnToApp}).
   */
  public void cancel(long shopId, String paymentRef, String actor) {
    try (Connection c = dataSource.getConnection()) {
      LocalDateTime now = LocalDateTime.now(clock);
      var store = new LedgerStore(c, now);
      long paymentId;
      long entryId;
      try (PreparedStatement ps =
          c.prepareStatement(
              // Locked: concurrent cancels of one payment take turns, and the second is refused.
              "SELECT id, entry_id, shop_id, status FROM payment WHERE payment_ref = ? FOR UPDATE")) {
        ps.setString(1, paymentRef);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || rs.getLong(3) != shopId) {
            throw new RefusedException(Refusal.PAYMENT_NOT_FOUND); // not another shop's
          }
          if (!"COMPLETED".equals(rs.getString(4))) {
            throw new RefusedException(Refusal.ALREADY_CANCELLED);
          }
          paymentId = rs.getLong(1);
          entryId = rs.getLong(2);
        }
      }
      List<long[]> originals =
          new ArrayList<>(); // id, service, debit(wallet), credit(shop), amount, resident, terminal
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, service_id, debit_account_id, credit_account_id, amount_yen,"
                  + " resident_id, terminal_id, closed FROM transfer WHERE entry_id = ?"
                  + " ORDER BY service_id")) {
        ps.setLong(1, entryId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            if (rs.getBoolean(8)) {
              throw new RefusedException(Refusal.SETTLEMENT_CLOSED);
            }
            originals.add(
                new long[] {
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getLong(7)
                });
          }
        }
      }
      long cancelEntry = store.insertEntry(Operation.USE_CANCEL, actor, entryId);
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE payment SET status = 'CANCELLED', cancelled_at = ?, cancel_entry_id = ?"
                  + " WHERE id = ? AND status = 'COMPLETED'")) {
        ps.setTimestamp(1, Timestamp.valueOf(now));
        ps.setLong(2, cancelEntry);
        ps.setLong(3, paymentId);
        if (ps.executeUpdate() != 1) {
          throw new RefusedException(Refusal.ALREADY_CANCELLED); // a concurrent cancel won
        }
      }
      // the payer's row is locked before its wallets, as a card's move locks it first;
      // then a card that moved (before, or while this cancel waited) is seen as moved.
      Long movedTo = null;
      if (!originals.isEmpty()) {
        long payer = originals.get(0)[5];
        store.lockResident(payer);
        var holder = new Catalog(c).chargee(payer);
        if (holder.isPresent() && holder.get().cardMoved()) {
          movedTo = holder.get().cardMovedTo();
          store.lockResident(movedTo); // card row, app row, then wallets: as the move locks
          // #11 item 3: a lost card's replacement may itself have moved on (lost again, or into
          // the app); the refund goes to where the value lives now, however many moves that took
          // (#11 finding 10: a fixed hop count left it on a disabled card). Each move goes to a
          // newer account, so there is no cycle; the guard only stops a corrupt chain looping.
          Set<Long> seen = new HashSet<>(List.of(payer, movedTo));
          while (true) {
            var next = new Catalog(c).chargee(movedTo);
            if (next.isEmpty() || !next.get().cardMoved()) {
              break;
            }
            movedTo = next.get().cardMovedTo();
            if (!seen.add(movedTo)) {
              throw new IllegalStateException("card moves of resident " + payer + " loop");
            }
            store.lockResident(movedTo);
          }
        }
      }
      for (long[] o : originals) {
        long wallet = o[2];
        // the close may have committed since the legs were read; then nothing is done.
        if (!store.markCancelled(o[0])) {
          throw new RefusedException(Refusal.SETTLEMENT_CLOSED);
        }
        List<Allocation> allocations = store.allocationsOf(o[0]);
        // Giving back never hits the holding limit.
        long after = store.creditWallet(wallet, o[4], null).orElseThrow();
        store.restoreLots(allocations);
        LedgerStore.Inserted reversal =
            store.insertTransfer(
                new LedgerStore.NewTransfer(
                    cancelEntry,
                    o[1],
                    Operation.USE_CANCEL,
                    o[3],
                    wallet,
                    o[4],
                    o[5],
                    shopId,
                    o[6],
                    after - o[4],
                    after,
                    o[0],
                    null));
        store.insertAllocations(reversal.id(), allocations);
        if (movedTo != null) {
          passOnToApp(c, store, cancelEntry, o, after, allocations, movedTo, paymentRef, now);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cancellation failed: " + e.getMessage(), e);
    }
  }
}
