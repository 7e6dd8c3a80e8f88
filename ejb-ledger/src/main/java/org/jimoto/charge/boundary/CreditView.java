package org.jimoto.charge.boundary;

import java.time.LocalDate;
import java.util.List;

/**
 * What a charge or grant put into a wallet: one part per lot (charged part, premium part).
 *
 * @param replayed true if this answers a repeated provider reference with the original charge
 */
public record CreditView(
    String serviceCode,
    long creditedYen,
    long balanceAfterYen,
    List<Part> parts,
    boolean replayed) {

  public record Part(String tranId, String lotKind, long amountYen, LocalDate expiresOn) {}
}
