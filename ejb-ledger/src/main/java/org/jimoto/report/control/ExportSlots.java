package org.jimoto.report.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * How many streamed exports run at once on this node. An export holds a pooled connection and its
 * transaction until the browser has read the last byte, so slow downloads must not take the
 * connections payments need: at most {@link #MAX_TOTAL} at once, one per login.
 */
@ApplicationScoped
public class ExportSlots {

  /** Exports at once on a node: a few of the pool's 32 connections, the rest stay for payments. */
  public static final int MAX_TOTAL = 3;

  private final Semaphore total = new Semaphore(MAX_TOTAL);
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  /** A slot for the login's export, or empty when it has one running or all are taken. */
  public Optional<Slot> take(String login) {
    if (!running.add(login)) {
      return Optional.empty();
    }
    if (!total.tryAcquire()) {
      running.remove(login);
      return Optional.empty();
    }
    return Optional.of(new Slot(login));
  }

  /** A running export's slot, given back when it ends, however it ends. */
  public final class Slot implements AutoCloseable {
    private final String login;
    private boolean closed;

    private Slot(String login) {
      this.login = login;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        running.remove(login);
        total.release();
      }
    }
  }
}
