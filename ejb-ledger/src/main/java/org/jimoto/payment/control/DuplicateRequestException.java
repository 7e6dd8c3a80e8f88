package org.jimoto.payment.control;

import jakarta.ejb.ApplicationException;

/** Another request with the same idempotency key won the race; roll back and replay its result. */
@ApplicationException(rollback = true)
public class DuplicateRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DuplicateRequestException() {
    super("duplicate idempotency key", null, false, false);
  }
}
