package org.jimoto.report.boundary;

import jakarta.ejb.ApplicationException;

/**
 * An export refused before it wrote anything: the login already has one running, or the node runs
 * as many as it allows ({@link org.jimoto.report.control.ExportSlots}). The caller answers "try
 * again shortly" (HTTP 503).
 */
@ApplicationException(rollback = true)
public class ExportsBusy extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExportsBusy() {
    super("an export is already running; try again shortly");
  }
}
