package org.jimoto.charge.control;

import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jimoto.platform.boundary.Simulators;

/**
 * The common part of the provider simulators: orders kept in memory for {@link #KEPT} (at most
 * {@link #MAX_SESSIONS}), and what the provider does with an order, chosen by its amount so that a
 * demo or a test can ask for each failure ({@link Scenario}). The simulator's page lists the
 * amounts.
 */
public abstract class SimulatedProvider implements ChargeProvider {

  static final Duration KEPT = Duration.ofMinutes(30);
  static final int MAX_SESSIONS = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * What the simulated provider does with an order. The amounts are within every channel's bounds
   * and are unlikely in real use (repeated digits).
   */
  public enum Scenario {
    APPROVE(0),
    /** The bank or card company says no (no funds, card refused). */
    DECLINE(1_111),
    /** The provider answers with a technical error. */
    FAIL(2_222),
    /** The provider approves but its answer is lost; it can be sent later from its page. */
    TIME_OUT(3_333);

    private final long amountYen;

    Scenario(long amountYen) {
      this.amountYen = amountYen;
    }

    /** The amount that asks for this scenario (0 for approval: any other amount). */
    public long amountYen() {
      return amountYen;
    }

    public static Scenario of(long amountYen) {
      for (Scenario s : values()) {
        if (s.amountYen == amountYen && s != APPROVE) {
          return s;
        }
      }
      return APPROVE;
    }
  }

  /** Where a session stands. */
  public enum State {
    OPEN,
    APPROVED,
    DECLINED,
    FAILED,
    /** Approved at the provider, the answer not delivered (yet). */
    ANSWER_LOST,
    /** Approved, and the late answer was sent. */
    ANSWER_SENT_LATE,
    CANCELLED,
    REVERSED
  }

  /** An order at the simulated provider. */
  public static final class Session {
    private final String id;
    private final Order order;
    private final Scenario scenario;
    private final Instant openedAt;
    private State state = State.OPEN;
    private String reference;

    Session(String id, Order order, Instant openedAt) {
      this.id = id;
      this.order = order;
      this.scenario = Scenario.of(order.amountYen());
      this.openedAt = openedAt;
    }

    public String id() {
      return id;
    }

    public Order order() {
      return order;
    }

    public Scenario scenario() {
      return scenario;
    }

    public synchronized State state() {
      return state;
    }

    public synchronized String reference() {
      return reference;
    }
  }

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  @Inject Simulators simulators;

  /** Only in simulator (demo) mode ({@code jimoto.simulators}). */
  @Override
  public boolean available() {
    return simulators.on();
  }

  /** The prefix of this provider's references, e.g. {@code BK}. */
  protected abstract String referencePrefix();

  @Override
  public String open(Order order) {
    forgetOld();
    if (sessions.size() >= MAX_SESSIONS) {
      throw new IllegalStateException("too many open orders at the simulator");
    }
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes);
    sessions.put(id, new Session(id, order, clock.instant()));
    return id;
  }

  @Override
  public Duration sessionLifetime() {
    return KEPT;
  }

  /**
   * Forgets every session, as a restart of the simulator (or of the server it runs in) does. The
   * ledger's order rows are the memory that survives (V19).
   */
  public void forgetAll() {
    sessions.clear();
  }

  @Override
  public Optional<Order> order(String sessionId) {
    return session(sessionId).map(Session::order);
  }

  public Optional<Session> session(String sessionId) {
    return sessionId == null ? Optional.empty() : Optional.ofNullable(sessions.get(sessionId));
  }

  /**
   * The resident authorised the order on the provider's page: the provider does what the order's
   * scenario says. Only an open session moves.
   */
  public State complete(String sessionId) {
    Session s = session(sessionId).orElseThrow();
    synchronized (s) {
      if (s.state == State.OPEN) {
        switch (s.scenario) {
          case APPROVE -> approve(s, State.APPROVED);
          case DECLINE -> s.state = State.DECLINED;
          case FAIL -> s.state = State.FAILED;
          case TIME_OUT -> approve(s, State.ANSWER_LOST);
        }
      }
      return s.state;
    }
  }

  public State cancel(String sessionId) {
    Session s = session(sessionId).orElseThrow();
    synchronized (s) {
      if (s.state == State.OPEN) {
        s.state = State.CANCELLED;
      }
      return s.state;
    }
  }

  /** The lost answer of an approved order is sent now (a late notification). */
  public boolean sendLateAnswer(String sessionId) {
    Session s = session(sessionId).orElseThrow();
    synchronized (s) {
      if (s.state == State.ANSWER_LOST || s.state == State.ANSWER_SENT_LATE) {
        s.state = State.ANSWER_SENT_LATE;
        return true;
      }
      return false;
    }
  }

  @Override
  public Answer answer(String sessionId) {
    Optional<Session> found = session(sessionId);
    if (found.isEmpty()) {
      return new Answer.Unknown(); // forgotten: not a failure, the money may have been taken
    }
    Session s = found.get();
    synchronized (s) {
      return switch (s.state) {
        case OPEN -> new Answer.Pending();
        case APPROVED, ANSWER_SENT_LATE -> new Answer.Approved(s.reference);
        case DECLINED -> new Answer.Declined();
        case FAILED -> new Answer.Failed();
        case ANSWER_LOST -> new Answer.NoAnswer();
        case CANCELLED -> new Answer.Cancelled();
        case REVERSED -> new Answer.Reversed();
      };
    }
  }

  /** The inquiry knows an approval whose answer was lost. */
  @Override
  public Answer inquire(String sessionId) {
    Optional<Session> found = session(sessionId);
    if (found.isPresent()) {
      Session s = found.get();
      synchronized (s) {
        if (s.state == State.ANSWER_LOST) {
          return new Answer.Approved(s.reference);
        }
      }
    }
    return answer(sessionId);
  }

  @Override
  public void reverse(String sessionId) {
    session(sessionId)
        .ifPresent(
            s -> {
              synchronized (s) {
                // A lost answer was an approval too (the reconciliation learns it as one): the
                // money was taken, so it is given back like any other.
                if (s.state == State.APPROVED
                    || s.state == State.ANSWER_SENT_LATE
                    || s.state == State.ANSWER_LOST) {
                  s.state = State.REVERSED;
                }
              }
            });
  }

  private void approve(Session s, State state) {
    // Random, not a counter: a counter restarts with the simulator and repeats old references.
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    s.reference = referencePrefix() + "-" + HexFormat.of().withUpperCase().formatHex(bytes);
    s.state = state;
  }

  private void forgetOld() {
    Instant oldest = clock.instant().minus(KEPT);
    sessions.values().removeIf(s -> s.openedAt.isBefore(oldest));
  }
}
