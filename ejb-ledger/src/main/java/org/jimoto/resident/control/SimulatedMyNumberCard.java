package org.jimoto.resident.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.platform.boundary.Simulators;
import org.jimoto.resident.boundary.MyNumberCardPort;
import org.jimoto.resident.entity.Resident;

/**
 * The My Number Card simulator (the default adapter of {@link MyNumberCardPort}), realistic where
 * it matters: the PIN is four digits ({@code jimoto.mynumber.simulator.pin}, default 1234); three
 * wrong PINs in a row lock the card (counted from the recorded attempts, so a restart does not
 * unlock it); the resident's own card carries their registered name, date of birth and address,
 * someone else's card another person's, so a failure can be tried.
 */
@ApplicationScoped
public class SimulatedMyNumberCard implements MyNumberCardPort {

  public static final String NAME = "simulator";
  static final int MAX_WRONG_PINS = 3;

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "jimoto.mynumber.simulator.pin", defaultValue = "1234")
  String pin;

  @Inject Simulators simulators;

  /** Only in simulator (demo) mode ({@code jimoto.simulators}). */
  @Override
  public boolean configured() {
    return simulators.on();
  }

  @Override
  public Reading read(long residentId, String typedPin, CardChoice card) {
    int wrong = wrongPinsInARow(residentId);
    if (wrong >= MAX_WRONG_PINS) {
      return new Reading.Locked();
    }
    if (!pin.equals(typedPin)) {
      int left = MAX_WRONG_PINS - wrong - 1;
      return left <= 0 ? new Reading.Locked() : new Reading.WrongPin(left);
    }
    if (card == CardChoice.SOMEONE_ELSES) {
      return new Reading.Holder("若葉 一郎", LocalDate.of(1970, 1, 1), "東京都千代田区1-1");
    }
    Resident r = em.find(Resident.class, residentId);
    return new Reading.Holder(r.getName(), r.getBirthDate(), r.getAddress());
  }

  /** Wrong PINs recorded since the last attempt that was not one. */
  int wrongPinsInARow(long residentId) {
    var outcomes =
        em.createNativeQuery(
                "SELECT outcome FROM identity_check WHERE resident_id = ?1"
                    + " ORDER BY created_at DESC, id DESC")
            .setParameter(1, residentId)
            .setMaxResults(MAX_WRONG_PINS)
            .getResultList();
    int n = 0;
    for (Object o : outcomes) {
      if (!"WRONG_PIN".equals(String.valueOf(o)) && !"CARD_LOCKED".equals(String.valueOf(o))) {
        break;
      }
      n++;
    }
    return n;
  }

  @Override
  public String name() {
    return NAME;
  }
}
