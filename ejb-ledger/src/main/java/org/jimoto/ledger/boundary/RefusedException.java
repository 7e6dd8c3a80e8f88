package org.jimoto.ledger.boundary;

import jakarta.ejb.ApplicationException;
import java.util.Arrays;

/**
 * Thrown inside the ledger's transactions to refuse a request; it rolls the transaction back so
 * nothing changes, and the boundary turns it into a refused result.
 */
@ApplicationException(rollback = true)
public class RefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final Refusal refusal;
  private final transient Object[] args;

  public RefusedException(Refusal refusal, Object... args) {
    super(refusal.name() + " " + Arrays.toString(args), null, false, false);
    this.refusal = refusal;
    this.args = args.clone();
  }

  public Refusal refusal() {
    return refusal;
  }

  public Object[] args() {
    return args.clone();
  }
}
