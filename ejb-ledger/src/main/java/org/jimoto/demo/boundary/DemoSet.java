package org.jimoto.demo.boundary;

import java.util.List;

/** What the demo data load created that a person needs to try the product. */
public record DemoSet(List<DemoLogin> logins, List<TerminalKey> terminalKeys) {

  /** A POS terminal's API credential (shown once, like a real issue). */
  public record TerminalKey(String terminalCode, String shopCode, String secret) {}
}
