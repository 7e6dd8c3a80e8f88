package org.jimoto.charge.control;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jimoto.charge.boundary.ResidentCharges;

/**
 * Reconciles the residents' online charge orders every minute (V19, R-20, R-35): a non-persistent
 * timer per server; the order rows are the memory, so a restart loses nothing, and on several
 * servers each order's row lock decides who works on it. A singleton: one run at a time per server.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChargeReconciliationTimer {

  @Inject ResidentCharges charges;

  @Schedule(minute = "*", hour = "*", persistent = false)
  void reconcile() {
    charges.reconcile();
  }
}
