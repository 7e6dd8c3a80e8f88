package org.jimoto.notification.boundary;

/** What {@link OneTimeCodes#check} found. Only {@link #VALID} lets the caller go on. */
public enum CodeCheck {
  /** The code is right; it is now used up (single-use). */
  VALID,
  /** Wrong code; tries remain. */
  WRONG,
  /** The code's time ran out: a new one must be sent. */
  EXPIRED,
  /** The last allowed try was wrong (or tries were already used up): a new code must be sent. */
  TOO_MANY_TRIES,
  /** No code was sent for this purpose and subject, or it was used already. */
  NO_CODE
}
