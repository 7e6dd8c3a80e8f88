package org.jimoto.charge.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.jimoto.charge.control.CreditProcessor;
import org.jimoto.ledger.boundary.RefusedException;

/** Charges, grants and grant cancellations; each one transaction, refusals change nothing. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChargeService {

  @Inject CreditProcessor processor;

  public CreditOutcome charge(ChargeRequest request) {
    try {
      return new CreditOutcome.Done(processor.charge(request));
    } catch (RefusedException e) {
      return new CreditOutcome.Refused(e.refusal(), e.args());
    }
  }

  public CreditOutcome grant(
      long residentId,
      String serviceCode,
      long amountYen,
      LocalDate expiresOn,
      String actor,
      String note) {
    try {
      return new CreditOutcome.Done(
          processor.grant(residentId, serviceCode, amountYen, expiresOn, actor, note));
    } catch (RefusedException e) {
      return new CreditOutcome.Refused(e.refusal(), e.args());
    }
  }

  /**
   * @return empty when done, else the refusal
   */
  public java.util.Optional<CreditOutcome.Refused> cancelGrant(String tranId, String actor) {
    try {
      processor.cancelGrant(tranId, actor);
      return java.util.Optional.empty();
    } catch (RefusedException e) {
      return java.util.Optional.of(new CreditOutcome.Refused(e.refusal(), e.args()));
    }
  }
}
