package org.jimoto.charge.control;

/**
 * The provider reference of a charge was recorded before: a repeated notification or a retry. The
 * boundary answers it with the original charge, after this transaction is rolled back.
 */
public class DuplicateCharge extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DuplicateCharge() {
    super("duplicate charge reference", null, false, false);
  }
}
