package org.jimoto.charge.boundary;

import java.util.Locale;
import org.jimoto.ledger.boundary.Refusal;

/** The answer to a charge, grant or grant cancellation. */
public sealed interface CreditOutcome {

  record Done(CreditView credit) implements CreditOutcome {}

  /**
   * A resident's online charge still being confirmed (確認中): the provider's answer has not arrived;
   * the reconciliation asks the provider and credits an approval once (V19).
   */
  record Confirming(String orderId, ChargeChannel channel, long amountYen)
      implements CreditOutcome {}

  record Refused(Refusal refusal, Object[] args) implements CreditOutcome {
    public String message(Locale locale) {
      return refusal.message(locale, args);
    }
  }
}
