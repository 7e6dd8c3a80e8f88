package org.jimoto.payment.boundary;

import java.util.Locale;
import org.jimoto.ledger.boundary.Refusal;

/** The answer to a payment or cancellation request. */
public sealed interface PaymentOutcome {

  record Done(PaymentView payment) implements PaymentOutcome {}

  record Refused(Refusal refusal, Object[] args) implements PaymentOutcome {
    public String message(Locale locale) {
      return refusal.message(locale, args);
    }
  }
}
