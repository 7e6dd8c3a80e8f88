package org.jimoto.payment.control;

import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;

/**
 * A card at a shop that takes no cards: the neutral CARD_REFUSED, as for an unknown or
 * disabled card, but given to every card number alike before any lookup, so it tells a guessing
 * terminal nothing and is not counted against the till (#8 finding 5): a shop's customers showing
 * their cards must not get its till suspended.
 */
public class CardsNotTakenHere extends RefusedException {

  private static final long serialVersionUID = 1L;

  public CardsNotTakenHere() {
    super(Refusal.CARD_REFUSED);
  }
}
