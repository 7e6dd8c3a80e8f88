package org.jimoto.resident.boundary;

import java.time.LocalDate;

/**
 * The port to My Number Card identity proofing: the resident consents, holds the card to the
 * phone and types the 4-digit PIN of its user certificate; the card answers with its holder's data
 * or a wrong PIN (the card locks after three in a row). Today the only adapter is the simulator
 * ({@code SimulatedMyNumberCard}), whose card is the resident's own or, to try a failure, someone
 * else's; a provider's adapter replaces it (then with a producer choosing by configuration, as
 * {@code SmsGatewayProducer} does).
 */
public interface MyNumberCardPort {

  /** Which card the simulator's resident holds; a real adapter reads the card itself. */
  enum CardChoice {
    OWN,
    SOMEONE_ELSES
  }

  /** What reading the card gave. */
  sealed interface Reading {
    record Holder(String name, LocalDate birthDate, String address) implements Reading {}

    record WrongPin(int triesLeft) implements Reading {}

    /** Three wrong PINs in a row: the card must be unlocked at the city window. */
    record Locked() implements Reading {}
  }

  Reading read(long residentId, String pin, CardChoice card);

  /**
   * Whether identity proofing can be done through this adapter: the simulator only in simulator
   * (demo) mode, as its card is whatever the resident says (#10 security review).
   */
  boolean configured();

  String name();
}
