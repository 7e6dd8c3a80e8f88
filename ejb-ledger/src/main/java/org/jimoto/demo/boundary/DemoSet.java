package org.jimoto.demo.boundary;

import java.time.LocalDateTime;
import java.util.List;

/** What the demo data load created that a person needs to try the product. */
public record DemoSet(
    List<DemoLogin> logins,
    List<TerminalKey> terminalKeys,
    List<PayToken> payTokens,
    List<Card> cards) {

  /** A POS terminal's API credential (shown once, like a real issue). */
  public record TerminalKey(String terminalCode, String shopCode, String secret) {}

  /**
   * An app member's pay QR code as a shop scans it, to try the register screen and the POS
   * API with an app member before the resident portal shows one; valid for a day, not the five
   * minutes of a real one.
   */
  public record PayToken(String loginName, String token, LocalDateTime validUntil) {}

  /**
   * A card member's card: its member code, holder, the phone registered at the window
   * (SMS codes go there: /sms.xhtml) and the security code printed on it (shown once).
   */
  public record Card(
      String memberCode, String holder, String phone, String securityCode, String note) {}
}
