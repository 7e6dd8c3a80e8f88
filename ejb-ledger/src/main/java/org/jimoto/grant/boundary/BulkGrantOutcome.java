package org.jimoto.grant.boundary;

import java.util.Locale;
import org.jimoto.ledger.boundary.Refusal;

/** The answer to a bulk grant: all rows granted, or nothing (with the preview or the row why). */
public sealed interface BulkGrantOutcome {

  /**
   * @param granted rows granted now
   * @param skipped rows an earlier upload already granted (not granted again)
   */
  record Granted(int granted, long grantedYen, int skipped) implements BulkGrantOutcome {}

  /** The file or some rows are wrong: nothing was granted; the preview says what. */
  record Invalid(GrantPreview preview) implements BulkGrantOutcome {}

  /** A row the ledger refused while granting (e.g. a holding limit): nothing was granted. */
  record Refused(int row, Refusal refusal, Object[] args) implements BulkGrantOutcome {
    public String message(Locale locale) {
      return refusal.message(locale, args);
    }
  }
}
