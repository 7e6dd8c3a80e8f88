package org.jimoto.charge.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ChargeRequest;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.charge.control.ChargeProvider.Answer;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * A resident's online charge as our order (charge_order, V19; R-20..R-23, R-35): written and
 * committed before the provider is asked, then moved one step at a time, each step in its own
 * transaction under the row's lock ({@code SELECT ... FOR UPDATE}). The lock serialises the
 * resident's return, the provider's late or repeated notification, the give-back and the
 * reconciliation, also on several servers: whoever holds it sees the status the others left. The
 * credit and the move to CREDITED commit with the ledger's journal entry, under our random order id
 * as the charge's idempotency key.
 */
@Stateless
public class ChargeOrders {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger LOG = Logger.getLogger(ChargeOrders.class.getName());

  /** Where an order stands; only OPEN and APPROVED move on. */
  public enum Status {
    /** Written; the provider may not have answered yet (or its answer was lost). */
    OPEN,
    /** The provider approved (the money is taken); the credit is due. */
    APPROVED,
    CREDITED,
    DECLINED,
    FAILED,
    CANCELLED,
    /** Approved, then given back to the resident because the ledger refused the credit. */
    REVERSED,
    /** The provider no longer knows an order that was never approved: nothing was taken. */
    EXPIRED;

    public boolean unfinished() {
      return this == OPEN || this == APPROVED;
    }
  }

  /** An order row. */
  public record Order(
      String id,
      long residentId,
      String serviceCode,
      ChargeChannel channel,
      long amountYen,
      String session,
      Status status,
      String reference,
      Long entryId,
      LocalDateTime createdAt,
      LocalDateTime updatedAt) {}

  /** What the provider answered and where the order stands after it. */
  public record Learnt(Order order, Answer answer) {}

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;
  @Inject ChargeProcessor processor;

  private static final String COLUMNS =
      "o.id, o.resident_id, v.code, o.channel, o.amount_yen, o.provider_session, o.status,"
          + " o.provider_ref, o.entry_id, o.created_at, o.updated_at";

  /** Writes a new OPEN order and commits it, before the provider is asked. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public String create(long residentId, long serviceId, ChargeChannel channel, long amountYen) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes); // unguessable, and never repeats across restarts
    Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO charge_order (id, resident_id, service_id, channel, amount_yen,"
                    + " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?)")) {
      ps.setString(1, id);
      ps.setLong(2, residentId);
      ps.setLong(3, serviceId);
      ps.setString(4, channel.name());
      ps.setLong(5, amountYen);
      ps.setTimestamp(6, now);
      ps.setTimestamp(7, now);
      ps.executeUpdate();
      return id;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records the provider's session of an open order (the resident goes to its page next). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void attach(String orderId, String session) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE charge_order SET provider_session = ?, updated_at = ?"
                    + " WHERE id = ? AND provider_session IS NULL")) {
      ps.setString(1, session);
      ps.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now(clock)));
      ps.setString(3, orderId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An order that failed to open at the provider: nothing was asked of the resident. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void failToOpen(String orderId) {
    try (Connection c = dataSource.getConnection()) {
      Order o = lock(c, orderId).orElseThrow();
      if (o.status() == Status.OPEN) {
        move(c, orderId, Status.FAILED, null, null);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Optional<Order> find(String orderId) {
    return query("o.id = ?", orderId).stream().findFirst();
  }

  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Optional<Order> bySession(ChargeChannel channel, String session) {
    if (session == null) {
      return Optional.empty();
    }
    return query("o.channel = ? AND o.provider_session = ?", channel.name(), session).stream()
        .findFirst();
  }

  /** A resident's orders not finished yet (OPEN, APPROVED), newest first. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public List<Order> unfinished(long residentId) {
    return query(
        "o.resident_id = ? AND o.status IN ('OPEN', 'APPROVED') ORDER BY o.created_at DESC",
        residentId);
  }

  /** Unfinished orders whose last change is older than {@code before}, oldest first. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public List<String> due(LocalDateTime before, int max) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id FROM charge_order WHERE status IN ('OPEN', 'APPROVED')"
                    + " AND updated_at < ? ORDER BY updated_at")) {
      ps.setTimestamp(1, Timestamp.valueOf(before));
      ps.setMaxRows(max);
      List<String> ids = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Asks the provider about an unfinished order under its lock and records the answer: an approval
   * (APPROVED with the reference, committed before any credit so that a crash cannot lose it), a
   * decline, an error, a cancel, a give-back; an order the provider no longer knows expires after
   * the provider's period unless its approval was recorded. {@code inquiry}: the reconciliation's
   * status inquiry rather than the answer the resident's return delivers.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Learnt learn(String orderId, ChargeProvider provider, boolean inquiry) {
    try (Connection c = dataSource.getConnection()) {
      Order o = lock(c, orderId).orElseThrow();
      if (!o.status().unfinished()) {
        return new Learnt(o, null);
      }
      Answer answer =
          o.session() == null
              ? new Answer.Unknown() // the provider was never reached
              : inquiry ? provider.inquire(o.session()) : provider.answer(o.session());
      Status next = o.status();
      String reference = null;
      if (answer instanceof Answer.Approved a && o.status() == Status.OPEN) {
        next = Status.APPROVED;
        reference = a.reference();
      } else if (answer instanceof Answer.Reversed) {
        next = Status.REVERSED;
      } else if (o.status() == Status.OPEN) {
        if (answer instanceof Answer.Declined) {
          next = Status.DECLINED;
        } else if (answer instanceof Answer.Failed) {
          next = Status.FAILED;
        } else if (answer instanceof Answer.Cancelled) {
          next = Status.CANCELLED;
        } else if (answer instanceof Answer.Unknown
            && o.createdAt().plus(provider.sessionLifetime()).isBefore(LocalDateTime.now(clock))) {
          // Never approved as far as we know, and past the provider's period: nothing was taken.
          // A real provider is asked by our order id or its reference and answers for good; the
          // simulator forgets its sessions after 30 minutes or a restart.
          next = Status.EXPIRED;
        }
      }
      if (next != o.status()) {
        move(c, orderId, next, reference, null);
        o = lock(c, orderId).orElseThrow();
      }
      return new Learnt(o, answer);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Credits an APPROVED order: under its lock, the ledger's charge (our order id its idempotency
   * key) and the move to CREDITED with the journal entry, in one transaction. A CREDITED order
   * answers with its charge again. Before crediting the provider is asked once more under the lock:
   * an approval given back meanwhile is never credited. A ledger refusal is thrown ({@link
   * org.jimoto.ledger.boundary.RefusedException}) and rolls everything back; {@link #giveBack}
   * follows.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public CreditOutcome credit(String orderId, ChargeProvider provider, String actor) {
    try (Connection c = dataSource.getConnection()) {
      Order o = lock(c, orderId).orElseThrow();
      if (o.status() == Status.CREDITED) {
        return replay(o);
      }
      if (o.status() != Status.APPROVED) {
        return new CreditOutcome.Refused(Refusal.CHARGE_ATTEMPT_UNKNOWN, new Object[0]);
      }
      if (o.session() != null && provider.inquire(o.session()) instanceof Answer.Reversed) {
        move(c, orderId, Status.REVERSED, null, null);
        return new CreditOutcome.Refused(Refusal.CHARGE_ATTEMPT_UNKNOWN, new Object[0]);
      }
      // the ledger's own idempotency is the second guard; a charge already recorded under
      // the order id is taken as this order's credit.
      Optional<ChargeProcessor.RecordedCharge> recorded =
          processor.recordedCharge(o.channel(), o.id());
      CreditOutcome outcome;
      if (recorded.isPresent()) {
        outcome = new CreditOutcome.Done(processor.creditOf(recorded.get()));
      } else {
        outcome =
            new CreditOutcome.Done(
                processor.charge(
                    new ChargeRequest(
                        o.residentId(),
                        o.serviceCode(),
                        o.channel(),
                        o.amountYen(),
                        o.id(),
                        actor)));
        recorded = processor.recordedCharge(o.channel(), o.id());
      }
      move(c, orderId, Status.CREDITED, null, recorded.orElseThrow().entryId());
      return outcome;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * No half charge: an APPROVED order the ledger refused is given back at the provider and marked
   * REVERSED, under the lock, so a concurrent credit either came first (the order is CREDITED and
   * nothing is given back) or finds it REVERSED. Returns the order after.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Order giveBack(String orderId, ChargeProvider provider) {
    try (Connection c = dataSource.getConnection()) {
      Order o = lock(c, orderId).orElseThrow();
      if (o.status() != Status.APPROVED) {
        return o;
      }
      if (o.session() == null || provider.inquire(o.session()) instanceof Answer.Unknown) {
        // A real provider is asked to give back by our order id or its reference; the simulator
        // forgot the session (a restart): someone must give the money back by hand.
        LOG.warning(
            "charge order "
                + orderId
                + " ("
                + o.reference()
                + "): the provider no longer knows it,"
                + " give "
                + o.amountYen()
                + " yen back by hand");
      } else {
        // Should the commit below fail, the provider answers Reversed and the next step records it.
        provider.reverse(o.session());
      }
      move(c, orderId, Status.REVERSED, null, null);
      return lock(c, orderId).orElseThrow();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private CreditOutcome replay(Order o) {
    var recorded = processor.recordedCharge(o.channel(), o.id()).orElseThrow();
    return new CreditOutcome.Done(processor.creditOf(recorded));
  }

  private Optional<Order> lock(Connection c, String orderId) throws SQLException {
    Optional<String> id;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM charge_order WHERE id = ? FOR UPDATE")) {
      ps.setString(1, orderId);
      try (ResultSet rs = ps.executeQuery()) {
        id = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
    if (id.isEmpty()) {
      return Optional.empty();
    }
    return read(c, "o.id = ?", orderId).stream().findFirst();
  }

  private void move(Connection c, String orderId, Status status, String reference, Long entryId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE charge_order SET status = ?, provider_ref = COALESCE(?, provider_ref),"
                + " entry_id = COALESCE(?, entry_id), updated_at = ? WHERE id = ?")) {
      ps.setString(1, status.name());
      ps.setString(2, reference);
      if (entryId == null) {
        ps.setNull(3, java.sql.Types.BIGINT);
      } else {
        ps.setLong(3, entryId);
      }
      ps.setTimestamp(4, Timestamp.valueOf(LocalDateTime.now(clock)));
      ps.setString(5, orderId);
      ps.executeUpdate();
    }
  }

  private List<Order> query(String where, Object... args) {
    try (Connection c = dataSource.getConnection()) {
      return read(c, where, args);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Order> read(Connection c, String where, Object... args) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM charge_order o JOIN value_service v ON v.id = o.service_id WHERE "
                + where)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      List<Order> orders = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long entryValue = rs.getLong(9);
          Long entry = rs.wasNull() ? null : entryValue; // right after its own column
          orders.add(
              new Order(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getString(3),
                  ChargeChannel.valueOf(rs.getString(4)),
                  rs.getLong(5),
                  rs.getString(6),
                  Status.valueOf(rs.getString(7)),
                  rs.getString(8),
                  entry,
                  rs.getTimestamp(10).toLocalDateTime(),
                  rs.getTimestamp(11).toLocalDateTime()));
        }
      }
      return orders;
    }
  }
}
