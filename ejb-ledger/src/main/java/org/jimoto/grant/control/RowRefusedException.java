package org.jimoto.grant.control;

import jakarta.ejb.ApplicationException;
import org.jimoto.ledger.boundary.Refusal;

/** A row of a bulk grant the ledger refused; it rolls back the whole file (nothing granted). */
@ApplicationException(rollback = true)
public class RowRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final int row;
  private final Refusal refusal;
  private final transient Object[] args;

  public RowRefusedException(int row, Refusal refusal, Object[] args) {
    super("row " + row + ": " + refusal, null, false, false);
    this.row = row;
    this.refusal = refusal;
    this.args = args.clone();
  }

  public int row() {
    return row;
  }

  public Refusal refusal() {
    return refusal;
  }

  public Object[] args() {
    return args.clone();
  }
}
