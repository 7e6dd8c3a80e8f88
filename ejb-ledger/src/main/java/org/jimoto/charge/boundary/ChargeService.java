package org.jimoto.charge.boundary;

import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jimoto.charge.control.ChargeProcessor;
import org.jimoto.charge.control.DuplicateCharge;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;

/** Charges (チャージ); each one transaction, refusals change nothing. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChargeService {

  @Inject ChargeProcessor processor;

  /**
   * Charges a wallet. The provider's reference is the charge's idempotency key: the same reference
   * again (a repeated notification, a retry after a lost answer) returns the original charge and
   * credits nothing; with different details it is refused.
   */
  public CreditOutcome charge(ChargeRequest request) {
    try {
      return new CreditOutcome.Done(processor.charge(request));
    } catch (RefusedException e) {
      return new CreditOutcome.Refused(e.refusal(), e.args());
    } catch (DuplicateCharge e) {
      return replay(request);
    } catch (EJBException e) {
      if (e.getCause() instanceof DuplicateCharge) {
        return replay(request);
      }
      throw e;
    }
  }

  private CreditOutcome replay(ChargeRequest request) {
    var original =
        processor
            .recordedCharge(request.channel(), request.externalReference())
            .orElseThrow(() -> new IllegalStateException("lost duplicate charge"));
    boolean same =
        original.residentId() == request.residentId()
            && original.serviceCode().equals(request.serviceCode())
            && original.amountYen() == request.amountYen();
    return same
        ? new CreditOutcome.Done(processor.creditOf(original))
        : new CreditOutcome.Refused(
            Refusal.EXTERNAL_REFERENCE_REUSED, new Object[] {request.externalReference()});
  }
}
