package org.jimoto.payment.boundary;

import java.util.List;

/**
 * A payment taken at a terminal.
 *
 * @param payerCode the resident's app QR token, or the 8-digit card member code
 * @param legs how much each service pays; one leg, or several for a combined payment
 * @param credentialSha256 SHA-256 of the secret the POS presented: the payment checks it against
 *     the terminal's current one, so a replaced credential stops at once (#8 finding 10); null for
 *     payments the ledger itself is asked for (tests, batch)
 */
public record PaymentRequest(
    long terminalId,
    String idempotencyKey,
    String payerCode,
    List<Leg> legs,
    String actor,
    String credentialSha256) {

  public PaymentRequest(
      long terminalId, String idempotencyKey, String payerCode, List<Leg> legs, String actor) {
    this(terminalId, idempotencyKey, payerCode, legs, actor, null);
  }

  public record Leg(String serviceCode, long amountYen) {}

  /** A fingerprint of what was asked, to tell a retry from a different request with a used key. */
  public String fingerprint() {
    StringBuilder sb = new StringBuilder().append(terminalId).append('|').append(payerCode);
    (legs == null ? List.<Leg>of() : legs)
        .stream()
            .sorted(java.util.Comparator.comparing(Leg::serviceCode))
            .forEach(l -> sb.append('|').append(l.serviceCode()).append('=').append(l.amountYen()));
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
