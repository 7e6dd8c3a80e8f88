package org.jimoto.charge.boundary;

import java.time.LocalDate;
import java.util.List;

/** What a charge or grant put into a wallet: one part per lot (charged part, premium part). */
public record CreditView(
    String serviceCode, long creditedYen, long balanceAfterYen, List<Part> parts) {

  public record Part(String tranId, String lotKind, long amountYen, LocalDate expiresOn) {}
}
