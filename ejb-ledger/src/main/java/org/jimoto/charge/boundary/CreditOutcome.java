package org.jimoto.charge.boundary;

import java.util.Locale;
import org.jimoto.ledger.boundary.Refusal;

/** The answer to a charge, grant or grant cancellation. */
public sealed interface CreditOutcome {

  record Done(CreditView credit) implements CreditOutcome {}

  record Refused(Refusal refusal, Object[] args) implements CreditOutcome {
    public String message(Locale locale) {
      return refusal.message(locale, args);
    }
  }
}
