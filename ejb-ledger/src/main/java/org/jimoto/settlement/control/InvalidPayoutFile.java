package org.jimoto.settlement.control;

/**
 * Why a Zengin payout file was not produced. {@code position} is the payout line (1-based)
 * for an input problem, the record (1-based) for a problem the check found in the written file, 0
 * for the file or the requester as a whole.
 */
public final class InvalidPayoutFile extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public enum Problem {
    NO_LINES,
    TOO_MANY_LINES,
    BAD_REQUESTER,
    BAD_SHOP_ID,
    UNKNOWN_BANK,
    UNKNOWN_BRANCH,
    BAD_ACCOUNT_NUMBER,
    BAD_HOLDER_NAME,
    AMOUNT_NOT_POSITIVE,
    AMOUNT_TOO_LARGE,
    TOTAL_TOO_LARGE,
    // found by ZenginFileCheck in a written file
    RECORD_LENGTH,
    RECORD_ORDER,
    NOT_DIGITS,
    CHARACTER_NOT_ALLOWED,
    COUNT_MISMATCH,
    TOTAL_MISMATCH
  }

  private final Problem problem;
  private final int position;

  public InvalidPayoutFile(Problem problem, int position, String detail) {
    super(
        problem
            + (position > 0 ? " at " + position : "")
            + (detail.isEmpty() ? "" : ": " + detail));
    this.problem = problem;
    this.position = position;
  }

  public Problem problem() {
    return problem;
  }

  public int position() {
    return position;
  }
}
